/** Claim shapes sent to clients (API and UI). Pure: no I/O. */
import { effectiveChangers, parseChangers } from "@/lib/claims/review-rules";

export type PersonRef = { id: string; name: string } | null;

export type ClaimDto = {
  id: string;
  articleId: string;
  /** Stable number within the article (never reused, never renumbered). */
  number: number;
  /** Null when the claim is not anchored in the current revision (orphaned or retired). */
  start: number | null;
  end: number | null;
  quote: string | null;
  prefix: string;
  suffix: string;
  /** The text the verdict is about. */
  checkedQuote: string;
  anchor: string;
  anchorConfidence: number;
  summary: string;
  claimant: string;
  claimType: string;
  rationale: string;
  status: string;
  reviewState: string;
  reviewedBy: PersonRef;
  reviewedAt: string | null;
  /** The last review's note; stays until the next review. */
  reviewNote: string;
  /** Ids of the people who made reviewable changes since the last review (they may not review it). */
  reviewChangers: string[];
  assignee: PersonRef;
  dueAt: string | null;
  version: number;
  createdBy: PersonRef;
  statusSetBy: PersonRef;
  createdAt: string;
  updatedAt: string;
};

export type EvidenceDto = {
  id: string;
  claimId: string;
  url: string;
  title: string;
  stance: string;
  note: string;
  addedBy: PersonRef;
  createdAt: string;
};

export type CommentDto = { id: string; claimId: string; body: string; author: PersonRef; createdAt: string };
export type HistoryDto = { id: string; action: string; actor: PersonRef; before: unknown; after: unknown; at: string };
export type ClaimDetailDto = ClaimDto & { evidence: EvidenceDto[]; comments: CommentDto[]; history: HistoryDto[] };

const person = { select: { id: true, name: true } } as const;

/** The Prisma `select` that feeds `toClaimDto`. */
export const claimSelect = {
  id: true,
  articleId: true,
  number: true,
  start: true,
  end: true,
  quote: true,
  prefix: true,
  suffix: true,
  checkedQuote: true,
  anchor: true,
  anchorConfidence: true,
  summary: true,
  claimant: true,
  claimType: true,
  rationale: true,
  statusKey: true,
  reviewState: true,
  reviewedBy: person,
  reviewedAt: true,
  reviewNote: true,
  reviewChangers: true,
  assignee: person,
  dueAt: true,
  version: true,
  createdBy: person,
  statusSetBy: person,
  statusSetById: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** A claim row as `claimSelect` reads it. */
type ClaimRow = Omit<ClaimDto, "status" | "reviewedAt" | "dueAt" | "createdAt" | "updatedAt" | "reviewChangers" | "start" | "end" | "quote"> & {
  start: number;
  end: number;
  quote: string;
  statusKey: string;
  reviewChangers: string;
  reviewedAt: Date | null;
  dueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Maps a selected claim row to the API's claim object. */
export function toClaimDto(row: ClaimRow): ClaimDto {
  // The last offsets stay stored for the record, but they do not point into the current text.
  const anchored = isAnchored(row.anchor);
  return {
    id: row.id,
    articleId: row.articleId,
    number: row.number,
    start: anchored ? row.start : null,
    end: anchored ? row.end : null,
    quote: anchored ? row.quote : null,
    prefix: row.prefix,
    suffix: row.suffix,
    checkedQuote: row.checkedQuote || row.quote,
    anchor: row.anchor,
    anchorConfidence: row.anchorConfidence,
    summary: row.summary,
    claimant: row.claimant,
    claimType: row.claimType,
    rationale: row.rationale,
    status: row.statusKey,
    reviewState: row.reviewState,
    reviewedBy: row.reviewedBy,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    reviewNote: row.reviewNote,
    reviewChangers: effectiveChangers({ reviewChangers: parseChangers(row.reviewChangers), reviewState: row.reviewState, statusSetById: row.statusSetBy?.id ?? null }),
    assignee: row.assignee,
    dueAt: row.dueAt?.toISOString() ?? null,
    version: row.version,
    createdBy: row.createdBy,
    statusSetBy: row.statusSetBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const evidenceSelect = {
  id: true,
  claimId: true,
  url: true,
  title: true,
  stance: true,
  note: true,
  addedBy: person,
  createdAt: true,
} as const;

/** Maps a selected evidence row to the API's evidence object. */
export function toEvidenceDto(row: {
  id: string;
  claimId: string;
  url: string;
  title: string;
  stance: string;
  note: string;
  addedBy: PersonRef;
  createdAt: Date;
}): EvidenceDto {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/** True when a claim with this anchor state has a place in the current text (exact or moved). */
export function isAnchored(anchor: string): boolean {
  return anchor !== "orphaned" && anchor !== "retired";
}

/** Claims in reading order: by start, longer first when two start together; unanchored ones last. */
export function compareClaimsInTextOrder(a: { start: number | null; end: number | null }, b: { start: number | null; end: number | null }) {
  if (a.start === null || b.start === null) return (a.start === null ? 1 : 0) - (b.start === null ? 1 : 0);
  return a.start - b.start || (b.end ?? 0) - (a.end ?? 0);
}
