// Serves the production build. A thin wrapper around Next's request handler so the client
// address is known: `next start` passes a client-sent X-Forwarded-For through unchanged, which
// would let anyone pick the address the sign-in throttle counts against. Without TRUST_PROXY=1
// the header is replaced by the socket's address; with it, the socket's address is appended
// (the proxy's own view of the client is then the entry before it).
import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import compression from "compression";
import next from "next";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "1";

const app = next({ dev: false, dir: process.cwd(), hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();
const leanApi = await loadLeanApi();
if (leanApi) await warmUpNext();
// Compression lives here rather than in Next (next.config.js sets compress: false) so its cost
// can be tuned: level 4 keeps large article payloads cheap to send with little size lost.
const compress = compression({ level: 4 });

const server = http.createServer((req, res) => {
  // IPv4 clients of a dual-stack socket show as "::ffff:a.b.c.d"; keep the plain form.
  const peer = (req.socket.remoteAddress ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  const sent = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = trustProxy && sent ? `${sent}, ${peer}` : peer;
  compress(req, res, () => dispatch(req, res));
});

/**
 * The JSON API (/api/v1, /api/health) built for the lean router by `npm run build`
 * (scripts/build-api.mts), or null: without the bundle, or with LEAN_API=0, Next serves everything.
 */
async function loadLeanApi() {
  const bundle = path.join(process.cwd(), ".next", "api-server", "api.mjs");
  if (process.env.LEAN_API === "0" || !existsSync(bundle)) return null;
  return (await import(pathToFileURL(bundle).href)).default;
}

/**
 * With the API served beside Next, the first request Next sees may be a sign-in: load Next's
 * request path, the proxy and the auth route now, on a private port, so that it is not slow.
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

server.listen(port, host, () => {
  console.log(`Ready on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
