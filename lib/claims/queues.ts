import "server-only";
import { db } from "@/lib/db";
import { listClaims } from "@/lib/claims/data";
import { listClaimsQuerySchema, type ListClaimsQuery } from "@/lib/claims/schemas";
import type { Actor } from "@/lib/permissions";

/** A page of claims for a list page, with the titles of their articles. */
export async function loadClaimList(actor: Actor, query: ListClaimsQuery) {
  const page = await listClaims(actor, query);
  const ids = [...new Set(page.claims.map((c) => c.articleId))];
  const rows = ids.length ? await db.article.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } }) : [];
  return { ...page, articleTitles: Object.fromEntries(rows.map((r) => [r.id, r.title])) as Record<string, string> };
}

/** Parses a page's search params into the claims query; anything malformed is dropped, not an error page. */
export function claimQueryFromParams(params: Record<string, string | string[] | undefined>, fixed: Partial<ListClaimsQuery> = {}): ListClaimsQuery {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined && value !== "") flat[k] = value;
  }
  const parsed = listClaimsQuerySchema.safeParse({ ...flat, ...Object.fromEntries(Object.entries(fixed).map(([k, v]) => [k, String(v)])) });
  if (parsed.success) return parsed.data;
  // Keep what is valid, field by field.
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(flat)) if (listClaimsQuerySchema.safeParse({ [k]: v }).success) clean[k] = v;
  return listClaimsQuerySchema.parse({ ...clean, ...Object.fromEntries(Object.entries(fixed).map(([k, v]) => [k, String(v)])) });
}

/** Articles for the list filter, newest first. */
export async function listArticleChoices(limit = 500) {
  return db.article.findMany({ select: { id: true, title: true }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: limit });
}
