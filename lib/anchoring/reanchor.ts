/**
 * Re-anchoring: where does each claim stand in a new revision of its article? Pure, no I/O.
 *
 * A claim is found again from its TextQuoteSelector (quote, prefix, suffix). Three outcomes:
 * - `exact`: the quote stands verbatim in (nearly) the same context; only offsets may shift.
 * - `moved`: found in another context or with small edits (at most ~10% of the quote); a person
 *   confirms it before it counts.
 * - `orphaned`: not found, or found in two places that match about equally well (an ambiguous
 *   match is never picked).
 * Most claims are untouched by an edit: their quote with its whole context occurs exactly once
 * in the new text, found with a plain string search (the fast path). Only the others get the
 * fuzzy search (approx-string-match, the library Hypothesis uses), and every fuzzy match is
 * checked again with an exact edit-distance computation before it is accepted.
 */
import search from "approx-string-match";
import { quoteSelector, splitsSurrogatePair, trimRange } from "@/lib/anchoring/text";

export type AnchorState = "exact" | "moved" | "orphaned" | "retired";

export type StoredAnchor = {
  id: string;
  quote: string;
  prefix: string;
  suffix: string;
  /** The text the verdict is about; a moved anchor must stay within the allowed edits of it too. */
  checkedQuote?: string;
  anchor: AnchorState | string;
};

export type ReanchorResult = {
  id: string;
  anchor: AnchorState;
  /** Offsets in the new text; null when orphaned (or retired). */
  start: number | null;
  end: number | null;
  quote: string | null;
  prefix: string | null;
  suffix: string | null;
  /** 0..1; 1 for exact, 0 for orphaned. */
  confidence: number;
  /** How the claim was found: the fast path, a verbatim search, a fuzzy search, or not at all. */
  via: "context" | "verbatim" | "fuzzy" | "none" | "retired";
};

/** Edits allowed between a quote and the text it is re-anchored to: about 10%, at most 64. */
export function allowedErrors(quoteLength: number): number {
  return Math.min(64, Math.floor(quoteLength * 0.1));
}

/** Candidates closer than this in score are "about equally good": the claim is orphaned instead. */
export const AMBIGUITY_MARGIN = 0.05;
/** Context similarity needed (with a verbatim quote) to call an anchor exact. */
export const EXACT_CONTEXT = 0.75;

/**
 * Levenshtein distance between `a` and `b` if it is at most `max`, else null. Banded, O(len·max).
 */
export function editDistanceWithin(a: string, b: string, max: number): number | null {
  if (Math.abs(a.length - b.length) > max) return null;
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  const INF = max + 1;
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j <= max ? j : INF;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    cur.fill(INF);
    cur[0] = i <= max ? i : INF;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      const v = Math.min(sub, del, ins, INF);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return null;
    [prev, cur] = [cur, prev];
  }
  return prev[m] <= max ? prev[m] : null;
}

function similarity(a: string, b: string): number {
  const len = Math.max(a.length, b.length);
  if (len === 0) return 1;
  const d = editDistanceWithin(a, b, len) ?? len;
  return 1 - d / len;
}

/** How much of the stored context surrounds a candidate range in the new text (0..1). */
function contextSimilarity(body: string, start: number, end: number, prefix: string, suffix: string): number {
  const sel = quoteSelector(body, start, end);
  return (similarity(prefix, sel.prefix) + similarity(suffix, sel.suffix)) / 2;
}

type Candidate = { start: number; end: number; errors: number; score: number; ctx: number };

function orphaned(id: string): ReanchorResult {
  return { id, anchor: "orphaned", start: null, end: null, quote: null, prefix: null, suffix: null, confidence: 0, via: "none" };
}

function located(id: string, body: string, start: number, end: number, anchor: "exact" | "moved", confidence: number, via: ReanchorResult["via"]): ReanchorResult {
  const sel = quoteSelector(body, start, end);
  return { id, anchor, start, end, quote: sel.quote, prefix: sel.prefix, suffix: sel.suffix, confidence: Math.round(confidence * 1000) / 1000, via };
}

