/**
 * The lean API router: serves the route handlers of app/api/v1/** and app/api/health straight
 * from Node's http server (scripts/serve.mjs), without going through Next's router, which costs
 * about fifty times what a do-nothing handler does (docs/perf-profile.md).
 *
 * The route table is made at build time from the file system (scripts/build-api.mts), so a new
 * route.ts is served here with no extra work. Each handler is called as Next calls it: a
 * Request (lib/http/lean-request.ts: the standard Request's interface read straight from Node's
 * request) and `{ params: Promise<...> }`, with `[id]` and `[...rest]` segments percent-decoded
 * into params; its Response is written back as it is (streams included, for text/event-stream;
 * bytes handed beside it by lib/http/bytes-response.ts in one write). Every check (session, Origin, body limit, error shape) stays in the
 * handler's own code (lib/http/api.ts apiRoute), and the same security headers as proxy.ts are
 * set from lib/http/security-headers.ts.
 *
 * One thing differs from Next: this bundle has its own copy of lib/. Module-level state that
 * pages or server actions share with the API (a client, an event bus, a cache that is not
 * checked against the database) must live on globalThis, as lib/db.ts keeps the Prisma client.
 */
import { ServerResponse, type IncomingMessage } from "node:http";
import { refuseEarly } from "@/lib/http/checks";
import { heldBytes } from "@/lib/http/bytes-response";
import { markOwnEncodingSent } from "@/lib/http/encoding";
import { LeanRequest } from "@/lib/http/lean-request";
import { API_CSP, COMMON_SECURITY_HEADERS, HSTS, servedOverHttps } from "@/lib/http/security-headers";

type Params = Record<string, string | string[]>;
export type RouteHandler = (request: Request, context: { params: Promise<Params> }) => Response | Promise<Response>;
export type RouteModule = Record<string, unknown>;
/**
 * One route.ts: its URL pattern ("/api/v1/claims/[id]") and how to load its module (on first use,
 * as Next does, so that starting the server does not load every route's libraries), or
 * `servedByNext` when it must stay in Next.
 */
export type RouteEntry = { pattern: string; load?: () => Promise<RouteModule>; servedByNext?: boolean };
/** What serve.mjs calls: a Node request handler for the requests this router serves, or null to hand them to Next. */
export type LeanApi = {
  route: (req: IncomingMessage) => ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null;
  patterns: string[];
};

const METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;

type Route = { entry: RouteEntry; module?: RouteModule; allow?: string };
type Node = {
  fixed: Map<string, Node>;
  dynamic?: { name: string; node: Node };
  catchAll?: { name: string; optional: boolean; route: Route };
  route?: Route;
};

const newNode = (): Node => ({ fixed: new Map() });

function allowHeader(module: RouteModule | undefined): string {
  const methods = new Set(METHODS.filter((m) => typeof module?.[m] === "function"));
  if (methods.has("GET")) methods.add("HEAD");
  methods.add("OPTIONS");
  return METHODS.filter((m) => methods.has(m)).join(", ");
}

function buildTrie(entries: RouteEntry[]): Node {
  const root = newNode();
  for (const entry of entries) {
    const route: Route = { entry };
    let node = root;
    const segments = entry.pattern.split("/").filter(Boolean);
    for (const [i, segment] of segments.entries()) {
      const catchAll = /^\[(\[)?\.\.\.([^\]]+)\]\]?$/.exec(segment);
      if (catchAll) {
        if (i !== segments.length - 1) throw new Error(`${entry.pattern}: a catch-all segment must be last`);
        node.catchAll = { name: catchAll[2], optional: Boolean(catchAll[1]), route };
        break;
      }
      const dynamic = /^\[([^\]]+)\]$/.exec(segment);
      if (dynamic) {
        node.dynamic ??= { name: dynamic[1], node: newNode() };
        node = node.dynamic.node;
      } else {
        if (!node.fixed.has(segment)) node.fixed.set(segment, newNode());
        node = node.fixed.get(segment)!;
      }
      if (i === segments.length - 1) node.route = route;
    }
  }
  return root;
}

/** Matches raw (still percent-encoded) segments as Next does: fixed before [param] before [...catchAll]. */
function match(node: Node, segments: string[], i: number, params: Record<string, string | string[]>): Route | null {
  if (i === segments.length) {
    if (node.route) return node.route;
    if (node.catchAll?.optional) return node.catchAll.route;
    return null;
  }
  const fixed = node.fixed.get(segments[i]);
  if (fixed) {
    const found = match(fixed, segments, i + 1, params);
    if (found) return found;
  }
  if (node.dynamic) {
    const found = match(node.dynamic.node, segments, i + 1, params);
    if (found) {
      params[node.dynamic.name] = segments[i];
      return found;
    }
  }
  if (node.catchAll) {
    params[node.catchAll.name] = segments.slice(i);
    return node.catchAll.route;
  }
  return null;
}

/** Route parameters percent-decoded, as Next gives them (the path has passed refuseEarly: every escape decodes). */
function decodeParams(raw: Record<string, string | string[]>): Params {
  const out: Params = {};
  for (const [name, value] of Object.entries(raw)) {
    out[name] = Array.isArray(value) ? value.map((v) => decodeURIComponent(v)) : decodeURIComponent(value);
  }
  return out;
}

const HOST = /^[A-Za-z0-9.\-:[\]]{1,255}$/;

/** The handler's Request for a Node request: its body read on demand, its signal aborted when the client goes away. */
function toRequest(req: IncomingMessage): LeanRequest {
  // From req.headers, not rawHeaders: serve.mjs has replaced the client's X-Forwarded-For there.
  const host = req.headers.host && HOST.test(req.headers.host) ? req.headers.host : "localhost";
  return new LeanRequest(req, `http://${host}${req.url}`);
}

