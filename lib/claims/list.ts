import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { searchNeedle } from "@/lib/search/fold";
import { refreshClaimSearch } from "@/lib/search/data";
import type { ListClaimsQuery } from "@/lib/claims/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Claims per page of every claims list (API and pages). */
export const CLAIMS_PAGE_SIZE = 50;

/** The Prisma filter of `GET /api/v1/claims` (shared/API.md) for `actor`. */
export function claimsWhere(actor: Actor, query: Omit<ListClaimsQuery, "page" | "sort">, verdictKeys: string[] = []): Prisma.ClaimWhereInput {
  const and: Prisma.ClaimWhereInput[] = [];
  if (query.status) and.push({ statusKey: query.status });
  if (query.assignee) and.push({ assigneeId: query.assignee === "none" ? null : query.assignee === "me" ? actor.id : query.assignee });
  if (query.reviewState) and.push({ reviewState: query.reviewState });
  if (query.anchor) and.push({ anchor: query.anchor });
  if (query.articleId) and.push({ articleId: query.articleId });
  if (query.open === "true") and.push({ reviewState: { not: "approved" } });
  if (query.reviewable === "true") {
    // Pending verdicts the caller may review: an editor who changed none of it since the last review.
    if (!can(actor, "claim:review", { reviewChangers: [] })) and.push({ id: "" });
    and.push(
      // The verdict keys, read first from the small status table: a plain IN, no join per claim.
      { reviewState: "pending", statusKey: { in: verdictKeys } },
      // Ids are UUIDs: no LIKE wildcards in them.
      { NOT: { reviewChangers: { contains: `"${actor.id}"` } } },
      // Claims from before the changers list was kept: whoever set the verdict.
      { OR: [{ NOT: { reviewChangers: "[]" } }, { statusSetById: null }, { statusSetById: { not: actor.id } }] },
    );
  }
  const needle = searchNeedle(query.q);
  if (needle) and.push({ searchText: { contains: needle } });
  return and.length ? { AND: and } : {};
}

const CLAIM_ORDER: Record<NonNullable<ListClaimsQuery["sort"]>, Prisma.ClaimOrderByWithRelationInput[]> = {
  updated: [{ updatedAt: "desc" }, { id: "asc" }],
  oldest: [{ updatedAt: "asc" }, { id: "asc" }],
  number: [{ articleId: "asc" }, { number: "asc" }],
  due: [{ dueAt: { sort: "asc", nulls: "last" } }, { updatedAt: "asc" }, { id: "asc" }],
};

type IdPage = { ids: string[]; nextPage: number | null };

/**
 * The ids of one page of the claims `query` matches for `actor`, in the list's order, and the
 * next page's number if there is one. `verdictKeys` (for `reviewable`) is read from the status
 * table unless the caller has the scale at hand.
 */
export async function claimIdsPage(actor: Actor, query: ListClaimsQuery, verdictKeys?: string[]): Promise<IdPage> {
  if (!can(actor, "article:read")) throw new ForbiddenError();
  if (searchNeedle(query.q)) await refreshClaimSearch();
  const keys =
    query.reviewable !== "true" ? [] : (verdictKeys ?? (await db.status.findMany({ where: { isVerdict: true }, select: { key: true } })).map((s) => s.key));
  const where = claimsWhere(actor, query, keys);
  const skip = (query.page - 1) * CLAIMS_PAGE_SIZE;
  const take = CLAIMS_PAGE_SIZE + 1;
  const sort = query.sort ?? "updated";
  const rows = sort === "due" ? await dueOrderIds(where, skip, take) : await db.claim.findMany({ where, select: { id: true }, orderBy: CLAIM_ORDER[sort], skip, take });
  return { ids: rows.slice(0, CLAIMS_PAGE_SIZE).map((r) => r.id), nextPage: rows.length > CLAIMS_PAGE_SIZE ? query.page + 1 : null };
}

/**
 * "Due soonest first" (claims without a due time last, then waiting longest first), asked as two
 * ranges: the claims with a due time by (dueAt, updatedAt, id), then those without by
 * (updatedAt, id). Each range walks the (reviewState, dueAt, updatedAt, id) index in order and
 * stops after the page; one query ordering by "dueAt is null" first makes the database sort every
 * match before it can take a page (5,000 pending claims: ~15 ms against ~0.1 ms).
 */
async function dueOrderIds(where: Prisma.ClaimWhereInput, skip: number, take: number): Promise<{ id: string }[]> {
  const withDue: Prisma.ClaimWhereInput = { AND: [where, { dueAt: { not: null } }] };
  const first = await db.claim.findMany({ where: withDue, select: { id: true }, orderBy: [{ dueAt: "asc" }, { updatedAt: "asc" }, { id: "asc" }], skip, take });
  if (first.length === take) return first;
  // How many claims with a due time come before the page's first claim without one.
  const dueCount = first.length > 0 || skip === 0 ? skip + first.length : await db.claim.count({ where: withDue });
  const rest = await db.claim.findMany({
    where: { AND: [where, { dueAt: null }] },
    select: { id: true },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    skip: Math.max(0, skip - dueCount),
    take: take - first.length,
  });
  return [...first, ...rest];
}
