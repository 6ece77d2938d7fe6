import "server-only";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { db } from "@/lib/db";
import { directQuery, directSqlite, type SqliteConnection } from "@/lib/db-direct";
import { NotFoundError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { getArticle } from "@/lib/articles/data";

export type ArticleRepresentation = { etag: string; json: Buffer; gzip?: Buffer };

/** `marker`: the database's change counters when `stamp` was last read (SQLite only; see unchangedSince). */
type Entry = ArticleRepresentation & { stamp: string; marker?: string };

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
 * SQLite: whether anything at all may have been written to the database since `marker` was read.
 * `total_changes()` counts every row this connection (the app's only one: the ORM's and
 * lib/db-direct.ts's statements) has inserted, updated or deleted; `PRAGMA data_version` moves
 * whenever another connection (another process, a script, a restore) commits. Both together are
 * O(1) (about 20 µs), where the stamp query aggregates every claim of the article (~180 µs for
 * 300 claims). A connection's serial number is part of the marker, as both counters start afresh
 * with a new connection.
 */
const MARKER_SQL = `SELECT total_changes() AS t, (SELECT "data_version" FROM pragma_data_version) AS d`;
const connectionSerial = new WeakMap<SqliteConnection, number>();
let serials = 0;

function markerOf(connection: SqliteConnection, prepare: (sql: string) => { get: () => unknown }): string {
  let serial = connectionSerial.get(connection);
  if (serial === undefined) connectionSerial.set(connection, (serial = ++serials));
  const m = prepare(MARKER_SQL).get() as { t: number; d: number };
  return `${serial}:${m.t}:${m.d}`;
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
    const marker = markerOf(connection, prepare);
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
    stamp,
    marker,
    json,
    etag: `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"`,
  };
  cache.set(articleId, entry);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return entry;
}
