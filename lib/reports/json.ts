/**
 * The JSON report: the article (with the revision it describes), its claims, evidence, comments,
 * reviews and history. Its JSON Schema is lib/reports/report.schema.json.
 */
import { reviewStateLabel, stanceLabel } from "@/lib/vocabulary";
import { countByStatus, scopeDescription, yieldToEventLoop, type ReportClaim, type ReportData } from "@/lib/reports/model";
import { TextParts, type ReportSink } from "@/lib/reports/stream";

export const REPORT_JSON_SCHEMA_ID = "https://claimcheck.app/schemas/report-v1.json";

/** The reviews of a claim, oldest first, from its history. */
function reviewsOf(claim: ReportClaim) {
  return claim.history
    .filter((h) => h.action.startsWith("claim.review."))
    .map((h) => {
      const after = (h.after ?? {}) as { reviewState?: string; note?: string };
      return { decision: h.action.slice("claim.review.".length), by: h.actor, at: h.at, note: typeof after.note === "string" ? after.note : "" };
    });
}

/** One claim of the JSON report. */
export function jsonClaim(claim: ReportClaim) {
  return {
    id: claim.id,
    number: claim.number,
    anchor: claim.anchor,
    start: claim.start,
    end: claim.end,
    quote: claim.quote,
    prefix: claim.prefix,
    suffix: claim.suffix,
    checkedQuote: claim.checkedQuote,
    summary: claim.summary,
    claimant: claim.claimant,
    claimType: claim.claimType,
    status: {
      key: claim.status.key,
      label: claim.status.label,
      isVerdict: claim.status.isVerdict,
      rating: claim.status.rating ?? null,
    },
    rationale: claim.rationale,
    verdictSetBy: claim.statusSetBy,
    review: {
      state: claim.reviewState,
      label: reviewStateLabel(claim.reviewState),
      by: claim.reviewedBy,
      at: claim.reviewedAt,
      note: claim.reviewNote,
    },
    reviews: reviewsOf(claim),
    createdBy: claim.createdBy,
    createdAt: claim.createdAt,
    updatedAt: claim.updatedAt,
    evidence: claim.evidence.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      stance: e.stance,
      stanceLabel: stanceLabel(e.stance),
      note: e.note,
      addedBy: e.addedBy,
      createdAt: e.createdAt,
    })),
    comments: claim.comments.map((c) => ({ id: c.id, body: c.body, author: c.author, createdAt: c.createdAt })),
    history: claim.history.map((h) => ({ id: h.id, action: h.action, actor: h.actor, at: h.at, before: h.before ?? null, after: h.after ?? null })),
  };
}

/** Everything but the claims. */
function head(data: ReportData) {
  const byStatus: Record<string, number> = {};
  for (const { status, count } of countByStatus(data)) byStatus[status.key] = count;
  return {
    $schema: REPORT_JSON_SCHEMA_ID,
    format: "claimcheck-report",
    version: 1,
    generatedAt: data.generatedAt,
    scope: data.scope,
    scopeDescription: scopeDescription(data),
    organization: { name: data.organization.name, url: data.organization.url },
    article: {
      id: data.article.id,
      title: data.article.title,
      sourceUrl: data.article.sourceUrl,
      outlet: data.article.outlet,
      author: data.article.author,
      publishedAt: data.article.publishedAt,
      revision: data.article.revision,
      revisionCreatedAt: data.article.revisionCreatedAt,
      body: data.article.body,
    },
    statuses: data.statuses.map((s) => ({ key: s.key, label: s.label, color: s.color, isVerdict: s.isVerdict, rating: s.rating ?? null })),
    counts: { claims: data.claims.length, claimsInArticle: data.totalClaims, byStatus },
  };
}

/**
 * Pretty JSON of `head` with a `claims` array, serialised a few claims at a time (`claim` turns
 * each item into its JSON value as it is written). With a sink, written to it; then "" is returned.
 */
export async function jsonWithClaims<T>(top: Record<string, unknown>, claims: T[], sink?: ReportSink, claim: (item: T) => unknown = (c) => c): Promise<string> {
  const parts = new TextParts("", sink);
  if (claims.length === 0) {
    parts.push(JSON.stringify({ ...top, claims: [] }, null, 2) + "\n");
    return parts.join();
  }
  parts.push(JSON.stringify({ ...top, claims: [] }, null, 2).replace(/\[\]\n\}$/, "["));
  for (let i = 0; i < claims.length; i++) {
    if (i > 0 && i % 50 === 0) await yieldToEventLoop();
    const item = JSON.stringify(claim(claims[i]), null, 2).replace(/\n/g, "\n    ");
    parts.push(`\n    ${item}${i < claims.length - 1 ? "," : ""}`);
  }
  parts.push("\n  ]\n}\n");
  return parts.join();
}

/**
 * Pretty JSON of `value`, where the string `placeholder` stands for the array `items`, which is
 * serialised a few items at a time so a large array never holds the event loop for long.
 */
export async function prettyJsonWithArray(value: unknown, placeholder: string, items: unknown[]): Promise<string> {
  const text = JSON.stringify(value, null, 2) + "\n";
  const marker = JSON.stringify(placeholder);
  const at = text.indexOf(marker);
  if (at < 0) return text;
  const indent = text.slice(text.lastIndexOf("\n", at) + 1, at).match(/^ */)![0].length;
  if (items.length === 0) return text.slice(0, at) + "[]" + text.slice(at + marker.length);
  const pad = " ".repeat(indent + 2);
  const parts: string[] = [text.slice(0, at), "["];
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % 50 === 0) await yieldToEventLoop();
    parts.push(`\n${pad}${JSON.stringify(items[i], null, 2).replace(/\n/g, `\n${pad}`)}${i < items.length - 1 ? "," : ""}`);
  }
  parts.push(`\n${" ".repeat(indent)}]`, text.slice(at + marker.length));
  return parts.join("");
}

/** The JSON report text (written to `sink` when given). */
export function buildJsonReport(data: ReportData, sink?: ReportSink): Promise<string> {
  return jsonWithClaims(head(data), data.claims, sink, jsonClaim);
}
