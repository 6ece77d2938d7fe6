/**
 * Loads what a report of one article needs from the database. No permission check and no
 * server-only import: lib/reports/data.ts checks permissions for the app, and the command-line
 * tool (scripts/report.mts) calls this directly.
 */
import type { Db } from "@/lib/db-client";
import { toStatusDto, type StatusDto } from "@/lib/statuses/scale";
import { compareClaimsInTextOrder } from "@/lib/claims/dto";
import { readOrganizationSettings } from "@/lib/settings/store";
import { applyScope, isAnchored, yieldToEventLoop, type ReportClaim, type ReportData, type ReportScope } from "@/lib/reports/model";

type LoadOptions = { scope: ReportScope; appOrigin: string; now?: Date };

const CHUNK = 150;

function parseJson(text: string | null): unknown {
  if (text == null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The report data of one article, or null when there is no such article. */
export async function loadReportDataFrom(db: Db, articleId: string, options: LoadOptions): Promise<ReportData | null> {
  const article = await db.article.findUnique({
    where: { id: articleId },
    select: { id: true, title: true, body: true, sourceUrl: true, outlet: true, author: true, publishedAt: true, revision: true },
  });
  if (!article) return null;
  const [statusRows, settings, revisionRow, claimIds] = await Promise.all([
    db.status.findMany({ orderBy: { position: "asc" } }),
    readOrganizationSettings(db),
    db.articleRevision.findUnique({ where: { articleId_revision: { articleId, revision: article.revision } }, select: { createdAt: true } }),
    db.claim.findMany({ where: { articleId }, select: { id: true }, orderBy: { number: "asc" } }),
  ]);
  const statuses = statusRows.map(toStatusDto);
  const byKey = new Map<string, StatusDto>(statuses.map((s) => [s.key, s]));
  const person = { select: { name: true } } as const;
  const claims: ReportClaim[] = [];
  // In chunks, so one large article never holds the event loop for long.
  for (let i = 0; i < claimIds.length; i += CHUNK) {
    if (i > 0) await yieldToEventLoop();
    const ids = claimIds.slice(i, i + CHUNK).map((c) => c.id);
    const [rows, events] = await Promise.all([
      db.claim.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          number: true,
          anchor: true,
          start: true,
          end: true,
          quote: true,
          prefix: true,
          suffix: true,
          checkedQuote: true,
          summary: true,
          claimant: true,
          claimType: true,
          statusKey: true,
          rationale: true,
          reviewState: true,
          reviewedAt: true,
          reviewNote: true,
          createdAt: true,
          updatedAt: true,
          reviewedBy: person,
          statusSetBy: person,
          createdBy: person,
          evidence: { select: { id: true, url: true, title: true, stance: true, note: true, createdAt: true, addedBy: person }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
          comments: { select: { id: true, body: true, createdAt: true, author: person }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
        },
      }),
      db.auditEvent.findMany({
        where: { objectType: "claim", objectId: { in: ids } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, objectId: true, action: true, before: true, after: true, createdAt: true, actor: person },
      }),
    ]);
    const history = new Map<string, ReportClaim["history"]>();
    for (const e of events) {
      const list = history.get(e.objectId) ?? [];
      list.push({ id: e.id, action: e.action, actor: e.actor?.name ?? null, at: e.createdAt.toISOString(), before: parseJson(e.before), after: parseJson(e.after) });
      history.set(e.objectId, list);
    }
    for (const c of rows) {
      // As in the API (lib/claims/dto.ts): a claim not anchored in the current revision has no
      // offsets and no quote, whatever stale ones the row still holds.
      const anchored = c.anchor !== "orphaned" && c.anchor !== "retired";
      claims.push({
        id: c.id,
        number: c.number,
        anchor: c.anchor,
        start: anchored ? c.start : null,
        end: anchored ? c.end : null,
        quote: anchored ? c.quote : null,
        prefix: c.prefix,
        suffix: c.suffix,
        checkedQuote: c.checkedQuote || c.quote,
        summary: c.summary,
        claimant: c.claimant,
        claimType: c.claimType,
        status: byKey.get(c.statusKey) ?? { key: c.statusKey, label: c.statusKey, color: "#6b7280", isVerdict: false },
        rationale: c.rationale,
        reviewState: c.reviewState,
        reviewedBy: c.reviewedBy?.name ?? null,
        reviewedAt: c.reviewedAt?.toISOString() ?? null,
        reviewNote: c.reviewNote,
        statusSetBy: c.statusSetBy?.name ?? null,
        createdBy: c.createdBy?.name ?? null,
        createdAt: c.createdAt.toISOString(),
        updatedAt: c.updatedAt.toISOString(),
        evidence: c.evidence.map((e) => ({ id: e.id, url: e.url, title: e.title, stance: e.stance, note: e.note, addedBy: e.addedBy?.name ?? null, createdAt: e.createdAt.toISOString() })),
        comments: c.comments.map((m) => ({ id: m.id, body: m.body, author: m.author?.name ?? null, createdAt: m.createdAt.toISOString() })),
        history: history.get(c.id) ?? [],
      });
    }
  }
  return assembleReportData({
    article: {
      id: article.id,
      title: article.title,
      body: article.body,
      sourceUrl: article.sourceUrl,
      outlet: article.outlet,
      author: article.author,
      publishedAt: article.publishedAt?.toISOString() ?? null,
      revision: article.revision,
      revisionCreatedAt: revisionRow?.createdAt.toISOString() ?? null,
    },
    organization: { name: settings.organizationName, url: settings.organizationUrl },
    publicBaseUrl: settings.publicBaseUrl,
    appOrigin: options.appOrigin,
    generatedAt: (options.now ?? new Date()).toISOString(),
    scope: options.scope,
    statuses,
    claims,
  });
}

/** Orders claims (text order, unanchored last by number) and applies the scope. Pure. */
export function assembleReportData(input: Omit<ReportData, "totalClaims">): ReportData {
  const anchored = input.claims.filter(isAnchored).sort((a, b) => compareClaimsInTextOrder({ start: a.start!, end: a.end! }, { start: b.start!, end: b.end! }) || a.number - b.number);
  const unanchored = input.claims.filter((c) => !isAnchored(c)).sort((a, b) => a.number - b.number);
  const ordered = [...anchored, ...unanchored];
  return { ...input, claims: applyScope(ordered, input.scope), totalClaims: input.claims.length };
}
