/**
 * The per-request reads that run directly on the database connection (lib/db-direct.ts): the
 * session and token lookup (lib/session.ts) and the article's content stamp
 * (lib/articles/representation.ts), over real HTTP against the built app (the lean API router).
 * Nothing is remembered between requests: a change written by another connection (another
 * process, a script, an admin) counts on the very next request, and the cached article is never
 * served after any kind of write. Runs on SQLite and on PostgreSQL (npm run test:integration:pg).
 */
import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, testDb, demoArticle, PASSWORD } from "../support/fixtures";
import { getArticle } from "@/lib/articles/data";
import { getArticleRepresentation } from "@/lib/articles/representation";
import { db } from "@/lib/db";
import { REQUIRE_TWO_FACTOR_KEY } from "@/lib/session";

jest.setTimeout(120_000);

let server: TestServer;
let users: Awaited<ReturnType<typeof seedUsers>>;
let checker: ApiClient;
let editor: ApiClient;
let admin: ApiClient;
let articleId: string;
let body: string;

beforeAll(async () => {
  users = await seedUsers();
  ({ id: articleId, body } = await demoArticle());
  server = await startServer();
  const signedIn = async (name: string) => {
    const c = new ApiClient(server.url);
    expect((await c.signIn(`${name}@example.com`, PASSWORD)).status).toBe(200);
    return c;
  };
  [checker, editor, admin] = await Promise.all(["checker", "editor", "admin"].map(signedIn));
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await testDb().$disconnect();
});

/** A client that sends only the Bearer token. */
const bearer = (token: string) => new ApiClient(server.url, { token, origin: null });

async function newToken(client: ApiClient, name: string): Promise<{ id: string; token: string }> {
  const r = await client.post("/api/v1/tokens", { name });
  expect(r.status).toBe(201);
  return r.body;
}

