/**
 * The annotation API over real HTTP against the built app and a fresh SQLite file:
 * happy paths and every error code these endpoints can return.
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, demoArticle, PASSWORD } from "../support/fixtures";

let server: TestServer;
let checker: ApiClient;
let checker2: ApiClient;
let editor: ApiClient;
let viewer: ApiClient;
let anonymous: ApiClient;
let articleId: string;
let body: string;

beforeAll(async () => {
  await seedUsers();
  ({ id: articleId, body } = await demoArticle());
  server = await startServer();
  const signedIn = async (name: string) => {
    const c = new ApiClient(server.url);
    const r = await c.signIn(`${name}@example.com`, PASSWORD);
    expect(r.status).toBe(200);
    return c;
  };
  [checker, checker2, editor, viewer] = await Promise.all(["checker", "checker2", "editor", "viewer"].map(signedIn));
  anonymous = new ApiClient(server.url);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const at = (quote: string) => {
  const start = body.indexOf(quote);
  if (start < 0) throw new Error(`not in the demo article: ${quote}`);
  return { start, end: start + quote.length };
};

describe("who am I, statuses, articles", () => {
  it("GET /me names the signed-in user and role", async () => {
    const r = await checker.get("/api/v1/me");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ email: "checker@example.com", name: "checker", role: "checker" });
    expect(r.body.id).toEqual(expect.any(String));
  });

  it("answers 401 in the error shape when nobody is signed in", async () => {
    for (const path of ["/api/v1/me", "/api/v1/statuses", "/api/v1/articles", `/api/v1/articles/${articleId}`]) {
      const r = await anonymous.get(path);
      expect(r.status).toBe(401);
      expect(r.body.error).toMatchObject({ code: "unauthorized", message: expect.any(String) });
    }
  });

  it("lists the status scale with ratings on the verdicts", async () => {
    const r = await viewer.get("/api/v1/statuses");
    expect(r.status).toBe(200);
    expect(r.body.statuses).toHaveLength(9);
    expect(r.body.statuses[2]).toEqual({ key: "true", label: "True", color: expect.stringMatching(/^#/), isVerdict: true, position: 2, rating: { value: 5, best: 5, worst: 1 } });
    expect(r.body.statuses[0].rating).toBeUndefined();
  });

  it("lists the demo article with claim counts", async () => {
    const r = await viewer.get("/api/v1/articles");
    expect(r.status).toBe(200);
    expect(r.body.articles[0]).toMatchObject({ id: articleId, title: expect.stringContaining("Xi"), claimCount: expect.any(Number), checkedCount: expect.any(Number) });
    expect(r.body).toHaveProperty("nextPage", null);
  });

  it("imports an article (editor) and stores its body normalised: LF line endings and NFC", async () => {
    const r = await editor.post("/api/v1/articles", {
      title: "Crème brûlée 🇫🇷",
      body: "Cafe\u0301 prices rose 13%.\r\nSecond line 👩‍👩‍👧 here.\rThird.",
      sourceUrl: "https://news.example/creme",
      outlet: "Wire",
      publishedAt: "2024-05-01",
    });
    expect(r.status).toBe(201);
    expect(r.body.body).toBe("Café prices rose 13%.\nSecond line 👩‍👩‍👧 here.\nThird.");
    expect(r.body.publishedAt).toBe("2024-05-01T00:00:00.000Z");
    const got = await viewer.get(`/api/v1/articles/${r.body.id}`);
    expect(got.body.body).toBe(r.body.body);
  });

  it("refuses to let checkers and viewers import articles", async () => {
    for (const who of [checker, viewer]) {
      const r = await who.post("/api/v1/articles", { title: "t", body: "b" });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("forbidden");
    }
  });

  it("names the invalid fields with 422", async () => {
    const r = await editor.post("/api/v1/articles", { title: "", body: "   ", sourceUrl: "javascript:alert(1)" });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("validation_failed");
    expect(Object.keys(r.body.error.details.fields).sort()).toEqual(["body", "sourceUrl", "title"]);
  });

  it("answers 400 for malformed JSON and 413 for a body over the limit", async () => {
    const bad = await editor.request("POST", "/api/v1/articles", "{not json", { "content-type": "application/json" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("malformed_json");
    const huge = await editor.post("/api/v1/articles", { title: "big", body: "x".repeat(7 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("payload_too_large");
    const long = await editor.post("/api/v1/articles", { title: "long", body: "x".repeat(2 * 1024 * 1024 + 1) });
    expect(long.status).toBe(422);
    expect(Object.keys(long.body.error.details.fields)).toEqual(["body"]);
  });

  it("accepts an article in Cyrillic or Chinese up to the character limit (more bytes than characters)", async () => {
    for (const word of ["Москва ", "莫斯科会谈"]) {
      const text = word.repeat(Math.floor((2 * 1024 * 1024 - 100) / word.length)).trim();
      const r = await editor.post("/api/v1/articles", { title: `Long ${word.trim()}`, body: text });
      expect(r.status).toBe(201);
      const stored = await editor.get(`/api/v1/articles/${r.body.id}`);
      expect(stored.body.body).toBe(text);
    }
  }, 120_000); // two 2 MB imports and reads

  it("answers 404 for an article that does not exist, and for unknown API paths", async () => {
    expect((await viewer.get("/api/v1/articles/nope")).status).toBe(404);
    const r = await viewer.get("/api/v1/no-such-thing");
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("not_found");
  });
});

describe("claims", () => {
  it("creates a claim with exact offsets and its quote selector", async () => {
    const { start, end } = at("Xi last visited Russia in 2019");
    const r = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, start, end, claimant: "AFP" });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      articleId,
      start,
      end,
      quote: "Xi last visited Russia in 2019",
      prefix: body.slice(start - 32, start),
      suffix: body.slice(end, end + 32),
      anchor: "exact",
      status: "unchecked",
      version: 1,
      claimant: "AFP",
    });
    const article = await viewer.get(`/api/v1/articles/${articleId}`);
    expect(article.body.claims.map((c: { id: string }) => c.id)).toContain(r.body.id);
  });

  it("keeps UTF-16 offsets right after emoji, flags and combining characters", async () => {
    const created = await editor.post("/api/v1/articles", { title: "Emoji", body: "🇺🇦 Kyiv: e\u0301lan 👩‍👩‍👧 grew 40% in 2023.\r\nEnd." });
    const stored: string = created.body.body;
    const start = stored.indexOf("grew 40%");
    const r = await checker.post(`/api/v1/articles/${created.body.id}/claims`, { revision: 1, start, end: start + 8 });
    expect(r.status).toBe(201);
    expect(r.body.quote).toBe("grew 40%");
    expect(r.body.prefix).toBe(stored.slice(0, start));
    const split = await checker.post(`/api/v1/articles/${created.body.id}/claims`, { revision: 1, start: 1, end: 6 });
    expect(split.status).toBe(422);
  });

  it.each([
    [{ start: -1, end: 4 }],
    [{ start: 10, end: 5 }],
    [{ start: 0, end: 10_000_000 }],
    [{ start: "0", end: 5 }],
    [{}],
  ])("refuses the range %j with 422", async (range) => {
    const r = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, ...range });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("validation_failed");
  });

  it("answers 404 when the article does not exist and 403 for a viewer", async () => {
    expect((await checker.post(`/api/v1/articles/missing/claims`, { revision: 1, start: 0, end: 3 })).status).toBe(404);
    expect((await viewer.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, start: 0, end: 3 })).status).toBe(403);
  });

  it("sets a status with the version it was based on, and refuses a stale version with 409", async () => {
    const created = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, ...at("nearly 13 months after the start of Russia’s invasion") });
    const id = created.body.id;
    const first = await checker.patch(`/api/v1/claims/${id}`, { version: 1, status: "mostly_true", rationale: "The invasion began on 24 Feb 2022." });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: "mostly_true", version: 2, rationale: "The invasion began on 24 Feb 2022.", reviewState: "pending" });

    const stale = await checker2.patch(`/api/v1/claims/${id}`, { version: 1, status: "false" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("version_conflict");
    expect(stale.body.error.details.current).toMatchObject({ id, status: "mostly_true", version: 2 });

    const detail = await viewer.get(`/api/v1/claims/${id}`);
    expect(detail.body.status).toBe("mostly_true");
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(["claim.create", "claim.update"]);
    expect(detail.body.history[1]).toMatchObject({ before: { status: "unchecked" }, after: { status: "mostly_true" }, actor: { name: "checker" } });
  });

  it("sends the article gzipped to a client that accepts it, the same JSON as uncompressed", async () => {
    const gz = await viewer.request("GET", `/api/v1/articles/${articleId}`, undefined, { "accept-encoding": "gzip" });
    const plain = await viewer.request("GET", `/api/v1/articles/${articleId}`, undefined, { "accept-encoding": "identity" });
    expect(gz.status).toBe(200);
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(gz.text).toBe(plain.text);
    expect(gz.headers.get("etag")).not.toBe(plain.headers.get("etag"));
    const again = await viewer.request("GET", `/api/v1/articles/${articleId}`, undefined, { "accept-encoding": "gzip", "if-none-match": gz.headers.get("etag")! });
    expect(again.status).toBe(304);
  });

  it("never serves a stale article: a saved verdict shows at once, and the ETag moves with it", async () => {
    const created = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, ...at("Dmytro Kuleba") });
    const first = await viewer.get(`/api/v1/articles/${articleId}`);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.body.claims.find((c: { id: string }) => c.id === created.body.id).status).toBe("unchecked");
    const unchanged = await viewer.request("GET", `/api/v1/articles/${articleId}`, undefined, { "if-none-match": etag });
    expect(unchanged.status).toBe(304);

    await checker.patch(`/api/v1/claims/${created.body.id}`, { version: 1, status: "half_true" });
    const after = await viewer.request("GET", `/api/v1/articles/${articleId}`, undefined, { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(after.body.claims.find((c: { id: string }) => c.id === created.body.id)).toMatchObject({ status: "half_true", version: 2 });

    // A deleted claim disappears at once too.
    expect((await editor.delete(`/api/v1/claims/${created.body.id}`)).status).toBe(204);
    const gone = await viewer.get(`/api/v1/articles/${articleId}`);
    expect(gone.body.claims.some((c: { id: string }) => c.id === created.body.id)).toBe(false);
  });

  it("lets exactly one of many simultaneous saves of the same version win (no lost update)", async () => {
    const created = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, ...at("China has not condemned the invasion") });
    const id = created.body.id;
    const keys = ["true", "false", "misleading", "unproven", "half_true", "mostly_false"];
    const results = await Promise.all(keys.map((status, i) => (i % 2 ? checker : checker2).patch(`/api/v1/claims/${id}`, { version: 1, status })));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(keys.length - 1);
    const final = await viewer.get(`/api/v1/claims/${id}`);
    expect(final.body).toMatchObject({ version: 2, status: ok[0].body.status });
  });

  it("validates PATCH bodies", async () => {
    const created = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, ...at("Beijing strongly denied") });
    const id = created.body.id;
    expect((await checker.patch(`/api/v1/claims/${id}`, { status: "true" })).status).toBe(422);
    const unknown = await checker.patch(`/api/v1/claims/${id}`, { version: 1, status: "pants_on_fire" });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details.fields).toHaveProperty("status");
    expect((await checker.patch(`/api/v1/claims/nope`, { version: 1, status: "true" })).status).toBe(404);
    expect((await viewer.patch(`/api/v1/claims/${id}`, { version: 1, status: "true" })).status).toBe(403);
    expect((await checker.request("PATCH", `/api/v1/claims/${id}`, "{", { "content-type": "application/json" })).status).toBe(400);
    // Nothing above changed the claim.
    const after = await viewer.get(`/api/v1/claims/${id}`);
    expect(after.body).toMatchObject({ status: "unchecked", version: 1 });
  });

  it("refuses cookie-authenticated writes without a matching Origin (CSRF)", async () => {
    const noOrigin = new ApiClient(server.url, { origin: null });
    const cookie = { cookie: checker.cookieHeader };
    const r = await noOrigin.request("POST", `/api/v1/articles/${articleId}/claims`, { revision: 1, start: 0, end: 7 }, cookie);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("forbidden");
    // Even with a valid session cookie, another site's Origin is refused.
    const evil = new ApiClient(server.url, { origin: "https://evil.example" });
    const viaEvil = await evil.request("POST", `/api/v1/articles/${articleId}/claims`, { revision: 1, start: 0, end: 7 }, cookie);
    expect(viaEvil.status).toBe(403);
    // The same request from the app's own origin goes through.
    const own = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, start: 0, end: 7 });
    expect(own.status).toBe(201);
    // Reads need no Origin.
    expect((await noOrigin.request("GET", "/api/v1/me", undefined, cookie)).status).toBe(200);
  });
});

describe("evidence", () => {
  let claimId: string;
  beforeAll(async () => {
    claimId = (await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, ...at("Qin Gang") })).body.id;
  });

  it("adds an evidence link and shows it on the claim", async () => {
    const r = await checker.post(`/api/v1/claims/${claimId}/evidence`, { url: "https://www.fmprc.gov.cn/eng/", title: "Foreign ministry", stance: "supports", note: "Readout" });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ claimId, url: "https://www.fmprc.gov.cn/eng/", title: "Foreign ministry", stance: "supports", note: "Readout", addedBy: { name: "checker" } });
    const detail = await viewer.get(`/api/v1/claims/${claimId}`);
    expect(detail.body.evidence.map((e: { id: string }) => e.id)).toEqual([r.body.id]);
  });

  it.each(["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "ftp://x.example/a", "not a url", ""])(
    "refuses the evidence URL %p with 422",
    async (url) => {
      const r = await checker.post(`/api/v1/claims/${claimId}/evidence`, { url, stance: "refutes" });
      expect(r.status).toBe(422);
      expect(r.body.error.details.fields).toHaveProperty("url");
    },
  );

  it("refuses an unknown stance, a missing claim and a viewer", async () => {
    expect((await checker.post(`/api/v1/claims/${claimId}/evidence`, { url: "https://a.example", stance: "maybe" })).status).toBe(422);
    expect((await checker.post(`/api/v1/claims/missing/evidence`, { url: "https://a.example", stance: "context" })).status).toBe(404);
    expect((await viewer.post(`/api/v1/claims/${claimId}/evidence`, { url: "https://a.example", stance: "context" })).status).toBe(403);
  });

  it("lets only its author, an editor or an admin remove a link", async () => {
    const mine = await checker.post(`/api/v1/claims/${claimId}/evidence`, { url: "https://b.example/1", stance: "refutes" });
    expect((await checker2.delete(`/api/v1/evidence/${mine.body.id}`)).status).toBe(403);
    expect((await viewer.delete(`/api/v1/evidence/${mine.body.id}`)).status).toBe(403);
    const removed = await checker.delete(`/api/v1/evidence/${mine.body.id}`);
    expect(removed.status).toBe(204);
    expect((await checker.delete(`/api/v1/evidence/${mine.body.id}`)).status).toBe(404);
    const other = await checker2.post(`/api/v1/claims/${claimId}/evidence`, { url: "https://b.example/2", stance: "context" });
    expect((await editor.delete(`/api/v1/evidence/${other.body.id}`)).status).toBe(204);
  });
});

describe("Markdown report", () => {
  it("downloads as an attachment with the claims in text order and user text escaped", async () => {
    const created = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, ...at("Saudi Arabia and Iran") });
    await checker.patch(`/api/v1/claims/${created.body.id}`, { version: 1, status: "false", rationale: "<img src=x onerror=alert(1)> [x](javascript:alert(1))" });
    const r = await viewer.get(`/api/v1/articles/${articleId}/report?format=md`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(r.headers.get("content-disposition")).toMatch(/^attachment; filename="xi-to-visit-moscow-.+-\d{4}-\d{2}-\d{2}\.md"$/);
    expect(r.text).toContain("Xi last visited Russia in 2019");
    expect(r.text.indexOf("Xi last visited Russia")).toBeLessThan(r.text.indexOf("Saudi Arabia and Iran"));
    // Escaped for CommonMark: the tag and the link stay text (see test/unit/reports.test.ts).
    expect(r.text).toContain("\\<img src=x onerror=alert(1)> \\[x](javascript:alert(1))");
    expect(r.text).not.toMatch(/(^|[^\\])<img/);
    expect(r.text).not.toMatch(/(^|[^\\])\[[^\]]*\]\(javascript:/);
  });

  it("refuses an unknown format with 422 and a missing article with 404", async () => {
    expect((await viewer.get(`/api/v1/articles/${articleId}/report?format=docx`)).status).toBe(422);
    expect((await viewer.get(`/api/v1/articles/missing/report?format=md`)).status).toBe(404);
  });
});
