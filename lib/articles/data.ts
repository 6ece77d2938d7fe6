import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { recordAudit } from "@/lib/audit/data";
import { normalizeBody } from "@/lib/anchoring/text";
import { claimSelect, compareClaimsInTextOrder, toClaimDto, type ClaimDto } from "@/lib/claims/dto";
import type { CreateArticleInput } from "@/lib/articles/schemas";
import { searchNeedle } from "@/lib/search/fold";
import { refreshArticleSearch } from "@/lib/search/data";
import { prepareArticleInBackground } from "@/lib/articles/prepare";

const PAGE_SIZE = 25;

export type ArticleSummaryDto = {
  id: string;
  title: string;
  outlet: string | null;
  publishedAt: string | null;
  claimCount: number;
  checkedCount: number;
  statusCounts: Record<string, number>;
};

export type ArticleDto = {
  id: string;
  title: string;
  body: string;
  sourceUrl: string | null;
  outlet: string | null;
  author: string | null;
  publishedAt: string | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
  claims: ClaimDto[];
};

const articleFields = {
  id: true,
  title: true,
  body: true,
  sourceUrl: true,
  outlet: true,
  author: true,
  publishedAt: true,
  revision: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** Articles, newest first, with claim counts per status; 25 a page. */
export async function listArticles(actor: Actor, query: { q?: string; page: number }) {
  if (!can(actor, "article:read")) throw new ForbiddenError();
  // Title, outlet and body, literally and case-insensitively in every script (lib/search).
  const needle = searchNeedle(query.q);
  if (needle) await refreshArticleSearch();
  const where = needle ? { searchText: { contains: needle } } : {};
  const rows = await db.article.findMany({
    where,
    select: { id: true, title: true, outlet: true, publishedAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: (query.page - 1) * PAGE_SIZE,
    take: PAGE_SIZE + 1,
  });
  const page = rows.slice(0, PAGE_SIZE);
  const [groups, verdicts] = await Promise.all([
    db.claim.groupBy({ by: ["articleId", "statusKey"], where: { articleId: { in: page.map((r) => r.id) } }, _count: { _all: true } }),
    db.status.findMany({ where: { isVerdict: true }, select: { key: true } }),
  ]);
  const verdictKeys = new Set(verdicts.map((v) => v.key));
  const articles: ArticleSummaryDto[] = page.map((r) => {
    const statusCounts: Record<string, number> = {};
    let claimCount = 0;
    let checkedCount = 0;
    for (const g of groups) {
      if (g.articleId !== r.id) continue;
      statusCounts[g.statusKey] = g._count._all;
      claimCount += g._count._all;
      if (verdictKeys.has(g.statusKey)) checkedCount += g._count._all;
    }
    return { id: r.id, title: r.title, outlet: r.outlet, publishedAt: r.publishedAt?.toISOString() ?? null, claimCount, checkedCount, statusCounts };
  });
  return { articles, nextPage: rows.length > PAGE_SIZE ? query.page + 1 : null };
}

/** Imports an article; its body is stored normalised ("\n", NFC) so offsets are stable. */
export async function createArticle(actor: Actor, input: CreateArticleInput): Promise<ArticleDto> {
  if (!can(actor, "article:create")) throw new ForbiddenError("Only editors and admins can import articles.");
  const article = await db.$transaction(async (tx) => {
    const body = normalizeBody(input.body);
    const row = await tx.article.create({
      data: { ...input, body, createdById: actor.id, revisions: { create: { revision: 1, title: input.title, body, source: "import", createdById: actor.id } } },
      select: articleFields,
    });
    await recordAudit(tx, { actorId: actor.id, action: "article.create", objectType: "article", objectId: row.id, after: { title: row.title } });
    return toArticleDto(row, []);
  });
  prepareArticleInBackground(actor, article.id);
  return article;
}

function toArticleDto(
  row: { id: string; title: string; body: string; sourceUrl: string | null; outlet: string | null; author: string | null; publishedAt: Date | null; revision: number; createdAt: Date; updatedAt: Date },
  claims: ClaimDto[],
): ArticleDto {
  return {
    ...row,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    claims,
  };
}

/** One article with its claims in text order, without its body (the article page loads the text apart: lib/articles/text.ts). */
export async function getArticleWithoutBody(actor: Actor, articleId: string): Promise<Omit<ArticleDto, "body">> {
  if (!can(actor, "article:read")) throw new NotFoundError("article");
  const { body: _, ...fields } = articleFields;
  const row = await db.article.findUnique({
    where: { id: articleId },
    select: { ...fields, claims: { select: claimSelect, orderBy: [{ start: "asc" }, { end: "desc" }] } },
  });
  if (!row) throw new NotFoundError("article");
  const { claims, ...article } = row;
  const { body: __, ...dto } = toArticleDto({ ...article, body: "" }, claims.map(toClaimDto).sort(compareClaimsInTextOrder));
  return dto;
}

/** One article with its claims in text order. */
export async function getArticle(actor: Actor, articleId: string): Promise<ArticleDto> {
  if (!can(actor, "article:read")) throw new NotFoundError("article");
  const row = await db.article.findUnique({
    where: { id: articleId },
    select: { ...articleFields, claims: { select: claimSelect, orderBy: [{ start: "asc" }, { end: "desc" }] } },
  });
  if (!row) throw new NotFoundError("article");
  const { claims, ...article } = row;
  return toArticleDto(article, claims.map(toClaimDto).sort(compareClaimsInTextOrder));
}
