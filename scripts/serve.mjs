// Serves the production build. A thin wrapper around Next's request handler so the client
// address is known: `next start` passes a client-sent X-Forwarded-For through unchanged, which
// would let anyone pick the address the sign-in throttle counts against. Without TRUST_PROXY=1
// the header is replaced by the socket's address; with it, the socket's address is appended
// (the proxy's own view of the client is then the entry before it).
// It also writes one JSON log line per request (pino) and shuts down gracefully on SIGTERM/SIGINT.
// The JSON API (/api/v1, /api/health, /api/ready) goes to the lean router built by `npm run build`
// (lib/http/lean-router.ts): the same route handlers and checks, without Next's router.
import http from "node:http";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import compression from "compression";
import next from "next";
import pino from "pino";
import { markRunning } from "./run-marker.mjs";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "1";
// The server's SQLite connection leaves WAL checkpoints to a background thread (lib/db-checkpoint.ts);
// scripts, migrations and tests keep SQLite's own.
process.env.SQLITE_CHECKPOINTS ??= "background";
// How long a shutdown waits for requests in flight before it closes what is left.
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);

// One JSON line per request: request id, user id when known, method, route (the path, never the
// query string), status, duration. No headers, no bodies, no cookies or tokens.
const log = pino({ level: process.env.LOG_LEVEL ?? "info", base: { pid: process.pid } });

// Shared with the app (lib/request-context.ts) through a global symbol: the app notes the user.
const requestContext = (globalThis[Symbol.for("claimcheck.requestContext")] ??= new AsyncLocalStorage());
// The app's long-lived responses (event streams) may listen for "shutdown" to end themselves cleanly.
const lifecycle = (globalThis[Symbol.for("claimcheck.lifecycle")] ??= new EventEmitter());

const app = next({ dev: false, dir: process.cwd(), hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();
const leanApi = await loadLeanApi();
// Compression lives here rather than in Next (next.config.js sets compress: false) so its cost
// can be tuned: level 4 keeps large article payloads cheap to send with little size lost. Bodies
// under 8 KB (a saved claim, /me, small lists) go as they are: a gzip stream per response cost
// more server time than the few hundred bytes it saved (16% of a claim save's CPU in its profile).
const compress = compression({ level: 4, threshold: "8kb" });

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const inFlight = new Set();
let shuttingDown = false;

const server = http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  // A proxy's request id is kept when the proxy is trusted and the id is plain; else our own.
  const sentId = req.headers["x-request-id"];
  const id = trustProxy && typeof sentId === "string" && REQUEST_ID.test(sentId) ? sentId : randomUUID();
  res.setHeader("X-Request-Id", id);
  if (shuttingDown) res.setHeader("Connection", "close");
  const ctx = { id, userId: undefined, after: [] };
  inFlight.add(res);
  res.once("close", () => {
    inFlight.delete(res);
    // Work a route left for after its answer (lib/request-context.ts runAfterResponse).
    for (const work of ctx.after) setImmediate(work);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const route = (req.url ?? "/").split("?")[0];
    log.info(
      { reqId: id, userId: ctx.userId, method: req.method, route, status: res.statusCode, ms: Math.round(ms * 10) / 10, aborted: !res.writableFinished || undefined },
      "request",
    );
  });
  // IPv4 clients of a dual-stack socket show as "::ffff:a.b.c.d"; keep the plain form.
  const peer = (req.socket.remoteAddress ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  const sent = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = trustProxy && sent ? `${sent}, ${peer}` : peer;
  // The request's scheme, for the Origin rule (lib/http/origin.ts): the socket's own, or under
  // TRUST_PROXY=1 what the proxy says (its last value). A client cannot choose it otherwise.
  const socketProto = req.socket.encrypted ? "https" : "http";
  const sentProto = String(req.headers["x-forwarded-proto"] ?? "").split(",").pop().trim().toLowerCase();
  req.headers["x-forwarded-proto"] = trustProxy && (sentProto === "https" || sentProto === "http") ? sentProto : socketProto;
  requestContext.run(ctx, () => compress(req, res, () => dispatch(req, res)));
});

/**
 * The JSON API built for the lean router by `npm run build` (scripts/build-api.mts), or null:
 * without the bundle, or with LEAN_API=0, Next serves everything.
 */
async function loadLeanApi() {
  const bundle = path.join(process.cwd(), ".next", "api-server", "api.mjs");
  if (process.env.LEAN_API === "0" || !existsSync(bundle)) return null;
  return (await import(pathToFileURL(bundle).href)).default;
}

/**
 * With the API served beside Next, the first request Next sees may be a sign-in: load Next's
 * request path, the proxy and the auth route in the background, on a private port, so that it is
 * not slow.
 */
async function warmUpNext() {
  const warm = http.createServer((req, res) => handle(req, res));
  await new Promise((resolve) => warm.listen(0, "127.0.0.1", resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${warm.address().port}/api/auth/ok`);
    await res.arrayBuffer();
  } catch {
    /* only a warm-up */
  } finally {
    warm.close();
  }
}

/** API requests go to the lean router (same handlers, same checks, without Next's router); the rest to Next. */
function dispatch(req, res) {
  const api = leanApi?.route(req);
  if (api) return api(req, res);
  return handle(req, res);
}
// Removes this server's mark in the data folder (`npm run restore` refuses while one exists).
const unmark = markRunning(process.env.DATABASE_URL, { port });
server.listen(port, host, () => {
  log.info({ port, host }, "listening");
  console.log(`Ready on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
  // After listening, so that it does not delay the start (the API answers meanwhile).
  if (leanApi) void warmUpNext();
});

function isEventStream(res) {
  return String(res.getHeader("content-type") ?? "").startsWith("text/event-stream");
}

/**
 * Graceful shutdown: stop accepting connections, let requests in flight finish (up to
 * SHUTDOWN_TIMEOUT_MS), end event streams (they would never finish; clients reconnect to another
 * process and replay from their last event id), close the database, exit.
 */
async function shutdown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info({ signal, inFlight: inFlight.size }, "shutting down");
  server.close();
  server.closeIdleConnections?.();
  lifecycle.emit("shutdown");
  const deadline = Date.now() + shutdownTimeoutMs;
  for (;;) {
    for (const res of inFlight) if (isEventStream(res) && !res.writableEnded) res.end();
    if (inFlight.size === 0 || Date.now() > deadline) break;
    server.closeIdleConnections?.();
    await new Promise((r) => setTimeout(r, 50));
  }
  if (inFlight.size) log.warn({ left: inFlight.size }, "shutdown timeout: closing the requests left");
  server.closeAllConnections?.();
  unmark();
  // The event source (lib/events): its LISTEN connection, timers and this process's presence rows.
  await globalThis.__claimcheckEventSource?.close?.().catch(() => {});
  await globalThis.__claimsDb?.$disconnect?.().catch(() => {});
  log.info("stopped");
  log.flush?.();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void shutdown(signal));
process.on("exit", unmark);