/** Every verbatim occurrence of `quote` in `body` (at most `cap`). */
function occurrences(body: string, quote: string, cap = 200): number[] {
  const out: number[] = [];
  let i = body.indexOf(quote);
  while (i !== -1 && out.length < cap) {
    out.push(i);
    i = body.indexOf(quote, i + 1);
  }
  return out;
}

/** Re-anchors one claim in `body`. */
export function reanchorOne(body: string, claim: StoredAnchor): ReanchorResult {
  if (claim.anchor === "retired") return { ...orphaned(claim.id), anchor: "retired", via: "retired" };
  const { quote, prefix, suffix } = claim;
  if (!quote) return orphaned(claim.id);
  // A claim that already waits for a person stays waiting until someone confirms it.
  const settled = claim.anchor === "exact";
  const checked = claim.checkedQuote || quote;

  // Fast path: quote with its whole context, found exactly once.
  const whole = prefix + quote + suffix;
  const at = body.indexOf(whole);
  if (at !== -1 && body.indexOf(whole, at + 1) === -1) {
    const start = at + prefix.length;
    return located(claim.id, body, start, start + quote.length, settled ? "exact" : "moved", settled ? 1 : 0.95, "context");
  }

  const max = allowedErrors(quote.length);
  const candidates: Candidate[] = [];
  const consider = (rawStart: number, rawEnd: number) => {
    let { start, end } = trimRange(body, rawStart, rawEnd);
    if (splitsSurrogatePair(body, start)) start -= 1;
    if (splitsSurrogatePair(body, end)) end += 1;
    if (end <= start) return;
    if (candidates.some((c) => c.start === start && c.end === end)) return;
    const text = body.slice(start, end);
    // Verified here, whatever the search said: the property this module promises.
    const errors = editDistanceWithin(quote, text, max);
    if (errors === null) return;
    if (checked !== quote && editDistanceWithin(checked, text, allowedErrors(checked.length)) === null) return;
    const ctx = contextSimilarity(body, start, end, prefix, suffix);
    const quoteSim = 1 - errors / quote.length;
    candidates.push({ start, end, errors, ctx, score: 0.6 * quoteSim + 0.4 * ctx });
  };

  let via: ReanchorResult["via"] = "verbatim";
  for (const i of occurrences(body, quote)) consider(i, i + quote.length);
  if (max > 0) {
    const matches = search(body, quote, max);
    if (matches.length > 0) via = candidates.length ? "verbatim" : "fuzzy";
    for (const m of matches.slice(0, 500)) consider(m.start, m.end);
  }
  if (candidates.length === 0) return orphaned(claim.id);

  candidates.sort((a, b) => b.score - a.score || a.errors - b.errors);
  const best = candidates[0];
  // Another place, not overlapping the best one, that matches about as well: ambiguous.
  const rival = candidates.find((c) => c !== best && (c.end <= best.start || c.start >= best.end));
  if (rival && rival.score >= best.score - AMBIGUITY_MARGIN) return orphaned(claim.id);

  if (best.errors === 0 && best.ctx >= EXACT_CONTEXT && settled) {
    return located(claim.id, body, best.start, best.end, "exact", 1, via);
  }
  return located(claim.id, body, best.start, best.end, "moved", Math.min(0.99, best.score), best.errors === 0 ? via : "fuzzy");
}

/** Re-anchors every claim of an article in its new text. */
export function reanchorClaims(newBody: string, claims: StoredAnchor[]): ReanchorResult[] {
  return claims.map((c) => reanchorOne(newBody, c));
}

/** Claims whose anchor would become orphaned (used to hold a suspicious refresh). */
export function countNewlyOrphaned(claims: StoredAnchor[], results: ReanchorResult[]): number {
  const before = new Map(claims.map((c) => [c.id, c.anchor]));
  return results.filter((r) => r.anchor === "orphaned" && before.get(r.id) !== "orphaned").length;
}
