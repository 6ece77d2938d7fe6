/** The shape of a claim in the desk's lists (claims list, My queue, Review queue). Pure: no I/O. */
import type { ClaimDto, PersonRef } from "@/lib/claims/dto";

/** Longest quote a list row shows, in characters. */
export const LIST_QUOTE_LENGTH = 160;

/**
 * What a list row shows and its assignment control needs, and nothing else: a page of 50 rows
 * ships these to the browser, not 50 whole claims (context, rationale, people who changed it).
 */
export type ClaimListRow = {
  id: string;
  articleId: string;
  number: number;
  /** The quote (or, when the claim is not anchored, the checked quote), cut to LIST_QUOTE_LENGTH. */
  quote: string;
  summary: string;
  status: string;
  reviewState: string;
  /** The reviewer's note when changes were requested, else "". */
  reviewNote: string;
  reviewedBy: PersonRef;
  assignee: PersonRef;
  dueAt: string | null;
  version: number;
};

/** A quote as a list shows it: at most LIST_QUOTE_LENGTH characters, cut with "…". */
export function listQuote(text: string): string {
  return text.length > LIST_QUOTE_LENGTH ? `${text.slice(0, LIST_QUOTE_LENGTH - 1)}…` : text;
}

/** A list row from a whole claim (as actions answer with). */
export function toClaimListRow(c: ClaimDto): ClaimListRow {
  return {
    id: c.id,
    articleId: c.articleId,
    number: c.number,
    quote: listQuote(c.quote ?? c.checkedQuote),
    summary: c.summary,
    status: c.status,
    reviewState: c.reviewState,
    reviewNote: c.reviewState === "rejected" ? c.reviewNote : "",
    reviewedBy: c.reviewedBy,
    assignee: c.assignee,
    dueAt: c.dueAt,
    version: c.version,
  };
}
