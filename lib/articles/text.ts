import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { directQuery } from "@/lib/db-direct";
import { NotFoundError } from "@/lib/errors";
import type { ContentCoding } from "@/lib/http/encoding";
import { can, type Actor } from "@/lib/permissions";

/**
 * An article's text as its own resource (GET /api/v1/articles/:id/text), so the article page does
 * not carry a 2 MB body inside its HTML and RSC payload (which the browser decodes, compiles and
 * parses a second time): the page preloads the text while its HTML parses.
 *
 * The body only changes with a new revision (lib/articles/revise.ts writes the revision row and
 * the article's body together), so the text of (article, revision) never changes: it is kept per
 * revision row (its id, unique even across a restore) with its digest and its compressed forms,
 * made once (keptEncoding). A request reads two indexed rows of a few bytes; the body only on a miss.
 */
export type ArticleText = {
  articleId: string;
  revision: number;
  /** Strong ETag of the text's bytes (per encoding: see etagFor). */
  etag: string;
  body: string;
  utf8: Buffer;
  gzip?: Buffer;
  br?: Buffer;
};

const MAX_ENTRIES = 8;
const MAX_BYTES = 48 * 1024 * 1024;
// On globalThis: the page (Next's bundle) and the API route (the lean router's bundle) share it.
const KEY = Symbol.for("claimcheck.articleTexts");
const cache: Map<string, ArticleText> = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map()) as Map<string, ArticleText>;

/** What an entry holds in memory: its bytes, and its string at up to two bytes a character. */
const sizeOf = (e: ArticleText) => e.utf8.byteLength + (e.gzip?.byteLength ?? 0) + (e.br?.byteLength ?? 0) + 2 * e.body.length;

function remember(key: string, entry: ArticleText) {
  cache.set(key, entry);
  let bytes = 0;
  for (const e of cache.values()) bytes += sizeOf(e);
  for (const [k, e] of cache) {
    if (cache.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
    if (k === key) continue;
    cache.delete(k);
    bytes -= sizeOf(e);
  }
}

type Located = { current: number; revision: number; rowId: string | null };

/** The article's current revision and the revision row asked for (the current one by default). */
async function locate(articleId: string, revision: number | undefined): Promise<Located> {
  const [article] = await directQuery<{ revision: unknown }>(db, `SELECT "revision" FROM "Article" WHERE "id" = $1`, [articleId]);
  if (!article) throw new NotFoundError("article");
  const current = Number(article.revision);
  const wanted = revision ?? current;
  if (wanted < 1 || wanted > current) throw new NotFoundError("revision");
  const [row] = await directQuery<{ id: string }>(db, `SELECT "id" FROM "ArticleRevision" WHERE "articleId" = $1 AND "revision" = $2`, [articleId, wanted]);
  return { current, revision: wanted, rowId: row?.id ?? null };
}

async function readBody(articleId: string, at: Located): Promise<string> {
  if (at.rowId) {
    const row = await db.articleRevision.findUnique({ where: { id: at.rowId }, select: { body: true } });
    if (row) return row.body;
  }
  // An article without revision rows (none are made elsewhere, but older data may lack them):
  // its current body, read only if it is still the revision asked for.
  const row = await db.article.findFirst({ where: { id: articleId, revision: at.revision }, select: { body: true } });
  if (!row) throw new NotFoundError("revision");
  return row.body;
}

/**
 * The text of `articleId` at `revision` (the current revision when not given), for anyone who may
 * read the article. A revision that does not exist (or is newer than the article's) is a 404.
 */
export async function getArticleText(actor: Actor, articleId: string, revision?: number): Promise<ArticleText> {
  if (!can(actor, "article:read")) throw new NotFoundError("article");
  const at = await locate(articleId, revision);
  const key = at.rowId ? `row:${at.rowId}` : `article:${articleId}:${at.revision}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const body = await readBody(articleId, at);
  const utf8 = Buffer.from(body, "utf8");
  const entry: ArticleText = {
    articleId,
    revision: at.revision,
    etag: `"t-${createHash("sha256").update(utf8).digest("base64url").slice(0, 27)}"`,
    body,
    utf8,
  };
  remember(key, entry);
  return entry;
}

/** The strong ETag of `text` sent in `coding` (each coding's bytes differ, so do their tags). */
export function etagFor(text: ArticleText, coding: ContentCoding | null): string {
  return coding ? `${text.etag.slice(0, -1)}-${coding}"` : text.etag;
}

