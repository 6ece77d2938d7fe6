import "server-only";
import { db } from "@/lib/db";
import { directQuery } from "@/lib/db-direct";
import { ForbiddenError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { foldForSearch, searchNeedle } from "@/lib/search/fold";
import { claimIdsPage } from "@/lib/claims/list";
import { isAnchored, type PersonRef } from "@/lib/claims/dto";
import { listQuote, type ClaimListRow } from "@/lib/claims/list-row";
import { listClaimsQuerySchema, type ListClaimsQuery } from "@/lib/claims/schemas";
import type { StatusDto } from "@/lib/statuses/scale";

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

/** Most articles the claims list's article filter offers for one query. */
export const ARTICLE_CHOICES = 20;

/**
 * Articles whose title contains `q` (literally, case-insensitively in every script, as the
 * claims search), newest first, at most `limit`: the claims list's article filter asks for these
 * as someone types, instead of every title being sent with each page. Plain SQL both databases run.
 */
export async function findArticleChoices(actor: Actor, q: string, limit = ARTICLE_CHOICES): Promise<{ id: string; title: string }[]> {
  if (!can(actor, "article:read")) throw new ForbiddenError();
  const needle = searchNeedle(q);
  const rows = await directQuery<{ id: string; title: string }>(db, `SELECT "id", "title" FROM "Article" ORDER BY "createdAt" DESC, "id" ASC`, []);
  const found: { id: string; title: string }[] = [];
  for (const r of rows) {
    if (needle && !foldForSearch(r.title).includes(needle)) continue;
    found.push({ id: r.id, title: r.title });
    if (found.length >= limit) break;
  }
  return found;
}

/** The article a claims list is filtered by, for the filter to show its title; null when there is none. */
export async function articleChoice(articleId: string | undefined, known: Record<string, string> = {}): Promise<{ id: string; title: string } | null> {
  if (!articleId) return null;
  if (known[articleId] !== undefined) return { id: articleId, title: known[articleId] };
  return db.article.findUnique({ where: { id: articleId }, select: { id: true, title: true } });
}
