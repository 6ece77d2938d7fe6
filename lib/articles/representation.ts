import "server-only";
import { createHash } from "node:crypto";
import { brotliCompress } from "node:zlib";
import { brotliTextOptions, keptEncoding, type ContentCoding } from "@/lib/http/encoding";
import { db } from "@/lib/db";
import { changeMarker, directQuery, directSqlite } from "@/lib/db-direct";
import { NotFoundError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { getArticle } from "@/lib/articles/data";

export type ArticleRepresentation = {
  etag: string;
  json: Buffer;
  gzip?: Buffer;
  /** Brotli bytes: quick ones first, the smallest once the version has stood for a while (see below). */
  br?: Buffer;
  brSmallest?: boolean;
};

/** `marker`: the database's change marker when `stamp` was last read (SQLite only; lib/db-direct.ts changeMarker). */
type Entry = ArticleRepresentation & { articleId: string; stamp: string; marker?: string; madeAt: number; brPlanned?: boolean };

/**
 * The representation's bytes in a content coding, made once per version of the article and kept
 * with it: a 300-claim article is ~370 KB of JSON, and compressing it anew for every reader was
 * most of the route's time. Only for a server that sends a route's own Content-Encoding (the lean
 * API router; Next drops that header, see below).
 *
 * gzip and a first brotli are made on the first request that asks for them (keptEncoding).
 * Brotli's best quality (11) is 30% smaller than
 * gzip but costs ~250 ms of CPU for 370 KB, so it is made off the event loop (zlib's thread pool),
 * once a version has stood unchanged for BR_SMALLEST_AFTER_MS (while people are saving, versions
 * come and go and are not worth it), one article at a time, and only for representations under
 * BR_SMALLEST_MAX_BYTES. The smaller bytes then replace the first ones: same content, same weak
 * ETag.
 */
export function encodedRepresentation(rep: ArticleRepresentation, coding: ContentCoding | null): Buffer {
  const bytes = keptEncoding(rep.json, rep, coding);
  if (coding === "br" && !rep.brSmallest) planSmallestBrotli(rep as Entry);
  return bytes;
}

const BR_SMALLEST_AFTER_MS = 1000;
const BR_SMALLEST_MAX_BYTES = 1 << 20;
let smallestRunning = false;

function planSmallestBrotli(entry: Entry): void {
  if (entry.brPlanned || entry.madeAt === undefined || entry.json.length > BR_SMALLEST_MAX_BYTES) return;
  entry.brPlanned = true;
  const attempt = () => {
    // A newer version replaced this one (or it left the cache): nobody will be sent these bytes.
    if (cache.get(entry.articleId) !== entry) return;
    if (smallestRunning) return void setTimeout(attempt, BR_SMALLEST_AFTER_MS).unref();
    smallestRunning = true;
    brotliCompress(entry.json, brotliTextOptions(entry.json.length, 11), (error, bytes) => {
      smallestRunning = false;
      if (error) return; // the quick bytes stay; nothing is lost
      entry.br = bytes;
      entry.brSmallest = true;
    });
  };
  setTimeout(attempt, Math.max(0, entry.madeAt + BR_SMALLEST_AFTER_MS - Date.now())).unref();
}

// The article with its claims is the most-read thing in the app (every screen, every integration
// poll) and changes far less often than it is read. Its serialised form is kept per article and
// reused while the database says nothing in it has changed. (Next drops a route's own
// Content-Encoding: served through Next, the bytes go out uncompressed and are compressed on the
// way out; the lean router sends the kept gzip bytes as they are.)
const MAX_ENTRIES = 64;
const cache = new Map<string, Entry>();

const STAMP_SQL = `
    SELECT a."updatedAt" AS u, a."revision" AS r, a."changeSeq" AS s, c.n, c.v, c.mu, c.mc,
      (SELECT MAX("updatedAt") FROM "User") AS pu
    FROM "Article" a,
      (SELECT COUNT(*) AS n, SUM("version") AS v, MAX("updatedAt") AS mu, MAX("createdAt") AS mc
       FROM "Claim" WHERE "articleId" = $1) c
    WHERE a."id" = $1`;

const STAMP_SQL_SQLITE = STAMP_SQL.replace(/\$1/g, "?");

// `pu`: the claims carry people's names (who set a verdict, reviewed, is assigned), so a
// renamed user changes every article's representation.
type StampRow = { u: unknown; r: unknown; s: unknown; n: unknown; v: unknown; mu: unknown; mc: unknown; pu: unknown };

function stampOf(rows: StampRow[]): string | null {
  if (rows.length === 0) return null;
  const r = rows[0];
  return [r.u, r.r, r.s, r.n, r.v, r.mu, r.mc, r.pu].map((x) => (x instanceof Date ? x.toISOString() : String(x))).join("|");
}

/**
 * What identifies the current content of an article and its claims: any claim created, changed
 * (versions only grow), or deleted moves one of these numbers (plain SQL that PostgreSQL runs too,
 * through its client). On SQLite it runs synchronously on the connection (lib/db-direct.ts), and
 * only when the database may have changed since `known` was read; else `known`'s stamp holds.
 */
async function contentStamp(articleId: string, known: Entry | undefined): Promise<{ stamp: string | null; marker?: string }> {
  const direct = await directSqlite(db);
  if (!direct) return { stamp: stampOf(await directQuery<StampRow>(db, STAMP_SQL, [articleId])) };
  return direct.run((connection, prepare) => {
    const marker = changeMarker(connection, prepare);
    if (known?.marker === marker) return { stamp: known.stamp, marker };
    return { stamp: stampOf(prepare(STAMP_SQL_SQLITE).all(articleId, articleId) as StampRow[]), marker };
  });
}

/** The GET /articles/:id body as JSON bytes with an ETag, rebuilt only when it changed. */
export async function getArticleRepresentation(actor: Actor, articleId: string): Promise<ArticleRepresentation> {
  if (!can(actor, "article:read")) throw new NotFoundError("article");
  const hit = cache.get(articleId);
  const { stamp, marker } = await contentStamp(articleId, hit);
  if (stamp === null) throw new NotFoundError("article");
  if (hit && hit.stamp === stamp) {
    // Read after the stamp, the kept content is at least as new as it: valid until the next write.
    hit.marker = marker;
    cache.delete(articleId);
    cache.set(articleId, hit);
    return hit;
  }
  const json = Buffer.from(JSON.stringify(await getArticle(actor, articleId)));
  const entry: Entry = {
    articleId,
    madeAt: Date.now(),
    stamp,
    marker,
    json,
    etag: `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"`,
  };
  cache.set(articleId, entry);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return entry;
}
