import "server-only";
import { db } from "@/lib/db";
import { searchDocument } from "@/lib/search/fold";

const BATCH = 500;

/**
 * The newest updatedAt each table had when its search column was last brought up to date, in
 * this process. Every change moves a row's updatedAt to now, so while the newest updatedAt
 * (one index lookup) has not moved past it, nothing is stale and the scan is skipped. A newest
 * updatedAt in the future (a row written with a set time, a copied database, a host whose clock
 * runs ahead) proves nothing about rows written after it: then the scan always runs.
 */
const seen = globalThis as unknown as { __searchFresh?: { claim?: number; article?: number } };
const fresh = (seen.__searchFresh ??= {});

async function newestClaimChange(): Promise<number> {
  const row = await db.claim.findFirst({ orderBy: { updatedAt: "desc" }, select: { updatedAt: true } });
  return row?.updatedAt.getTime() ?? 0;
}
async function newestArticleChange(): Promise<number> {
  const row = await db.article.findFirst({ orderBy: { updatedAt: "desc" }, select: { updatedAt: true } });
  return row?.updatedAt.getTime() ?? 0;
}

/**
 * Brings the claims' search column up to date: a row is stale when it has none or was changed
 * (updatedAt) after its search text was computed, whoever changed it. The row's own updatedAt is
 * kept, and a row changed meanwhile stays stale for the next call.
 */
export async function refreshClaimSearch(): Promise<number> {
  const newest = await newestClaimChange();
  if (fresh.claim !== undefined && newest <= fresh.claim && newest <= Date.now()) return 0;
  const refreshed = await refreshStaleClaims();
  fresh.claim = newest;
  return refreshed;
}

async function refreshStaleClaims(): Promise<number> {
  let refreshed = 0;
  for (;;) {
    const stale = await db.claim.findMany({
      where: { OR: [{ searchAt: null }, { searchAt: { lt: db.claim.fields.updatedAt } }] },
      select: { id: true, quote: true, summary: true, claimant: true, rationale: true, updatedAt: true },
      take: BATCH,
    });
    if (stale.length === 0) return refreshed;
    let written = 0;
    await db.$transaction(async (tx) => {
      for (const row of stale) {
        written += (await tx.claim.updateMany({
          where: { id: row.id, updatedAt: row.updatedAt },
          data: { searchText: searchDocument([row.quote, row.summary, row.claimant, row.rationale]), searchAt: row.updatedAt, updatedAt: row.updatedAt },
        })).count;
      }
    });
    refreshed += written;
    // Rows changed meanwhile stay for the next call rather than looping here.
    if (stale.length < BATCH || written === 0) return refreshed;
  }
}

/** Brings the articles' search column (title, outlet, body) up to date; see refreshClaimSearch. */
export async function refreshArticleSearch(): Promise<number> {
  const newest = await newestArticleChange();
  if (fresh.article !== undefined && newest <= fresh.article && newest <= Date.now()) return 0;
  const refreshed = await refreshStaleArticles();
  fresh.article = newest;
  return refreshed;
}

async function refreshStaleArticles(): Promise<number> {
  let refreshed = 0;
  for (;;) {
    const stale = await db.article.findMany({
      where: { OR: [{ searchAt: null }, { searchAt: { lt: db.article.fields.updatedAt } }] },
      select: { id: true, title: true, outlet: true, body: true, updatedAt: true },
      // Bodies may be 2 MB each: a few at a time.
      take: 20,
    });
    if (stale.length === 0) return refreshed;
    let written = 0;
    await db.$transaction(async (tx) => {
      for (const row of stale) {
        written += (await tx.article.updateMany({
          where: { id: row.id, updatedAt: row.updatedAt },
          data: { searchText: searchDocument([row.title, row.outlet, row.body]), searchAt: row.updatedAt, updatedAt: row.updatedAt },
        })).count;
      }
    });
    refreshed += written;
    if (stale.length < 20 || written === 0) return refreshed;
  }
}
