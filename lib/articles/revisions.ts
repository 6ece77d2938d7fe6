import "server-only";
import { db } from "@/lib/db";
import { articleTransaction } from "@/lib/events/transaction";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { recordAudit } from "@/lib/audit/data";
import { normalizeBody } from "@/lib/anchoring/text";
import { getArticle, type ArticleDto } from "@/lib/articles/data";
import { writeRevision, type ReanchorSummary } from "@/lib/articles/revise";
import type { UpdateArticleInput } from "@/lib/articles/schemas";

export type RevisionSummaryDto = {
  revision: number;
  title: string;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  note: string;
  source: string;
};
export type RevisionDto = RevisionSummaryDto & { body: string };

const revisionSelect = {
  revision: true,
  title: true,
  note: true,
  source: true,
  createdAt: true,
  createdBy: { select: { id: true, name: true } },
} as const;

/**
 * Edits an article (editors, admins). `input.revision` is the revision the edit is based on: a
 * stale one changes nothing and is a 409 with the current article. A changed body becomes a new
 * revision and every claim is re-anchored in the same transaction.
 */
export async function updateArticle(actor: Actor, articleId: string, input: UpdateArticleInput): Promise<ArticleDto & { reanchored: ReanchorSummary | null }> {
  if (!can(actor, "article:update")) throw new ForbiddenError("Only editors and admins can edit articles.");
  const summary = await articleTransaction(async (tx) => {
    const current = await tx.article.findUnique({
      where: { id: articleId },
      select: { id: true, title: true, body: true, sourceUrl: true, outlet: true, author: true, publishedAt: true, revision: true, updatedAt: true },
    });
    if (!current) throw new NotFoundError("article");
    if (current.revision !== input.revision) {
      throw new ConflictError(
        `This article was changed by someone else (now at revision ${current.revision}; your edit was based on revision ${input.revision}). Look at the current text and make your edit again.`,
        { ...current, publishedAt: current.publishedAt?.toISOString() ?? null, updatedAt: current.updatedAt.toISOString() },
      );
    }
    const meta = {
      ...(input.sourceUrl !== undefined ? { sourceUrl: input.sourceUrl } : {}),
      ...(input.outlet !== undefined ? { outlet: input.outlet } : {}),
      ...(input.author !== undefined ? { author: input.author } : {}),
      ...(input.publishedAt !== undefined ? { publishedAt: input.publishedAt } : {}),
    };
    const title = input.title ?? current.title;
    const body = input.body !== undefined ? normalizeBody(input.body) : current.body;
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [k, v] of Object.entries({ ...meta, title })) {
      const old = current[k as keyof typeof current];
      const o = old instanceof Date ? old.toISOString() : old;
      const n = v instanceof Date ? v.toISOString() : v;
      if (o !== n) {
        before[k] = o;
        after[k] = n;
      }
    }
    let result: ReanchorSummary | null = null;
    if (body !== current.body) {
      if (Object.keys(meta).length) await tx.article.update({ where: { id: articleId }, data: meta });
      const written = await writeRevision(tx, { articleId, currentRevision: current.revision, title, body, note: input.note, source: "edit", actorId: actor.id });
      result = written.summary;
      before.revision = current.revision;
      after.revision = written.revision;
      after.reanchored = written.summary;
    } else if (Object.keys(after).length) {
      await tx.article.update({ where: { id: articleId }, data: { ...meta, title } });
    }
    if (Object.keys(after).length) {
      await recordAudit(tx, { actorId: actor.id, action: "article.update", objectType: "article", objectId: articleId, before, after });
    }
    return result;
  });
  return { ...(await getArticle(actor, articleId)), reanchored: summary };
}

/** Every revision of an article, oldest first. */
export async function listRevisions(actor: Actor, articleId: string): Promise<RevisionSummaryDto[]> {
  if (!can(actor, "article:read")) throw new NotFoundError("article");
  const article = await db.article.findUnique({ where: { id: articleId }, select: { id: true } });
  if (!article) throw new NotFoundError("article");
  const rows = await db.articleRevision.findMany({ where: { articleId }, select: revisionSelect, orderBy: { revision: "asc" } });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** One revision with its text. */
export async function getRevision(actor: Actor, articleId: string, revision: number): Promise<RevisionDto> {
  if (!can(actor, "article:read")) throw new NotFoundError("article");
  const row = await db.articleRevision.findUnique({
    where: { articleId_revision: { articleId, revision } },
    select: { ...revisionSelect, body: true },
  });
  if (!row) throw new NotFoundError("revision");
  return { ...row, createdAt: row.createdAt.toISOString() };
}
