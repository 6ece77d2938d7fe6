import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";

export type ArticleStats = { id: string; title: string; claims: number; checked: number; approved: number; byStatus: Record<string, number> };
export type StatsDto = { totals: Omit<ArticleStats, "id" | "title">; articles: ArticleStats[] };

export const statsQuerySchema = z.object({ articleId: z.string().trim().min(1).max(100).optional() });

/**
 * Claims per article and across all of them: how many, how many with a verdict (`checked`, as
 * the articles list's checkedCount), how many approved, and how many per status. Two grouped
 * queries, whatever the number of claims.
 */
export async function getStats(actor: Actor, articleId?: string): Promise<StatsDto> {
  if (!can(actor, "article:read")) throw new ForbiddenError();
  const where = articleId ? { articleId } : {};
  const [articles, byStatus, approved, verdicts] = await Promise.all([
    db.article.findMany({ where: articleId ? { id: articleId } : {}, select: { id: true, title: true }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] }),
    db.claim.groupBy({ by: ["articleId", "statusKey"], where, _count: { _all: true } }),
    db.claim.groupBy({ by: ["articleId"], where: { ...where, reviewState: "approved" }, _count: { _all: true } }),
    db.status.findMany({ where: { isVerdict: true }, select: { key: true } }),
  ]);
  if (articleId && articles.length === 0) throw new NotFoundError("article");
  const verdictKeys = new Set(verdicts.map((v) => v.key));
  const per = new Map<string, ArticleStats>(articles.map((a) => [a.id, { id: a.id, title: a.title, claims: 0, checked: 0, approved: 0, byStatus: {} }]));
  const totals: StatsDto["totals"] = { claims: 0, checked: 0, approved: 0, byStatus: {} };
  for (const g of byStatus) {
    const n = g._count._all;
    const a = per.get(g.articleId);
    if (a) {
      a.claims += n;
      a.byStatus[g.statusKey] = n;
      if (verdictKeys.has(g.statusKey)) a.checked += n;
    }
    totals.claims += n;
    totals.byStatus[g.statusKey] = (totals.byStatus[g.statusKey] ?? 0) + n;
    if (verdictKeys.has(g.statusKey)) totals.checked += n;
  }
  for (const g of approved) {
    const a = per.get(g.articleId);
    if (a) a.approved = g._count._all;
    totals.approved += g._count._all;
  }
  return { totals, articles: [...per.values()] };
}
