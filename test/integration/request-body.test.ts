/**
 * Request bodies as the JSON API reads them (lib/http/api.ts readBodyText; under the lean router
 * straight from Node's request, lib/http/lean-request.ts): bodies sent in pieces without a
 * Content-Length, a character split between two pieces, the size limit enforced while reading,
 * and a client that goes away half-way. Over real HTTP against the built app and a fresh SQLite file.
 */
import http from "node:http";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, PASSWORD } from "../support/fixtures";
import { MAX_BODY_BYTES } from "@/lib/config";

let server: TestServer;
let editor: ApiClient;

beforeAll(async () => {
  await seedUsers();
  server = await startServer();
  editor = new ApiClient(server.url);
  expect((await editor.signIn("editor@example.com", PASSWORD)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

type Answer = { status: number; body: any };

/** POSTs `pieces` one write at a time (chunked: no Content-Length), waiting `gapMs` between them. */
function postInPieces(path: string, pieces: Buffer[], gapMs = 20): Promise<Answer> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: "POST", headers: { "content-type": "application/json", cookie: editor.cookieHeader, origin: server.url } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
      },
    );
    // Once the server has answered (a 413 before the end), the rest is not sent.
    req.on("error", reject);
    let i = 0;
    const next = () => {
      if (i === pieces.length) return void req.end();
      if (req.destroyed) return;
      req.write(pieces[i++]);
      setTimeout(next, gapMs);
    };
    next();
  });
}

async function articleTitles(): Promise<string[]> {
  const r = await editor.get("/api/v1/articles");
  expect(r.status).toBe(200);
  return r.body.articles.map((a: { title: string }) => a.title);
}

describe("request bodies", () => {
  it("reads a body sent in pieces without a Content-Length, with a character split between two pieces", async () => {
    const text = "Москва и Пекин: 莫斯科会谈 — a body in pieces.";
    const json = Buffer.from(JSON.stringify({ title: "Sent in pieces", body: text }));
    // Cut inside the two bytes of "М" (the first Cyrillic letter) and inside a Chinese character's three.
    const cyrillic = json.indexOf(Buffer.from("М")) + 1;
    const chinese = json.indexOf(Buffer.from("莫")) + 2;
    const pieces = [json.subarray(0, cyrillic), json.subarray(cyrillic, chinese), json.subarray(chinese)];
    const r = await postInPieces("/api/v1/articles", pieces);
    expect(r.status).toBe(201);
    const stored = await editor.get(`/api/v1/articles/${r.body.id}`);
    expect(stored.body.title).toBe("Sent in pieces");
    expect(stored.body.body).toBe(text);
  });

  it("refuses a body without a Content-Length once it passes the limit (413), and stores nothing", async () => {
    const before = await articleTitles();
    const piece = Buffer.alloc(1024 * 1024, "x");
    const head = Buffer.from(JSON.stringify({ title: "Too big in pieces", body: "" }).slice(0, -2));
    const pieces = [head, ...Array.from({ length: Math.ceil(MAX_BODY_BYTES / piece.length) + 1 }, () => piece), Buffer.from('"}')];
    const r = await postInPieces("/api/v1/articles", pieces, 5);
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe("payload_too_large");
    expect(r.body.error.details.limitBytes).toBe(MAX_BODY_BYTES);
    expect(await articleTitles()).toEqual(before);
    // The server goes on answering.
    expect((await editor.get("/api/v1/me")).status).toBe(200);
  }, 60_000);

  it("goes on answering after a client goes away half-way through a body, and stores nothing", async () => {
    const before = await articleTitles();
    await new Promise<void>((resolve) => {
      const req = http.request(new URL("/api/v1/articles", server.url), {
        method: "POST",
        headers: { "content-type": "application/json", cookie: editor.cookieHeader, origin: server.url, "content-length": "1000" },
      });
      req.on("error", () => resolve());
      req.write('{"title":"Half a body","body":"');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    const me = await editor.get("/api/v1/me");
    expect(me.status).toBe(200);
    expect(await articleTitles()).toEqual(before);
  });
});
