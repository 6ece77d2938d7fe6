/**
 * Responses whose body is bytes the server already holds (a JSON answer, the article's cached
 * gzip bytes). A standard `new Response(bytes)` copies them (undici's extractBody slices the
 * buffer) and wraps them in a web stream that the server then reads chunk by chunk: for the
 * 300-claim article that copy alone was a tenth of the route's CPU time (docs/perf-profile.md).
 *
 * Under the lean API router (lib/http/lean-router.ts) the Response is made without a body and the
 * bytes are handed to the router beside it, which writes them with one `res.end(bytes)`; status,
 * headers and every check are the handler's, as before. Anywhere else (Next's router, a test that
 * calls a handler) it is a standard Response with the bytes as its body. Kept on globalThis: the
 * router and the routes may be two copies of lib/ in one process.
 */
import { ifNoneMatchMatches, sendsOwnEncoding, type ContentCoding } from "@/lib/http/encoding";

const KEY = Symbol.for("claimcheck.responseBytes");
type Holder = { [KEY]?: WeakMap<Response, Uint8Array> };

function held(): WeakMap<Response, Uint8Array> {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= new WeakMap());
}

/** A Response with `bytes` as its body (handed to the lean router directly when it serves the request). */
export function bytesResponse(bytes: Uint8Array, init: ResponseInit = {}): Response {
  if (!sendsOwnEncoding()) return new Response(bytes as unknown as BodyInit, init);
  const response = new Response(null, init);
  held().set(response, bytes);
  return response;
}

/** `Response.json(value, { status })`, as bytes (same body, same Content-Type). */
export function jsonResponse(value: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return bytesResponse(Buffer.from(JSON.stringify(value)), { status, headers: { "content-type": "application/json", ...headers } });
}

/** The bytes handed beside `response` by bytesResponse, if any (the lean router's side). */
export function heldBytes(response: Response): Uint8Array | undefined {
  return held().get(response);
}

/**
 * The answer to a GET for bytes kept already encoded: 304 when If-None-Match names `headers.ETag`
 * (the tag of this coding's bytes), else `bytes()` (asked for only then) with their Content-Encoding.
 */
export function encodedBytesResponse(request: Request, coding: ContentCoding | null, headers: Record<string, string>, bytes: () => Uint8Array): Response {
  if (ifNoneMatchMatches(request.headers.get("if-none-match"), headers.ETag)) return new Response(null, { status: 304, headers });
  return bytesResponse(bytes(), { headers: coding ? { ...headers, "Content-Encoding": coding } : headers });
}
