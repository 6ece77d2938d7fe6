// Serves the production build. A thin wrapper around Next's request handler so the client
// address is known: `next start` passes a client-sent X-Forwarded-For through unchanged, which
// would let anyone pick the address the sign-in throttle counts against. Without TRUST_PROXY=1
// the header is replaced by the socket's address; with it, the socket's address is appended
// (the proxy's own view of the client is then the entry before it).
import http from "node:http";
import compression from "compression";
import next from "next";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "1";

const app = next({ dev: false, dir: process.cwd(), hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();
// Compression lives here rather than in Next (next.config.js sets compress: false) so its cost
// can be tuned: level 4 keeps large article payloads cheap to send with little size lost.
const compress = compression({ level: 4 });

const server = http.createServer((req, res) => {
  // IPv4 clients of a dual-stack socket show as "::ffff:a.b.c.d"; keep the plain form.
  const peer = (req.socket.remoteAddress ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  const sent = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = trustProxy && sent ? `${sent}, ${peer}` : peer;
  // The request's scheme, for the Origin rule (lib/http/origin.ts): the socket's own, or under
  // TRUST_PROXY=1 what the proxy says (its last value). A client cannot choose it otherwise.
  const socketProto = req.socket.encrypted ? "https" : "http";
  const sentProto = String(req.headers["x-forwarded-proto"] ?? "").split(",").pop().trim().toLowerCase();
  req.headers["x-forwarded-proto"] = trustProxy && (sentProto === "https" || sentProto === "http") ? sentProto : socketProto;
  compress(req, res, () => handle(req, res));
});
server.listen(port, host, () => {
  console.log(`Ready on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
