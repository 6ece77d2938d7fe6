/** A local web server serving test pages for import tests and the bench (127.0.0.1, a free port). */
import http from "node:http";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";

export type Page = { status?: number; type?: string; body?: string | Buffer; headers?: Record<string, string>; gzip?: boolean };

export async function startPageServer(pages: Map<string, Page | (() => Page)>) {
  const server = http.createServer((req, res) => {
    const entry = pages.get((req.url ?? "/").split("?")[0]);
    const page = typeof entry === "function" ? entry() : entry;
    if (!page) {
      res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
      return;
    }
    let body = page.body ?? "";
    const headers: Record<string, string> = { "content-type": page.type ?? "text/html; charset=utf-8", ...page.headers };
    if (page.gzip) {
      body = zlib.gzipSync(body);
      headers["content-encoding"] = "gzip";
    }
    res.writeHead(page.status ?? 200, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
