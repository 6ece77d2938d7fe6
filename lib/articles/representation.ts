import "server-only";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { db } from "@/lib/db";
import { directQuery } from "@/lib/db-direct";
import { NotFoundError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { getArticle } from "@/lib/articles/data";

export type ArticleRepresentation = { etag: string; json: Buffer; gzip?: Buffer };

type Entry = ArticleRepresentation & { stamp: string };

/**
 * The representation's bytes gzipped, made once per version of the article and kept with it: a
 * 300-claim article is ~200 KB of JSON, and compressing it anew for every reader was most of the
 * route's time. Only for a server that sends a route's own Content-Encoding (the lean API router;
 * Next drops that header, see below).
 */
export function gzippedRepresentation(rep: ArticleRepresentation): Buffer {
  rep.gzip ??= gzipSync(rep.json, { level: 6 });
  return rep.gzip;
}

// The article with its claims is the most-read thing in the app (every screen, every integration
// poll) and changes far less often than it is read. Its serialised form is kept per article and
// reused while the database says nothing in it has changed. (Next drops a route's own
// Content-Encoding: served through Next, the bytes go out uncompressed and are compressed on the
// way out; the lean router sends the kept gzip bytes as they are.)
const MAX_ENTRIES = 64;
const cache = new Map<string, Entry>();

const STAMP_SQL = `
    SELECT a."updatedAt" AS u, a."revision" AS r, a."changeSeq" AS s, c.n, c.v, c.mu, c.mc
    FROM "Article" a,
      (SELECT COUNT(*) AS n, SUM("version") AS v, MAX("updatedAt") AS mu, MAX("createdAt") AS mc
       FROM "Claim" WHERE "articleId" = $1) c
    WHERE a."id" = $1`;

/**
 * What identifies the current content of an article and its claims: any claim created, changed
 * (versions only grow), or deleted moves one of these numbers. Plain SQL that PostgreSQL runs too.
 */
async function contentStamp(articleId: string): Promise<string | null> {
  // Run synchronously on the SQLite connection (lib/db-direct.ts): through the ORM's raw query this
  // one indexed read cost more than the rest of a cached answer.
  const rows = await directQuery<{ u: unknown; r: unknown; s: unknown; n: unknown; v: unknown; mu: unknown; mc: unknown }>(db, STAMP_SQL, [articleId]);
  if (rows.length === 0) return null;
  const r = rows[0];
  return [r.u, r.r, r.s, r.n, r.v, r.mu, r.mc].map((x) => (x instanceof Date ? x.toISOString() : String(x))).join("|");
}

/** The GET /articles/:id body as JSON bytes with an ETag, rebuilt only when it changed. */
export async function getArticleRepresentation(actor: Actor, articleId: string): Promise<ArticleRepresentation> {
  if (!can(actor, "article:read")) throw new NotFoundError("article");
  const stamp = await contentStamp(articleId);
  if (stamp === null) throw new NotFoundError("article");
  const hit = cache.get(articleId);
  if (hit && hit.stamp === stamp) {
    cache.delete(articleId);
    cache.set(articleId, hit);
    return hit;
  }
  const json = Buffer.from(JSON.stringify(await getArticle(actor, articleId)));
  const entry: Entry = {
    stamp,
    json,
    etag: `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"`,
  };
  cache.set(articleId, entry);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return entry;
}
