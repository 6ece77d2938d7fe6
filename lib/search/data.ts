import "server-only";
import { db } from "@/lib/db";
import { searchDocument } from "@/lib/search/fold";

const BATCH = 500;

/**
 * Brings the claims' search column up to date: a row is stale when it has none or was changed
 * (updatedAt) after its search text was computed, whoever changed it. The row's own updatedAt is
 * kept, and a row changed meanwhile stays stale for the next call.
 */
export async function refreshClaimSearch(): Promise<number> {
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
