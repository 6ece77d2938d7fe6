// The floor of the bench: a bare Node http server answering JSON (PORT, 127.0.0.1).
import http from "node:http";

const body = JSON.stringify({ ok: true });
http
  .createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  })
  .listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
