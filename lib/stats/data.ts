import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { directQuery, fromSqlTime } from "@/lib/db-direct";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { countsTrusted, statsStamp, type StampRow } from "@/lib/stats/stamp";

export type ArticleStats = { id: string; title: string; claims: number; checked: number; approved: number; byStatus: Record<string, number> };
export type StatsDto = { totals: Omit<ArticleStats, "id" | "title">; articles: ArticleStats[] };

export const statsQuerySchema = z.object({ articleId: z.string().trim().min(1).max(100).optional() });

/** What the stats are made of: the articles (newest first) and, per article, claims per status and approved claims. */
type Counts = {
  articles: { id: string; title: string }[];
  byStatus: { articleId: string; statusKey: string; n: number }[];
  approved: Map<string, number>;
};

// Plain SQL that PostgreSQL runs too. Each grouped query walks one index: (articleId, statusKey)
// covers the first; the second reads only the approved claims.
const STAMP_SQL = `SELECT (SELECT COUNT(*) FROM "Claim") AS "claims", (SELECT MAX("updatedAt") FROM "Claim") AS "claimsChanged",
  (SELECT COUNT(*) FROM "Article") AS "articles", (SELECT MAX("updatedAt") FROM "Article") AS "articlesChanged"`;
const ARTICLES_SQL = `SELECT "id", "title" FROM "Article" ORDER BY "createdAt" DESC, "id" ASC`;
const BY_STATUS_SQL = `SELECT "articleId", "statusKey", CAST(COUNT(*) AS INTEGER) AS "n" FROM "Claim" GROUP BY "articleId", "statusKey"`;
const APPROVED_SQL = `SELECT "articleId", CAST(COUNT(*) AS INTEGER) AS "n" FROM "Claim" WHERE "reviewState" = 'approved' GROUP BY "articleId"`;
const ONE_ARTICLE_SQL = `SELECT "id", "title" FROM "Article" WHERE "id" = $1`;
const ONE_BY_STATUS_SQL = `SELECT "articleId", "statusKey", CAST(COUNT(*) AS INTEGER) AS "n" FROM "Claim" WHERE "articleId" = $1 GROUP BY "articleId", "statusKey"`;
const ONE_APPROVED_SQL = `SELECT "articleId", CAST(COUNT(*) AS INTEGER) AS "n" FROM "Claim" WHERE "articleId" = $1 AND "reviewState" = 'approved' GROUP BY "articleId"`;

/**
 * The counts of every article, kept per process while the database's stamp (how many claims and
 * articles, and when each table last changed) stays the same and is old enough to be trusted
 * (lib/stats/stamp.ts). Any process's write moves the stamp, so a second server on the same
 * database is seen as soon as its write commits; nothing here depends on in-process events.
 */
const kept = globalThis as unknown as { __statsCounts?: { stamp: string; counts: Counts } | null };

async function readCounts(articleId?: string): Promise<Counts> {
  const one = articleId !== undefined;
  const [articles, byStatus, approved] = await Promise.all([
    directQuery<{ id: string; title: string }>(db, one ? ONE_ARTICLE_SQL : ARTICLES_SQL, one ? [articleId] : []),
    directQuery<{ articleId: string; statusKey: string; n: unknown }>(db, one ? ONE_BY_STATUS_SQL : BY_STATUS_SQL, one ? [articleId] : []),
    directQuery<{ articleId: string; n: unknown }>(db, one ? ONE_APPROVED_SQL : APPROVED_SQL, one ? [articleId] : []),
  ]);
  return {
    articles: articles.map((a) => ({ id: a.id, title: a.title })),
    byStatus: byStatus.map((g) => ({ articleId: g.articleId, statusKey: g.statusKey, n: Number(g.n) })),
    approved: new Map(approved.map((g) => [g.articleId, Number(g.n)])),
  };
}

/** The counts of all articles (or of one), from the kept copy when the database says it is current. */
async function currentCounts(articleId?: string): Promise<Counts> {
  // The stamp first, then the counts: a write in between makes the counts newer than the stamp,
  // and the next request, seeing another stamp, counts again (never the other way round).
  const readAt = Date.now();
  const [row] = await directQuery<StampRow>(db, STAMP_SQL, []);
  const stamp = statsStamp(row);
  const hit = kept.__statsCounts;
  if (hit && hit.stamp === stamp) {
    if (articleId === undefined) return hit.counts;
    return {
      articles: hit.counts.articles.filter((a) => a.id === articleId),
      byStatus: hit.counts.byStatus.filter((g) => g.articleId === articleId),
      approved: new Map([...hit.counts.approved].filter(([id]) => id === articleId)),
    };
  }
  // One article asked while the kept copy is out of date: count that article only.
  if (articleId !== undefined) return readCounts(articleId);
  const counts = await readCounts();
  const newest = Math.max(fromSqlTime(row.claimsChanged)?.getTime() ?? 0, fromSqlTime(row.articlesChanged)?.getTime() ?? 0);
  kept.__statsCounts = countsTrusted(newest, readAt) ? { stamp, counts } : null;
  return counts;
}

/** The verdict keys of the scale: from `statuses` when the caller has them at hand. */
async function verdictKeys(statuses?: { key: string; isVerdict: boolean }[]): Promise<Set<string>> {
  if (statuses) return new Set(statuses.filter((s) => s.isVerdict).map((s) => s.key));
  const rows = await db.status.findMany({ where: { isVerdict: true }, select: { key: true } });
  return new Set(rows.map((r) => r.key));
}

/**
 * Claims per article and across all of them: how many, how many with a verdict (`checked`, as
 * the articles list's checkedCount), how many approved, and how many per status. Always current:
 * the counts are kept only while the database's stamp says nothing changed (see currentCounts);
 * `checked` is worked out from the scale as it is now. `statuses` is the scale when the caller
 * has read it already.
 */
export async function getStats(actor: Actor, articleId?: string, statuses?: { key: string; isVerdict: boolean }[]): Promise<StatsDto> {
  if (!can(actor, "article:read")) throw new ForbiddenError();
  const [counts, verdicts] = await Promise.all([currentCounts(articleId), verdictKeys(statuses)]);
  if (articleId !== undefined && counts.articles.length === 0) throw new NotFoundError("article");
  const per = new Map<string, ArticleStats>(counts.articles.map((a) => [a.id, { id: a.id, title: a.title, claims: 0, checked: 0, approved: 0, byStatus: {} }]));
  const totals: StatsDto["totals"] = { claims: 0, checked: 0, approved: 0, byStatus: {} };
  for (const g of counts.byStatus) {
    const a = per.get(g.articleId);
    const verdict = verdicts.has(g.statusKey);
    if (a) {
      a.claims += g.n;
      a.byStatus[g.statusKey] = g.n;
      if (verdict) a.checked += g.n;
    }
    totals.claims += g.n;
    totals.byStatus[g.statusKey] = (totals.byStatus[g.statusKey] ?? 0) + g.n;
    if (verdict) totals.checked += g.n;
  }
  for (const [id, n] of counts.approved) {
    const a = per.get(id);
    if (a) a.approved = n;
    totals.approved += n;
  }
  return { totals, articles: [...per.values()] };
}
