// A floor for the article route: a bare Node http server that answers every request with the same
// bytes the app sent (read once from BODY_FILE), with the app's Content-Type and, when set,
// CONTENT_ENCODING (PORT, 127.0.0.1). No routing, no session, no database: only the transfer.
import http from "node:http";
import { readFileSync } from "node:fs";

const body = readFileSync(process.env.BODY_FILE);
const headers = { "content-type": "application/json", "content-length": body.length, "cache-control": "private, no-cache" };
if (process.env.CONTENT_ENCODING) headers["content-encoding"] = process.env.CONTENT_ENCODING;
http
  .createServer((req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  })
  .listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
