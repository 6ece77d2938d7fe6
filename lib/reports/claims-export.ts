import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { listClaims } from "@/lib/claims/data";
import type { ClaimDto } from "@/lib/claims/dto";
import type { listClaimsQuerySchema } from "@/lib/claims/schemas";
import type { Actor } from "@/lib/permissions";
import { toStatusDto } from "@/lib/statuses/scale";
import { reviewStateLabel, stanceLabel } from "@/lib/vocabulary";
import { claimsToCsv, type CsvClaim } from "@/lib/reports/csv";
import { jsonWithClaims } from "@/lib/reports/json";
import { contentDisposition, yieldToEventLoop } from "@/lib/reports/model";
import type { FileOutput } from "@/lib/reports/stream";

type ListQuery = z.infer<typeof listClaimsQuerySchema>;
export type ClaimsExportFormat = "csv" | "json";

const CHUNK = 400;

/**
 * Every claim matching the claims list's filters, across articles: the list's own filter logic
 * (listClaims) is called page by page, so the export always matches what the list shows.
 */
async function matchingClaims(actor: Actor, query: ListQuery): Promise<ClaimDto[]> {
  const claims: ClaimDto[] = [];
  for (let page: number | null = 1; page != null; ) {
    const result: { claims: ClaimDto[]; nextPage: number | null } = await listClaims(actor, { ...query, page });
    claims.push(...result.claims);
    page = result.nextPage;
    if (page && page % 10 === 0) await yieldToEventLoop();
  }
  return claims;
}

/**
 * Writes the claims export file to `out`: CSV (one row per claim) or JSON (claims with article,
 * status and evidence). Runs in the report worker (lib/reports/jobs.ts).
 */
export async function writeClaimsExport(actor: Actor, query: ListQuery, format: ClaimsExportFormat, out: FileOutput, now = new Date()): Promise<void> {
  const claims = await matchingClaims(actor, query);
  const articleIds = [...new Set(claims.map((c) => c.articleId))];
  const ids = claims.map((c) => c.id);
  const [articles, statusRows] = await Promise.all([
    db.article.findMany({ where: { id: { in: articleIds } }, select: { id: true, title: true, revision: true, sourceUrl: true } }),
    db.status.findMany({ orderBy: { position: "asc" } }),
  ]);
  const evidence = new Map<string, { url: string; title: string; stance: string; note: string; addedBy: string | null; createdAt: string }[]>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.evidence.findMany({
      where: { claimId: { in: ids.slice(i, i + CHUNK) } },
      select: { claimId: true, url: true, title: true, stance: true, note: true, createdAt: true, addedBy: { select: { name: true } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    for (const e of rows) {
      const list = evidence.get(e.claimId) ?? [];
      list.push({ url: e.url, title: e.title, stance: e.stance, note: e.note, addedBy: e.addedBy?.name ?? null, createdAt: e.createdAt.toISOString() });
      evidence.set(e.claimId, list);
    }
  }
  const articleById = new Map(articles.map((a) => [a.id, a]));
  const statusByKey = new Map(statusRows.map((s) => [s.key, toStatusDto(s)]));
  const date = now.toISOString().slice(0, 10);
  const fileName = { ascii: `claims-${date}.${format}`, unicode: `claims-${date}.${format}` };
  out.head({
    contentType: format === "csv" ? "text/csv; charset=utf-8; header=present" : "application/json; charset=utf-8",
    disposition: contentDisposition(fileName),
    headers: { "X-Claims-Count": String(claims.length) },
  });
  if (format === "csv") {
    const rows: CsvClaim[] = claims.map((c) => {
      const status = statusByKey.get(c.status);
      const article = articleById.get(c.articleId);
      return {
        articleId: c.articleId,
        articleTitle: article?.title ?? "",
        articleRevision: article?.revision ?? null,
        number: c.number,
        id: c.id,
        quote: c.quote,
        checkedQuote: c.checkedQuote,
        anchor: c.anchor,
        start: c.start,
        end: c.end,
        statusLabel: status?.label ?? c.status,
        statusKey: c.status,
        ratingValue: status?.rating?.value ?? null,
        summary: c.summary,
        claimant: c.claimant,
        claimType: c.claimType,
        rationale: c.rationale,
        statusSetBy: c.statusSetBy?.name ?? null,
        reviewState: c.reviewState,
        reviewedBy: c.reviewedBy?.name ?? null,
        reviewedAt: c.reviewedAt,
        reviewNote: c.reviewNote,
        evidence: evidence.get(c.id) ?? [],
        updatedAt: c.updatedAt,
      };
    });
    await claimsToCsv(rows, out);
    return;
  }
  const { page: _page, ...filters } = query;
  const item = (c: ClaimDto) => {
    const article = articleById.get(c.articleId);
    const status = statusByKey.get(c.status);
    return {
      ...c,
      article: article ? { id: article.id, title: article.title, revision: article.revision, sourceUrl: article.sourceUrl } : null,
      statusLabel: status?.label ?? c.status,
      isVerdict: status?.isVerdict ?? false,
      reviewStateLabel: reviewStateLabel(c.reviewState),
      evidence: (evidence.get(c.id) ?? []).map((e) => ({ ...e, stanceLabel: stanceLabel(e.stance) })),
    };
  };
  await jsonWithClaims({ format: "claimcheck-claims-export", version: 1, exportedAt: now.toISOString(), filters, count: claims.length }, claims, out, item);
}
