/**
 * GET /api/v1/articles/:id/text: the article's text as its own request (the article page reads
 * it apart from its HTML). Over real HTTP against the built app (the lean API router), on a real
 * database: the text comes back byte for byte (Cyrillic, Chinese, emoji), compressed as asked,
 * with a strong ETag per revision and encoding and a 304 when it matches; a new revision has a new
 * ETag and the new text, while `?revision=N` keeps answering revision N's text (what the page's
 * claims were anchored in); unknown articles and revisions are 404s in the API's error shape.
 */
import { gunzipSync, brotliDecompressSync } from "node:zlib";
import { request as httpRequest } from "node:http";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, PASSWORD } from "../support/fixtures";

jest.setTimeout(120_000);

let server: TestServer;
let editor: ApiClient;
let viewer: ApiClient;
let articleId: string;

const BODY = [
  "Президент России заявил, что переговоры прошли в конструктивной атмосфере.",
  "国家主席抵达莫斯科，开始进行国事访问。据海关统计，去年双边贸易额同比增长近三成。",
  "Kyiv 🇺🇦 said exports rose 40% in 2023 — «цитата», “quotes”, naïve café.",
  // Long enough to pass the server's 8 KB compression threshold several times over.
  ...Array.from({ length: 200 }, (_, i) => `Paragraph ${i + 1}: the ministry said exports rose by ${i} percent; 价格上涨了${i}%.`),
].join("\n\n");

/** Raw HTTP (no automatic decompression): status, headers and the body's bytes as sent. */
function raw(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(server.url + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  await seedUsers();
  server = await startServer();
  const signedIn = async (name: string) => {
    const c = new ApiClient(server.url);
    expect((await c.signIn(`${name}@example.com`, PASSWORD)).status).toBe(200);
    return c;
  };
  [editor, viewer] = await Promise.all(["editor", "viewer"].map(signedIn));
  const made = await editor.post("/api/v1/articles", { title: "Text route", body: BODY, outlet: "Test" });
  expect(made.status).toBe(201);
  articleId = made.body.id;
  expect(made.body.body).toBe(BODY); // stored as sent (already normalised)
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const path = (query = "") => `/api/v1/articles/${articleId}/text${query}`;

test("the text comes back byte for byte in every encoding, with its revision, a strong ETag per encoding and no-cache", async () => {
  const expected = Buffer.from(BODY, "utf8");
  const cookie = viewer.cookieHeader;
  const plain = await raw(path(), { cookie, "accept-encoding": "identity" });
  expect(plain.status).toBe(200);
  expect(plain.headers["content-type"]).toBe("text/plain; charset=utf-8");
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(plain.headers["cache-control"]).toBe("private, no-cache");
  expect(plain.headers["x-article-revision"]).toBe("1");
  expect(plain.bytes.equals(expected)).toBe(true);

  const gz = await raw(path(), { cookie, "accept-encoding": "gzip" });
  expect(gz.headers["content-encoding"]).toBe("gzip");
  expect(gunzipSync(gz.bytes).equals(expected)).toBe(true);
  const br = await raw(path("?revision=1"), { cookie, "accept-encoding": "gzip, deflate, br" });
  expect(br.headers["content-encoding"]).toBe("br");
  expect(br.bytes.length).toBeLessThan(expected.length / 3);
  expect(brotliDecompressSync(br.bytes).equals(expected)).toBe(true);

  const tags = [plain, gz, br].map((r) => r.headers.etag as string);
  for (const tag of tags) expect(tag).toMatch(/^"[^"]+"$/); // strong
  expect(new Set(tags).size).toBe(3);
  // The body as a browser reads it (fetch decodes): the same characters.
  const text = await viewer.get(path());
  expect(text.text).toBe(BODY);
});

test("304 for a matching If-None-Match (not for another encoding's tag); 401 without a session whatever the tag", async () => {
  const cookie = viewer.cookieHeader;
  const first = await raw(path(), { cookie, "accept-encoding": "br" });
  const etag = first.headers.etag as string;
  const again = await raw(path(), { cookie, "accept-encoding": "br", "if-none-match": etag });
  expect(again.status).toBe(304);
  expect(again.headers.etag).toBe(etag);
  expect(again.bytes.length).toBe(0);
  expect((await raw(path(), { cookie, "accept-encoding": "br", "if-none-match": `"other", W/${etag}` })).status).toBe(304);
  expect((await raw(path(), { cookie, "accept-encoding": "gzip", "if-none-match": etag })).status).toBe(200);
  const anonymous = await raw(path(), { "accept-encoding": "br", "if-none-match": etag });
  expect(anonymous.status).toBe(401);
  expect(JSON.parse(anonymous.bytes.toString("utf8")).error.code).toEqual(expect.any(String));
});

test("a new revision: a new ETag and the new text; ?revision=1 still gives the first text, and unknown ids and revisions are 404s", async () => {
  const cookie = viewer.cookieHeader;
  const before = await raw(path(), { cookie, "accept-encoding": "identity" });
  const added = "Добавлено: 新的段落。";
  const edited = await editor.put(`/api/v1/articles/${articleId}`, { revision: 1, body: `${BODY}\n\n${added}` });
  expect(edited.status).toBe(200);
  expect(edited.body.revision).toBe(2);

  const now = await raw(path(), { cookie, "accept-encoding": "identity", "if-none-match": before.headers.etag as string });
  expect(now.status).toBe(200);
  expect(now.headers["x-article-revision"]).toBe("2");
  expect(now.headers.etag).not.toBe(before.headers.etag);
  expect(now.bytes.toString("utf8")).toBe(`${BODY}\n\n${added}`);
  const pinned = await raw(path("?revision=2"), { cookie, "accept-encoding": "identity" });
  expect(pinned.headers.etag).toBe(now.headers.etag);

  const old = await raw(path("?revision=1"), { cookie, "accept-encoding": "identity", "if-none-match": before.headers.etag as string });
  expect(old.status).toBe(304);
  const oldText = await viewer.get(path("?revision=1"));
  expect(oldText.text).toBe(BODY);
  expect(oldText.headers.get("x-article-revision")).toBe("1");

  for (const missing of [path("?revision=3"), path("?revision=0"), path("?revision=abc"), "/api/v1/articles/no-such-article/text"]) {
    const r = await viewer.get(missing);
    expect([missing, r.status]).toEqual([missing, 404]);
    expect(r.body.error.code).toBe("not_found");
  }
});
