import { brotliCompress, brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import Negotiator from "negotiator";

/**
 * Whether a route's own Content-Encoding reaches the client. The lean API router (lib/http/lean-router.ts)
 * sends a Response's headers as they are; Next's router drops a route's Content-Encoding, so a
 * route may send pre-compressed bytes only under the lean router. Kept on globalThis: the router
 * and the routes may be two copies of lib/ in one process.
 */
const LEAN = Symbol.for("claimcheck.leanApi");

/** Called by the lean router when it starts serving. */
export function markOwnEncodingSent(): void {
  (globalThis as Record<symbol, unknown>)[LEAN] = true;
}

/** True when API routes are served by the lean router. */
export function sendsOwnEncoding(): boolean {
  return (globalThis as Record<symbol, unknown>)[LEAN] === true;
}

// ---------------------------------------------------------------- content codings

/** The content codings a route that keeps its own compressed bytes can send, best first. */
export type ContentCoding = "br" | "gzip";
const OFFERED = ["br", "gzip", "identity"];

// Clients send the same few Accept-Encoding values (a browser's, fetch's, curl's): the answer is
// kept per value rather than parsed again for each request.
const chosen = new Map<string, ContentCoding | null>();

/**
 * The coding to send for an Accept-Encoding header (RFC 9110 §12.5.3, q-values honoured: `br;q=0`
 * refuses brotli); brotli before gzip when the client accepts both equally; null for none
 * (no header, `identity`, or nothing acceptable offered).
 */
export function chooseContentCoding(acceptEncoding: string | null): ContentCoding | null {
  if (!acceptEncoding) return null;
  let coding = chosen.get(acceptEncoding);
  if (coding === undefined) {
    // negotiator 0.6.4 takes the server's preference order as a second argument (its types lag).
    const negotiator = new Negotiator({ headers: { "accept-encoding": acceptEncoding } }) as unknown as { encoding(available: string[], preferred: string[]): string | undefined };
    const best = negotiator.encoding(OFFERED, OFFERED);
    coding = best === "br" || best === "gzip" ? best : null;
    if (chosen.size >= 64) chosen.clear();
    chosen.set(acceptEncoding, coding);
  }
  return coding;
}

/**
 * Whether an If-None-Match header matches `etag` (RFC 9110 §13.1.2: a list of entity tags or
 * `*`, compared weakly, so `W/"x"` and `"x"` match).
 */
export function ifNoneMatchMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const wanted = opaque(etag);
  return ifNoneMatch.split(",").some((tag) => opaque(tag) === wanted);
}

/** The coding to send a route's own compressed bytes in: none where the route's Content-Encoding would be dropped (Next's router). */
export function requestedCoding(request: Request): ContentCoding | null {
  return sendsOwnEncoding() ? chooseContentCoding(request.headers.get("accept-encoding")) : null;
}

/** Brotli's parameters for UTF-8 text (JSON, an article's text) of `size` bytes. */
export function brotliTextOptions(size: number, quality: number) {
  return { params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_LGWIN]: 22, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: size } };
}

/**
 * `raw` in `coding`, compressed on first use and kept in `kept` (bytes that are read far more
 * often than they change: the article's representation, a revision's text). gzip level 6 and
 * brotli quality 5 cost about the same (~5 ms for 370 KB); brotli's is ~15% smaller.
 */
export function keptEncoding(raw: Buffer, kept: { gzip?: Buffer; br?: Buffer }, coding: ContentCoding | null): Buffer {
  if (coding === "gzip") return (kept.gzip ??= gzipSync(raw, { level: 6 }));
  if (coding === "br") return (kept.br ??= brotliCompressSync(raw, brotliTextOptions(raw.length, KEPT_BROTLI_QUALITY)));
  return raw;
}

const KEPT_BROTLI_QUALITY = 5;

/**
 * keptEncoding's brotli form, made ahead on zlib's thread pool instead of on the event loop by the
 * first request that asks for it (about 25 ms for 2 MB of text). The same parameters, so the bytes
 * (and an ETag made from them) are the same whichever made them; a request that comes first makes
 * its own.
 */
export function keepBrotliInBackground(raw: Buffer, kept: { br?: Buffer }): Promise<void> {
  if (kept.br) return Promise.resolve();
  return new Promise((resolve, reject) =>
    brotliCompress(raw, brotliTextOptions(raw.length, KEPT_BROTLI_QUALITY), (error, bytes) => {
      if (error) return reject(error);
      kept.br ??= bytes;
      resolve();
    }),
  );
}
