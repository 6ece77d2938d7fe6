import "server-only";
import { db } from "@/lib/db";
import { directQuery, fromSqlTime } from "@/lib/db-direct";
import { ForbiddenError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { foldForSearch, searchNeedle } from "@/lib/search/fold";
import { claimIdsPage } from "@/lib/claims/list";
import { isAnchored, type PersonRef } from "@/lib/claims/dto";
import { listQuote, type ClaimListRow } from "@/lib/claims/list-row";
import { listClaimsQuerySchema, type ListClaimsQuery } from "@/lib/claims/schemas";
import type { StatusDto } from "@/lib/statuses/scale";

/** A list row's columns with the names of its people and its article's title, read in one statement. */
type RowRead = {
  id: string;
  articleId: string;
  number: unknown;
  anchor: string;
  quote: string;
  checkedQuote: string;
  summary: string;
  statusKey: string;
  reviewState: string;
  reviewNote: string;
  reviewedById: string | null;
  reviewedByName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  dueAt: unknown;
  version: unknown;
  title: string;
};

/** The rows of `ids` (at most a page), in one statement both databases run. */
function rowsSql(count: number): string {
  const marks = Array.from({ length: count }, (_, i) => `$${i + 1}`).join(", ");
  return `SELECT c."id", c."articleId", c."number", c."anchor", c."quote", c."checkedQuote", c."summary", c."statusKey", c."reviewState",
    c."reviewNote", c."reviewedById", r."name" AS "reviewedByName", c."assigneeId", s."name" AS "assigneeName", c."dueAt", c."version", a."title"
    FROM "Claim" c JOIN "Article" a ON a."id" = c."articleId"
    LEFT JOIN "User" r ON r."id" = c."reviewedById" LEFT JOIN "User" s ON s."id" = c."assigneeId"
    WHERE c."id" IN (${marks})`;
}

/**
 * A page of claims for a list page (the same claims, order and pages as GET /api/v1/claims), as
 * list rows, with the titles of their articles. `statuses` is the scale the page shows anyway
 * (its verdicts feed `reviewable`). One statement after the page's ids: the rows with their
 * people's names and their articles' titles.
 */
export async function loadClaimList(actor: Actor, query: ListClaimsQuery, statuses: StatusDto[]) {
  const { ids, nextPage } = await claimIdsPage(
    actor,
    query,
    statuses.filter((s) => s.isVerdict).map((s) => s.key),
  );
  const rows = ids.length ? await directQuery<RowRead>(db, rowsSql(ids.length), ids) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ref = (id: string | null, name: string | null): PersonRef => (id && name !== null ? { id, name } : null);
  const articleTitles: Record<string, string> = {};
  const claims = ids.flatMap((id): ClaimListRow[] => {
    const r = byId.get(id);
    if (!r) return [];
    articleTitles[r.articleId] = r.title;
    return [
      {
        id: r.id,
        articleId: r.articleId,
        number: Number(r.number),
        quote: listQuote(isAnchored(r.anchor) ? r.quote : r.checkedQuote || r.quote),
        summary: r.summary,
        status: r.statusKey,
        reviewState: r.reviewState,
        reviewNote: r.reviewState === "rejected" ? r.reviewNote : "",
        reviewedBy: ref(r.reviewedById, r.reviewedByName),
        assignee: ref(r.assigneeId, r.assigneeName),
        dueAt: fromSqlTime(r.dueAt)?.toISOString() ?? null,
        version: Number(r.version),
      },
    ];
  });
  return { claims, nextPage, articleTitles };
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
