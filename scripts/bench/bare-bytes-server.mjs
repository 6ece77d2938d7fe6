// A floor for the article route: a bare Node http server that answers every request with the same
// bytes the app sent (read once from BODY_FILE) under the same response headers (HEADERS_JSON;
// PORT, 127.0.0.1). No routing, no session, no database: only the transfer.
import http from "node:http";
import { readFileSync } from "node:fs";

const body = readFileSync(process.env.BODY_FILE);
const headers = { ...JSON.parse(process.env.HEADERS_JSON ?? "{}"), "content-length": body.length };
http
  .createServer((req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  })
  .listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
