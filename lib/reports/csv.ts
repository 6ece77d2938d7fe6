/**
 * CSV: one row per claim, RFC 4180 (CRLF, quotes doubled, a header row), UTF-8 with a BOM so
 * spreadsheet programs read accents. Cells a spreadsheet would run as a formula are neutralised.
 */
import { stringify } from "csv-stringify/sync";
import { reviewStateLabel, stanceLabel } from "@/lib/vocabulary";
import { yieldToEventLoop, type ReportData } from "@/lib/reports/model";
import { TextParts, type ReportSink } from "@/lib/reports/stream";

/** One claim as a CSV row sees it (from a report or from the claims list). */
export type CsvClaim = {
  articleId: string;
  articleTitle: string;
  articleRevision: number | null;
  number: number;
  id: string;
  quote: string | null;
  checkedQuote: string;
  anchor: string;
  start: number | null;
  end: number | null;
  statusLabel: string;
  statusKey: string;
  ratingValue: number | null;
  summary: string;
  claimant: string;
  claimType: string;
  rationale: string;
  statusSetBy: string | null;
  reviewState: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string;
  evidence: { url: string; title: string; stance: string; note: string }[];
  updatedAt: string;
};

export const CSV_COLUMNS = [
  "Article ID",
  "Article",
  "Revision",
  "Claim",
  "Claim ID",
  "Quote",
  "Checked text",
  "Anchor",
  "Start",
  "End",
  "Status",
  "Status key",
  "Rating",
  "Summary",
  "Claimant",
  "Claim type",
  "Rationale",
  "Verdict set by",
  "Review",
  "Reviewed by",
  "Reviewed at",
  "Review note",
  "Evidence links",
  "Evidence",
  "Updated at",
] as const;

/**
 * Neutralises a cell a spreadsheet would read as a formula (it begins with =, +, -, @, a tab or
 * a carriage return) by putting an apostrophe in front, which spreadsheets show as text.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function row(c: CsvClaim): (string | number)[] {
  const text = (v: string | null | undefined) => neutraliseCell(v ?? "");
  const evidence = c.evidence.map((e) => `${stanceLabel(e.stance)}: ${e.title.trim() ? `${e.title.trim()} <${e.url}>` : e.url}${e.note.trim() ? ` — ${e.note.trim()}` : ""}`).join("\n");
  return [
    text(c.articleId),
    text(c.articleTitle),
    c.articleRevision ?? "",
    c.number,
    text(c.id),
    text(c.quote),
    text(c.checkedQuote),
    text(c.anchor),
    c.start ?? "",
    c.end ?? "",
    text(c.statusLabel),
    text(c.statusKey),
    c.ratingValue ?? "",
    text(c.summary),
    text(c.claimant),
    text(c.claimType),
    text(c.rationale),
    text(c.statusSetBy),
    text(reviewStateLabel(c.reviewState)),
    text(c.reviewedBy),
    text(c.reviewedAt),
    text(c.reviewNote),
    c.evidence.length,
    text(evidence),
    text(c.updatedAt),
  ];
}

const CHUNK = 200;
// Line breaks inside a cell are quoted too, not only the CRLF record delimiter.
const OPTIONS = { record_delimiter: "windows", quoted_match: /[\r\n]/ } as const;

/**
 * The CSV text of `claims`: a BOM, the header row, then one row per claim, CRLF line ends.
 * With a sink, the rows are written to it a few at a time and "" is returned.
 */
export async function claimsToCsv(claims: CsvClaim[], sink?: ReportSink): Promise<string> {
  const parts = new TextParts("", sink);
  parts.push(stringify([[...CSV_COLUMNS]], { ...OPTIONS, bom: true }));
  for (let i = 0; i < claims.length; i += CHUNK) {
    if (i > 0) await yieldToEventLoop();
    parts.push(stringify(claims.slice(i, i + CHUNK).map(row), OPTIONS));
  }
  return parts.join();
}

/** The report's claims as CSV rows. */
export function reportCsvClaims(data: ReportData): CsvClaim[] {
  return data.claims.map((c) => ({
    articleId: data.article.id,
    articleTitle: data.article.title,
    articleRevision: data.article.revision,
    number: c.number,
    id: c.id,
    quote: c.quote,
    checkedQuote: c.checkedQuote,
    anchor: c.anchor,
    start: c.start,
    end: c.end,
    statusLabel: c.status.label,
    statusKey: c.status.key,
    ratingValue: c.status.rating?.value ?? null,
    summary: c.summary,
    claimant: c.claimant,
    claimType: c.claimType,
    rationale: c.rationale,
    statusSetBy: c.statusSetBy,
    reviewState: c.reviewState,
    reviewedBy: c.reviewedBy,
    reviewedAt: c.reviewedAt,
    reviewNote: c.reviewNote,
    evidence: c.evidence,
    updatedAt: c.updatedAt,
  }));
}

/** The CSV report of one article (written to `sink` when given). */
export function buildCsvReport(data: ReportData, sink?: ReportSink): Promise<string> {
  return claimsToCsv(reportCsvClaims(data), sink);
}
