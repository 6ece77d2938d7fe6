/** The data every verification report is built from, and helpers shared by the formats. Pure. */
import type { StatusDto } from "@/lib/statuses/scale";

export const REPORT_FORMATS = ["md", "html", "pdf", "csv", "json", "claimreview", "annotations"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_SCOPES = ["all", "approved"] as const;
export type ReportScope = (typeof REPORT_SCOPES)[number];

/** How each format is named to people. */
export const REPORT_FORMAT_LABELS: Record<ReportFormat, string> = {
  pdf: "PDF",
  html: "HTML (printable)",
  md: "Markdown",
  csv: "CSV (spreadsheet)",
  json: "JSON (full data)",
  claimreview: "ClaimReview (schema.org, for publishing)",
  annotations: "Web Annotations (W3C)",
};

/** The scope a format uses when none is asked for: ClaimReview is for publishing. */
export function defaultScope(format: ReportFormat): ReportScope {
  return format === "claimreview" ? "approved" : "all";
}

export type ReportEvidence = {
  id: string;
  url: string;
  title: string;
  stance: string;
  note: string;
  addedBy: string | null;
  createdAt: string;
};
export type ReportComment = { id: string; body: string; author: string | null; createdAt: string };
export type ReportHistoryEntry = { id: string; action: string; actor: string | null; at: string; before: unknown; after: unknown };

export type ReportClaim = {
  id: string;
  /** Stable number within the article. */
  number: number;
  /** "exact", "moved", "orphaned" or "retired". */
  anchor: string;
  start: number | null;
  end: number | null;
  quote: string | null;
  prefix: string;
  suffix: string;
  /** The text the verdict is about. */
  checkedQuote: string;
  summary: string;
  claimant: string;
  claimType: string;
  status: StatusDto;
  rationale: string;
  reviewState: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string;
  /** Who set the current status. */
  statusSetBy: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  evidence: ReportEvidence[];
  comments: ReportComment[];
  history: ReportHistoryEntry[];
};

export type ReportArticle = {
  id: string;
  title: string;
  body: string;
  sourceUrl: string | null;
  outlet: string | null;
  author: string | null;
  publishedAt: string | null;
  revision: number;
  /** When the described revision was made (import or edit), when known. */
  revisionCreatedAt: string | null;
};

export type ReportData = {
  article: ReportArticle;
  organization: { name: string | null; url: string | null };
  /** Where published reports live (settings), for ClaimReview `url`. */
  publicBaseUrl: string | null;
  /** This app's own origin, for annotation ids. */
  appOrigin: string;
  generatedAt: string;
  scope: ReportScope;
  statuses: StatusDto[];
  /** The claims in this report (after the scope), in text order; unanchored ones last. */
  claims: ReportClaim[];
  /** How many claims the article has in all, before the scope. */
  totalClaims: number;
};

/** Leaves only the claims the scope holds: `approved` keeps approved verdicts only. */
export function applyScope<T extends { reviewState: string; status: { isVerdict: boolean } }>(claims: T[], scope: ReportScope): T[] {
  return scope === "approved" ? claims.filter((c) => c.reviewState === "approved" && c.status.isVerdict) : claims;
}

/** True when the claim sits at a place in the current revision (exact or moved). */
export function isAnchored(claim: Pick<ReportClaim, "anchor" | "start" | "end">): boolean {
  return claim.start != null && claim.end != null && claim.anchor !== "orphaned" && claim.anchor !== "retired";
}

/** The claims anchored in the current revision, and those that are not (listed apart). */
export function partitionByAnchor(claims: ReportClaim[]): { anchored: ReportClaim[]; unanchored: ReportClaim[] } {
  return { anchored: claims.filter(isAnchored), unanchored: claims.filter((c) => !isAnchored(c)) };
}

/** How many claims have each status, in scale order, leaving out statuses no claim has. */
export function countByStatus(data: Pick<ReportData, "statuses" | "claims">): { status: StatusDto; count: number }[] {
  const counts = new Map<string, number>();
  for (const c of data.claims) counts.set(c.status.key, (counts.get(c.status.key) ?? 0) + 1);
  const known = data.statuses.map((status) => ({ status, count: counts.get(status.key) ?? 0 }));
  const unknown = [...counts].filter(([key]) => !data.statuses.some((s) => s.key === key)).map(([key, count]) => ({ status: data.claims.find((c) => c.status.key === key)!.status, count }));
  return [...known, ...unknown].filter((row) => row.count > 0);
}

/** The header line that says what the report holds. */
export function scopeDescription(data: Pick<ReportData, "scope" | "claims" | "totalClaims">): string {
  return data.scope === "approved"
    ? `Approved verdicts only: ${data.claims.length} of ${data.totalClaims} claims.`
    : `All claims: ${data.claims.length}, with every review state.`;
}

const SENTENCE_END = /[.!?…。！？]["”’»)]*\s|\n/g;
const MAX_CONTEXT = 240;

/**
 * The sentence around a claim's quote: the text before it back to the sentence start, and after
 * it up to the sentence end (each at most 240 code units, ending on a word).
 */
export function sentenceContext(body: string, start: number, end: number): { before: string; after: string } {
  let from = Math.max(0, start - MAX_CONTEXT);
  const head = body.slice(from, start);
  let m: RegExpExecArray | null;
  let cut = -1;
  SENTENCE_END.lastIndex = 0;
  while ((m = SENTENCE_END.exec(head))) cut = m.index + m[0].length;
  if (cut >= 0) from += cut;
  else if (from > 0) from += Math.max(0, head.indexOf(" ") + 1);
  const tail = body.slice(end, end + MAX_CONTEXT);
  SENTENCE_END.lastIndex = 0;
  const next = SENTENCE_END.exec(tail);
  let to = next ? next.index + next[0].trimEnd().length : tail.length;
  if (!next && end + MAX_CONTEXT < body.length) to = Math.max(0, tail.lastIndexOf(" "));
  return { before: body.slice(from, start).replace(/^\s+/, ""), after: tail.slice(0, to).replace(/\s+$/, "") };
}

// ---------------------------------------------------------------- file names

const SLUG_LIMIT = 60;

/** Joins whole words with "-" while the result stays within the limit (never cuts a word, unless the first alone is too long). */
function joinWords(words: string[], limit: number): string {
  let out = "";
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if ([...next].length > limit) {
      if (!out) out = [...w].slice(0, limit).join("");
      break;
    }
    out = next;
  }
  return out;
}

/**
 * The report's file name, `<article-slug>-<yyyy-mm-dd>.<ext>`, as plain ASCII (for `filename`)
 * and in Unicode (for `filename*`): letters and digits only, joined by hyphens, so it is safe
 * on every operating system.
 */
export function reportFileNames(title: string, date: string, extension: string): { ascii: string; unicode: string } {
  const ymd = date.slice(0, 10);
  const asciiWords = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const unicodeWords = title
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter(Boolean);
  const ascii = joinWords(asciiWords, SLUG_LIMIT) || "article";
  const unicode = joinWords(unicodeWords, SLUG_LIMIT) || "article";
  return { ascii: `${ascii}-${ymd}.${extension}`, unicode: `${unicode}-${ymd}.${extension}` };
}

/** RFC 5987 value characters: everything else is percent-encoded. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/** A Content-Disposition header for a download: `filename`, plus `filename*` (RFC 6266) when the name is not ASCII. */
export function contentDisposition(names: { ascii: string; unicode: string }): string {
  const plain = `attachment; filename="${names.ascii}"`;
  return names.unicode === names.ascii ? plain : `${plain}; filename*=UTF-8''${rfc5987(names.unicode)}`;
}

/** True for an absolute http(s) URL: the only links a report makes clickable. */
export function isHttpUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const u = new URL(value);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

let yieldHook: (() => Promise<void>) | null = null;

/**
 * Sets what `yieldToEventLoop` waits for besides a turn of the event loop: the report worker
 * waits there while the response is behind (so a slow client never makes a file pile up).
 */
export function setYieldHook(hook: (() => Promise<void>) | null): void {
  yieldHook = hook;
}

/** Gives the event loop a turn: long report builds call it between claims so other requests are served. */
export async function yieldToEventLoop(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (yieldHook) await yieldHook();
}

/** Calls `fn` for each item, yielding to the event loop every `every` items. */
export async function forEachYielding<T>(items: T[], fn: (item: T, index: number) => void, every = 25): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % every === 0) await yieldToEventLoop();
    fn(items[i], i);
  }
}

/** When a report was made, as people read it: "2026-11-30 05:29 UTC" (the JSON formats keep the ISO timestamp). */
export function reportStamp(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
}

/** A short date (yyyy-mm-dd) of an ISO timestamp. */
export function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : "";
}