describe("session and token reads see other connections' writes at once", () => {
  it("refuses a token revoked by another connection on the next request", async () => {
    const { id, token } = await newToken(checker, "revoked elsewhere");
    expect((await bearer(token).get("/api/v1/me")).status).toBe(200);
    await testDb().apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    const r = await bearer(token).get("/api/v1/me");
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe("unauthorized");
  });

  it("refuses a token and a session of a user disabled by another connection, and serves them again once enabled", async () => {
    const c = new ApiClient(server.url);
    expect((await c.signIn("checker2@example.com", PASSWORD)).status).toBe(200);
    const { token } = await newToken(c, "disabled elsewhere");
    expect((await c.get("/api/v1/me")).status).toBe(200);
    await testDb().user.update({ where: { id: users.checker2.id }, data: { disabled: true } });
    try {
      expect((await c.get("/api/v1/me")).status).toBe(401);
      expect((await bearer(token).get("/api/v1/me")).status).toBe(401);
    } finally {
      await testDb().user.update({ where: { id: users.checker2.id }, data: { disabled: false } });
    }
    // The sign-in's session row may be gone (disabling ends sessions elsewhere); the token is not.
    expect((await bearer(token).get("/api/v1/me")).status).toBe(200);
  });

  it("ends a session deleted, expired or idle in the database on the next request", async () => {
    const db = testDb();
    const signedIn = async () => {
      const c = new ApiClient(server.url);
      expect((await c.signIn("viewer@example.com", PASSWORD)).status).toBe(200);
      expect((await c.get("/api/v1/me")).status).toBe(200);
      const session = await db.session.findFirstOrThrow({ where: { userId: users.viewer.id }, orderBy: { createdAt: "desc" } });
      return { c, session };
    };

    const deleted = await signedIn();
    await db.session.delete({ where: { id: deleted.session.id } });
    expect((await deleted.c.get("/api/v1/me")).status).toBe(401);

    const expired = await signedIn();
    await db.session.update({ where: { id: expired.session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await expired.c.get("/api/v1/me")).status).toBe(401);

    const idle = await signedIn();
    await db.session.update({ where: { id: idle.session.id }, data: { updatedAt: new Date(Date.now() - 2 * 60 * 60 * 1000) } });
    expect((await idle.c.get("/api/v1/me")).status).toBe(401);
    // An idle session is over for good: its row is removed.
    expect(await db.session.count({ where: { id: idle.session.id } })).toBe(0);
  });

  it("applies a two-factor requirement set by another connection on the next request, to cookies and tokens", async () => {
    const { token } = await newToken(checker, "two-factor elsewhere");
    const path = `/api/v1/articles/${articleId}`;
    expect((await checker.get(path)).status).toBe(200);
    await testDb().setting.upsert({ where: { key: REQUIRE_TWO_FACTOR_KEY }, create: { key: REQUIRE_TWO_FACTOR_KEY, value: JSON.stringify(["checker"]) }, update: { value: JSON.stringify(["checker"]) } });
    try {
      for (const client of [checker, bearer(token)]) {
        const r = await client.get(path);
        expect(r.status).toBe(403);
        expect(r.body.error.code).toBe("two_factor_enrolment_required");
        // "Who am I" still answers, so the UI can send the user to set it up.
        expect((await client.get("/api/v1/me")).status).toBe(200);
      }
    } finally {
      await testDb().setting.delete({ where: { key: REQUIRE_TWO_FACTOR_KEY } });
    }
    expect((await checker.get(path)).status).toBe(200);
  });
});

describe("GET /api/v1/articles/:id after every kind of write", () => {
  const path = () => `/api/v1/articles/${articleId}`;
  const identity = () => fetch(server.url + path(), { headers: { cookie: checker.cookieHeader, "accept-encoding": "identity" } });
  let revision = 1;

  /** Both representations (gzip, as fetch asks by default, and identity) equal a fresh read of the database. */
  async function expectCurrent(): Promise<{ etag: string; gzipEtag: string }> {
    const fresh = JSON.parse(JSON.stringify(await getArticle({ id: users.checker.id, role: "checker" }, articleId)));
    const gz = await checker.get(path());
    expect(gz.status).toBe(200);
    expect(gz.headers.get("content-encoding")).toBe("gzip"); // the kept gzip bytes, decoded by fetch
    expect(gz.body).toEqual(fresh);
    const plain = await identity();
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.json()).toEqual(fresh);
    revision = fresh.revision;
    return { etag: plain.headers.get("etag")!, gzipEtag: gz.headers.get("etag")! };
  }

  const at = (quote: string) => {
    const start = body.indexOf(quote);
    if (start < 0) throw new Error(`not in the demo article: ${quote}`);
    return { start, end: start + quote.length };
  };
  let claimId: string;
  let version: number;

  it("answers 304 to If-None-Match with the current ETag, for each encoding, and 200 once the article changed", async () => {
    const before = await expectCurrent();
    expect(before.gzipEtag).toMatch(/-gz"$/);
    expect(before.etag).not.toBe(before.gzipEtag);
    const notModified = await fetch(server.url + path(), { headers: { cookie: checker.cookieHeader, "if-none-match": before.gzipEtag } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("etag")).toBe(before.gzipEtag);
    expect(await notModified.text()).toBe("");
    const notModifiedPlain = await fetch(server.url + path(), { headers: { cookie: checker.cookieHeader, "accept-encoding": "identity", "if-none-match": before.etag } });
    expect(notModifiedPlain.status).toBe(304);
    // The other encoding's ETag is not a match.
    expect((await fetch(server.url + path(), { headers: { cookie: checker.cookieHeader, "accept-encoding": "identity", "if-none-match": before.gzipEtag } })).status).toBe(200);

    const created = await checker.post(path() + "/claims", { revision, ...at(body.slice(0, 40).trim()), summary: "304 test" });
    expect(created.status).toBe(201);
    claimId = created.body.id;
    version = created.body.version;
    const after = await fetch(server.url + path(), { headers: { cookie: checker.cookieHeader, "if-none-match": before.gzipEtag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(before.gzipEtag);
    expect((await after.json()).claims.map((c: { id: string }) => c.id)).toContain(claimId);
    // The answer to someone without access is still a 401, whatever the ETag.
    expect((await fetch(server.url + path(), { headers: { "if-none-match": before.gzipEtag } })).status).toBe(401);
  });

  it("is current after a claim is created, updated, given evidence and reviewed", async () => {
    let tags = await expectCurrent();
    const sentence = /[A-Z][^.]{20,120}\./.exec(body.slice(200))!;
    const created = await checker.post(path() + "/claims", { revision, ...at(sentence[0]), summary: "second" });
    expect(created.status).toBe(201);
    let next = await expectCurrent();
    expect(next.etag).not.toBe(tags.etag);
    tags = next;

    const updated = await checker.patch(`/api/v1/claims/${claimId}`, { version, summary: "changed summary", status: "false" });
    expect(updated.status).toBe(200);
    version = updated.body.version;
    next = await expectCurrent();
    expect(next.etag).not.toBe(tags.etag);
    tags = next;

    const evidence = await checker.post(`/api/v1/claims/${claimId}/evidence`, { url: "https://example.org/source", stance: "refutes", title: "A source" });
    expect(evidence.status).toBe(201);
    await expectCurrent();
    expect((await checker.patch(`/api/v1/evidence/${evidence.body.id}`, { note: "checked twice" })).status).toBe(200);
    await expectCurrent();
    expect((await checker.delete(`/api/v1/evidence/${evidence.body.id}`)).status).toBe(204);
    await expectCurrent();

    version = (await checker.get(`/api/v1/claims/${claimId}`)).body.version;
    const reviewed = await editor.post(`/api/v1/claims/${claimId}/review`, { version, decision: "approve" });
    expect(reviewed.status).toBe(200);
    version = reviewed.body.version;
    next = await expectCurrent();
    expect(next.etag).not.toBe(tags.etag);
  });

  it("is current after the article is edited (title, then body with re-anchored claims)", async () => {
    const tags = await expectCurrent();
    const titled = await editor.put(path(), { revision, title: "A retitled article" });
    expect(titled.status).toBe(200);
    const next = await expectCurrent();
    expect(next.etag).not.toBe(tags.etag);
    const rewritten = await editor.put(path(), { revision, body: `A new first paragraph.\n\n${body}` });
    expect(rewritten.status).toBe(200);
    const last = await expectCurrent();
    expect(last.etag).not.toBe(next.etag);
  });

  it("is current after a claim is deleted", async () => {
    const tags = await expectCurrent();
    expect((await editor.delete(`/api/v1/claims/${claimId}`)).status).toBe(204);
    const next = await expectCurrent();
    expect(next.etag).not.toBe(tags.etag);
  });

  it("is current after writes that record no article event: a status deleted with its claims moved, and a write by another connection", async () => {
    const claims = (await checker.get(path())).body.claims as { id: string; statusKey?: string; status?: string; version: number }[];
    expect(claims.length).toBeGreaterThan(0);
    let tags = await expectCurrent();
    const made = await admin.post("/api/v1/statuses", { label: "Short-lived", color: "#555555", isVerdict: false });
    expect(made.status).toBe(201);
    const target = claims[0];
    const moved = await checker.patch(`/api/v1/claims/${target.id}`, { version: target.version, status: made.body.key });
    expect(moved.status).toBe(200);
    tags = await expectCurrent();
    expect((await admin.delete(`/api/v1/statuses/${made.body.key}?moveTo=unchecked`)).status).toBe(204);
    let next = await expectCurrent();
    expect(next.etag).not.toBe(tags.etag);
    tags = next;

    // Another process (a script, a second app process) changes a claim the way the app does.
    await testDb().claim.update({ where: { id: target.id }, data: { summary: "written by another connection", version: { increment: 1 } } });
    next = await expectCurrent();
    expect(next.etag).not.toBe(tags.etag);
  });
});

describe("GET /api/v1/articles/:id after a person in it is renamed", () => {
  it("shows the new name at once", async () => {
    const path = `/api/v1/articles/${articleId}`;
    const start = body.indexOf("Xi");
    const made = await checker.post(`${path}/claims`, { revision: (await checker.get(path)).body.revision, start, end: start + 2, allowDuplicate: true });
    expect(made.status).toBe(201);
    const before = (await checker.get(path)).body.claims.find((c: { id: string }) => c.id === made.body.id);
    expect(before.createdBy.name).toBe(users.checker.name);
    expect((await checker.patch("/api/v1/me", { name: "Renamed Checker" })).status).toBe(200);
    const after = (await checker.get(path)).body.claims.find((c: { id: string }) => c.id === made.body.id);
    expect(after.createdBy.name).toBe("Renamed Checker");
  });
});

describe("the article's kept representation (in this process, beside the server)", () => {
  it("is reused while nothing is written, and rebuilt after a write on its own connection or on another one", async () => {
    const actor = { id: users.checker.id, role: "checker" as const };
    const { revision } = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { revision: true } });
    const sentence = /[A-Z][^.]{20,120}\./.exec(body.slice(400))!;
    const start = body.indexOf(sentence[0]);
    const made = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision, start, end: start + sentence[0].length, allowDuplicate: true });
    expect(made.status).toBe(201);
    const claim = { id: made.body.id as string };
    const summaryIn = (rep: { json: Buffer }) => (JSON.parse(rep.json.toString()) as { claims: { id: string; summary: string }[] }).claims.find((c) => c.id === claim.id)!.summary;
    const first = await getArticleRepresentation(actor, articleId);
    expect(await getArticleRepresentation(actor, articleId)).toBe(first);

    // A write through this process's own connection (the one the representation reads on).
    await db.claim.update({ where: { id: claim.id }, data: { summary: "own connection", version: { increment: 1 } } });
    const second = await getArticleRepresentation(actor, articleId);
    expect(summaryIn(second)).toBe("own connection");
    expect(second.etag).not.toBe(first.etag);
    expect(await getArticleRepresentation(actor, articleId)).toBe(second);

    // A write on another connection (another process, a script).
    await testDb().claim.update({ where: { id: claim.id }, data: { summary: "another connection", version: { increment: 1 } } });
    const third = await getArticleRepresentation(actor, articleId);
    expect(summaryIn(third)).toBe("another connection");

    // A write elsewhere in the database moves the counters too: the stamp is read again, and the
    // kept bytes are reused when it is unchanged.
    await testDb().setting.upsert({ where: { key: "direct-reads.unrelated" }, create: { key: "direct-reads.unrelated", value: "1" }, update: { value: "2" } });
    expect(await getArticleRepresentation(actor, articleId)).toBe(third);
  });
});

describe("GET /api/v1/articles/:id in the coding the client prefers", () => {
  const path = () => `/api/v1/articles/${articleId}`;

  /** One GET, its body as it came over the wire (fetch would decode it). */
  function raw(headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }> {
    return new Promise((resolve, reject) => {
      http
        .get(server.url + path(), { headers: { cookie: checker.cookieHeader, ...headers } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
          res.on("error", reject);
        })
        .on("error", reject);
    });
  }
  const BROWSER = "gzip, deflate, br, zstd";

  it("sends brotli to a browser, the same JSON as uncompressed, and its smallest bytes once the version has stood", async () => {
    const plain = await raw({ "accept-encoding": "identity" });
    expect(plain.status).toBe(200);
    const json = JSON.parse(plain.bytes.toString("utf8"));
    expect(json.id).toBe(articleId);

    const first = await raw({ "accept-encoding": BROWSER });
    expect(first.status).toBe(200);
    expect(first.headers["content-encoding"]).toBe("br");
    expect(first.headers.vary).toMatch(/Accept-Encoding/);
    expect(Number(first.headers["content-length"])).toBe(first.bytes.length);
    expect(JSON.parse(brotliDecompressSync(first.bytes).toString("utf8"))).toEqual(json);
    const etag = String(first.headers.etag);
    // Weak: the bytes get smaller later, the content does not change.
    expect(etag).toMatch(/^W\/"[\w-]+-br"$/);
    expect(etag).not.toContain(String(plain.headers.etag).slice(1, -1) + '"');

    // Once the version has stood a second, the smallest brotli replaces the quick one.
    let later = first;
    for (let i = 0; i < 100 && later.bytes.length >= first.bytes.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      later = await raw({ "accept-encoding": BROWSER });
    }
    expect(later.bytes.length).toBeLessThan(first.bytes.length);
    expect(later.headers.etag).toBe(etag);
    expect(JSON.parse(brotliDecompressSync(later.bytes).toString("utf8"))).toEqual(json);

    // Either ETag form revalidates it; gzip's and identity's tags do not.
    expect((await raw({ "accept-encoding": BROWSER, "if-none-match": etag })).status).toBe(304);
    expect((await raw({ "accept-encoding": BROWSER, "if-none-match": `"x", ${etag.slice(2)}` })).status).toBe(304);
    expect((await raw({ "accept-encoding": BROWSER, "if-none-match": String(plain.headers.etag) })).status).toBe(200);
  });

  it("honours q-values: brotli refused gives gzip, nothing acceptable gives identity", async () => {
    const gz = await raw({ "accept-encoding": "br;q=0, gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(String(gz.headers.etag)).toMatch(/-gz"$/);
    const json = JSON.parse(gunzipSync(gz.bytes).toString("utf8"));
    expect(json.id).toBe(articleId);
    const preferGzip = await raw({ "accept-encoding": "br;q=0.5, gzip" });
    expect(preferGzip.headers["content-encoding"]).toBe("gzip");
    const none = await raw({ "accept-encoding": "zstd, identity;q=0.1" });
    expect(none.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(none.bytes.toString("utf8"))).toEqual(json);
  });

  it("a change gives new brotli bytes under a new ETag at once", async () => {
    // A claim of its own, so that the test runs alone too.
    const article = JSON.parse((await raw({ "accept-encoding": "identity" })).bytes.toString("utf8")) as { revision: number; body: string };
    const start = article.body.indexOf("Xi");
    expect(start).toBeGreaterThanOrEqual(0);
    const created = await checker.post(`${path()}/claims`, { revision: article.revision, start, end: start + 2, summary: "brotli test" });
    expect(created.status).toBe(201);
    const before = await raw({ "accept-encoding": BROWSER });
    const etag = String(before.headers.etag);
    const claims = (JSON.parse(brotliDecompressSync(before.bytes).toString("utf8")).claims as { id: string; version: number }[]).filter((c) => c.id === created.body.id);
    expect(claims).toHaveLength(1);
    const changed = await checker.patch(`/api/v1/claims/${claims[0].id}`, { version: claims[0].version, summary: "changed for brotli" });
    expect(changed.status).toBe(200);
    const after = await raw({ "accept-encoding": BROWSER, "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    const json = JSON.parse(brotliDecompressSync(after.bytes).toString("utf8"));
    expect(json.claims.find((c: { id: string }) => c.id === claims[0].id).summary).toBe("changed for brotli");
  });
});