function setHeaders(req: IncomingMessage, res: ServerResponse, response: Response) {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  // Set last, so a handler cannot weaken them; the same headers proxy.ts puts on API responses in Next.
  res.setHeader("Content-Security-Policy", API_CSP);
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) res.setHeader(name, value);
  const proto = req.headers["x-forwarded-proto"];
  if (servedOverHttps("http:", typeof proto === "string" ? proto : null)) res.setHeader("Strict-Transport-Security", HSTS);
}

function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** Writes a Response to Node: a one-chunk body in a single write, longer bodies streamed, event streams flushed per event. */
async function writeResponse(req: IncomingMessage, res: ServerResponse & { flush?: () => void }, response: Response) {
  setHeaders(req, res, response);
  const bytes = heldBytes(response);
  if (bytes) {
    // With its length: the compression wrapper in serve.mjs writes the headers before the body,
    // and without a Content-Length Node would frame even a small known body as chunked.
    if (response.status === 204 || response.status === 304) return void res.end();
    res.setHeader("Content-Length", bytes.byteLength);
    if (req.method === "HEAD") return void res.end();
    // Bytes already encoded by the route (the article's kept gzip) leave the compression wrapper
    // nothing to do: written by the response's own end (its head still passes the wrapper's hooks).
    if (response.headers.has("content-encoding")) return void (ServerResponse.prototype.end as (this: ServerResponse, chunk: Uint8Array) => ServerResponse).call(res, bytes);
    res.end(bytes);
    return;
  }
  const body = response.body;
  if (!body || req.method === "HEAD" || response.status === 204 || response.status === 304) {
    await body?.cancel().catch(() => {});
    res.end();
    return;
  }
  const reader = body.getReader();
  const closed = () => res.destroyed || (res.writableEnded && !res.writableFinished);
  res.on("close", () => {
    if (!res.writableFinished) reader.cancel().catch(() => {});
  });
  const eventStream = (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
  try {
    if (eventStream) {
      res.flushHeaders();
      for (;;) {
        const { done, value } = await reader.read();
        if (done || closed()) break;
        const more = res.write(value);
        res.flush?.(); // through the compression middleware, each event goes out at once
        if (!more) await waitForDrain(res);
      }
      res.end();
      return;
    }
    const first = await reader.read();
    if (first.done) return void res.end();
    const second = await reader.read();
    if (second.done) return void res.end(first.value);
    res.write(first.value);
    let chunk: ReadableStreamReadResult<Uint8Array> = second;
    while (!chunk.done && !closed()) {
      if (!res.write(chunk.value)) await waitForDrain(res);
      chunk = await reader.read();
    }
    res.end();
  } catch (error) {
    // Headers are gone already: all that is left is to cut the connection.
    console.error("Error while streaming an API response:", error);
    res.destroy();
  }
}

/** The lean router over `entries`, for requests whose path is one of `prefixes` or below it. */
export function createLeanApi(entries: RouteEntry[], prefixes: string[]): LeanApi {
  markOwnEncodingSent();
  const root = buildTrie(entries);
  const owns = (path: string) => prefixes.some((p) => path === p || path.startsWith(`${p}/`));

  return {
    patterns: entries.filter((e) => !e.servedByNext).map((e) => e.pattern),
    route(req) {
      const url = req.url ?? "";
      const q = url.indexOf("?");
      const path = q < 0 ? url : url.slice(0, q);
      // Paths Next would redirect or normalise (a trailing slash, "//", dot segments) stay with Next.
      if (!url.startsWith("/") || !owns(path) || path.endsWith("/") || path.includes("//") || /\/\.\.?(\/|$)/.test(path)) return null;
      const rawParams: Record<string, string | string[]> = {};
      const found = match(root, path.split("/").slice(1), 0, rawParams);
      if (!found || found.entry.servedByNext) return null;
      return async (req, res) => {
        const request = toRequest(req);
        res.on("close", () => {
          if (!res.writableFinished) request.abort();
        });
        let response: Response;
        try {
          response = await callHandler(request, path, found, rawParams);
        } catch (error) {
          // Loaded when needed: lib/http/api brings the database client, which the server's start need not wait for.
          response = (await import("@/lib/http/api")).errorResponse(error);
        }
        await writeResponse(req, res, response);
        // A body the handler did not read (an early 413 or 401) is read and dropped, as Node does
        // for a request nobody listened to, so the connection can carry the next request.
        if (!req.complete) {
          req.removeAllListeners("data");
          req.resume();
        }
      };
    },
  };
}

async function callHandler(request: LeanRequest, path: string, route: Route, rawParams: Record<string, string | string[]>): Promise<Response> {
  const method = request.method;
  // The same early checks proxy.ts runs for whatever Next serves (lib/http/checks.ts).
  const refused = refuseEarly(method, path, request.headers);
  if (refused) return refused;
  if (!route.module) {
    route.module = (await route.entry.load?.()) ?? {};
    route.allow = allowHeader(route.module);
  }
  const routeModule = route.module;
  let handler = routeModule[method] as RouteHandler | undefined;
  if (!handler && method === "HEAD") handler = routeModule.GET as RouteHandler | undefined;
  if (!handler) {
    const allow = route.allow ?? "";
    if (method === "OPTIONS") return new Response(null, { status: 204, headers: { Allow: allow } });
    return Response.json(
      { error: { code: "method_not_allowed", message: `${method} is not supported here. Allowed: ${allow}.` } },
      { status: 405, headers: { Allow: allow } },
    );
  }
  const params = decodeParams(rawParams);
  const response = await handler(request as unknown as Request, { params: Promise.resolve(params) });
  if (!(response instanceof Response)) throw new Error(`The handler of ${method} ${route.entry.pattern} returned no Response`);
  return response;
}
