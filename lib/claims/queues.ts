import "server-only";
import { db } from "@/lib/db";
import { claimIdsPage } from "@/lib/claims/list";
import { isAnchored, type PersonRef } from "@/lib/claims/dto";
import { listQuote, type ClaimListRow } from "@/lib/claims/list-row";
import { listClaimsQuerySchema, type ListClaimsQuery } from "@/lib/claims/schemas";
import type { StatusDto } from "@/lib/statuses/scale";
import type { Actor } from "@/lib/permissions";

const rowSelect = {
  id: true,
  articleId: true,
  number: true,
  anchor: true,
  quote: true,
  checkedQuote: true,
  summary: true,
  statusKey: true,
  reviewState: true,
  reviewNote: true,
  reviewedById: true,
  assigneeId: true,
  dueAt: true,
  version: true,
} as const;

/**
 * A page of claims for a list page (the same claims, order and pages as GET /api/v1/claims), as
 * list rows, with the titles of their articles. `statuses` is the scale the page shows anyway
 * (its verdicts feed `reviewable`). Four queries after the page's ids: the rows, the people named
 * in them, the articles' titles.
 */
export async function loadClaimList(actor: Actor, query: ListClaimsQuery, statuses: StatusDto[]) {
  const { ids, nextPage } = await claimIdsPage(
    actor,
    query,
    statuses.filter((s) => s.isVerdict).map((s) => s.key),
  );
  const rows = ids.length ? await db.claim.findMany({ where: { id: { in: ids } }, select: rowSelect }) : [];
  const personIds = [...new Set(rows.flatMap((r) => [r.assigneeId, r.reviewedById]).filter((id): id is string => id !== null))];
  const articleIds = [...new Set(rows.map((r) => r.articleId))];
  const [people, articles] = await Promise.all([
    personIds.length ? db.user.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } }) : [],
    articleIds.length ? db.article.findMany({ where: { id: { in: articleIds } }, select: { id: true, title: true } }) : [],
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  const ref = (id: string | null): PersonRef => (id ? (person.get(id) ?? null) : null);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const claims = ids.flatMap((id): ClaimListRow[] => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        articleId: r.articleId,
        number: r.number,
        quote: listQuote(isAnchored(r.anchor) ? r.quote : r.checkedQuote || r.quote),
        summary: r.summary,
        status: r.statusKey,
        reviewState: r.reviewState,
        reviewNote: r.reviewState === "rejected" ? r.reviewNote : "",
        reviewedBy: ref(r.reviewedById),
        assignee: ref(r.assigneeId),
        dueAt: r.dueAt?.toISOString() ?? null,
        version: r.version,
      },
    ];
  });
  return { claims, nextPage, articleTitles: Object.fromEntries(articles.map((a) => [a.id, a.title])) as Record<string, string> };
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
