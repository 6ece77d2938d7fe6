/**
 * Personal API tokens over real HTTP against the built app: created with a session, used as
 * Bearer credentials, stored only as a hash, and refused at once when revoked, made up, or
 * belonging to a disabled user.
 */
import { createHash, randomBytes } from "node:crypto";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, demoArticle, testDb, PASSWORD } from "../support/fixtures";

let server: TestServer;
let users: Awaited<ReturnType<typeof seedUsers>>;
let checker: ApiClient;
let checker2: ApiClient;
let editor: ApiClient;
let viewer: ApiClient;
let admin: ApiClient;
let articleId: string;
let articleBody: string;

const TOKEN_FORMAT = /^cc_[A-Za-z0-9_-]{43}$/;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

beforeAll(async () => {
  users = await seedUsers();
  ({ id: articleId, body: articleBody } = await demoArticle());
  server = await startServer();
  const signedIn = async (name: string) => {
    const c = new ApiClient(server.url);
    expect((await c.signIn(`${name}@example.com`, PASSWORD)).status).toBe(200);
    return c;
  };
  [checker, checker2, editor, viewer, admin] = await Promise.all(["checker", "checker2", "editor", "viewer", "admin"].map(signedIn));
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

/** A client that sends only the Bearer token: no cookie and no Origin header. */
const bearer = (token: string) => new ApiClient(server.url, { token, origin: null });

async function createToken(client: ApiClient, name: string): Promise<{ id: string; token: string }> {
  const r = await client.post("/api/v1/tokens", { name });
  expect(r.status).toBe(201);
  return r.body;
}

describe("creating and using a token", () => {
  let created: { id: string; token: string; prefix: string };

  it("creates a token with a session and returns its value once", async () => {
    const r = await checker.post("/api/v1/tokens", { name: "  Nightly import  " });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ id: expect.any(String), name: "Nightly import", status: "active", revokedAt: null, lastUsedAt: null });
    expect(r.body.token).toMatch(TOKEN_FORMAT);
    expect(r.body.prefix).toBe(r.body.token.slice(0, 10));
    expect(r.body).not.toHaveProperty("tokenHash");
    created = r.body;

    const list = await checker.get("/api/v1/tokens");
    expect(list.status).toBe(200);
    const listed = list.body.tokens.find((t: { id: string }) => t.id === created.id);
    expect(listed).toMatchObject({ name: "Nightly import", prefix: created.prefix, status: "active" });
    expect(list.text).not.toContain(created.token);
    expect(list.text).not.toContain("tokenHash");
  });

  it("authenticates GET /me as its owner", async () => {
    const r = await bearer(created.token).get("/api/v1/me");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: users.checker.id, email: "checker@example.com", role: "checker" });
  });

  it("may write without an Origin header, where a cookie may not", async () => {
    const start = articleBody.indexOf("Xi last visited Russia in 2019");
    const claim = { start, end: start + "Xi last visited Russia in 2019".length };
    const noOrigin = new ApiClient(server.url, { origin: null });
    const cookie = { cookie: checker.cookieHeader };
    expect((await noOrigin.request("POST", `/api/v1/articles/${articleId}/claims`, { revision: 1, ...claim }, cookie)).status).toBe(403);

    const r = await bearer(created.token).post(`/api/v1/articles/${articleId}/claims`, { revision: 1, ...claim });
    expect(r.status).toBe(201);
    expect(r.body.createdBy).toMatchObject({ id: users.checker.id });
  });

  it("records when it was last used", async () => {
    const row = await testDb().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
  });

  it("stores only the sha256 of the token, and never the token or its hash in the audit log", async () => {
    const row = await testDb().apiToken.findUniqueOrThrow({ where: { id: created.id }, omit: { tokenHash: false } });
    expect(row.tokenHash).toBe(sha256(created.token));
    expect(row.prefix).toBe(created.prefix);
    const everyToken = JSON.stringify(await testDb().apiToken.findMany());
    const everyEvent = JSON.stringify(await testDb().auditEvent.findMany());
    expect(everyToken).not.toContain(created.token);
    expect(everyToken).not.toContain(created.token.slice(10));
    expect(everyEvent).not.toContain(created.token);
    expect(everyEvent).not.toContain(created.token.slice(10));
    expect(everyEvent).not.toContain(row.tokenHash);

    const event = await testDb().auditEvent.findFirst({ where: { action: "token.create", objectId: created.id } });
    expect(event).toMatchObject({ actorId: users.checker.id, objectType: "api_token" });
  });

  it("cannot create further tokens (a leaked token must not mint successors)", async () => {
    const r = await bearer(created.token).post("/api/v1/tokens", { name: "offspring" });
    expect(r.status).toBe(403);
    expect(await testDb().apiToken.count({ where: { name: "offspring" } })).toBe(0);
  });

  it("is not listed for, nor revocable by, another checker (404)", async () => {
    const list = await checker2.get("/api/v1/tokens");
    expect(list.body.tokens.map((t: { id: string }) => t.id)).not.toContain(created.id);
    const r = await checker2.delete(`/api/v1/tokens/${created.id}`);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("not_found");
    expect((await bearer(created.token).get("/api/v1/me")).status).toBe(200);
  });

  it("stops working at once when its owner revokes it", async () => {
    const r = await checker.delete(`/api/v1/tokens/${created.id}`);
    expect(r.status).toBe(204);
    const after = await bearer(created.token).get("/api/v1/me");
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthorized");

    const list = await checker.get("/api/v1/tokens");
    expect(list.body.tokens.find((t: { id: string }) => t.id === created.id)).toMatchObject({ status: "revoked", revokedAt: expect.any(String) });
    expect(await testDb().auditEvent.count({ where: { action: "token.revoke", objectId: created.id, actorId: users.checker.id } })).toBe(1);

    // Revoking again changes nothing and records nothing more.
    expect((await checker.delete(`/api/v1/tokens/${created.id}`)).status).toBe(204);
    expect(await testDb().auditEvent.count({ where: { action: "token.revoke", objectId: created.id } })).toBe(1);
  });
});

describe("refusals", () => {
  it("lets an admin revoke another user's token", async () => {
    const { id, token } = await createToken(checker2, "laptop script");
    expect((await bearer(token).get("/api/v1/me")).status).toBe(200);
    expect((await admin.delete(`/api/v1/tokens/${id}`)).status).toBe(204);
    expect((await bearer(token).get("/api/v1/me")).status).toBe(401);
    expect(await testDb().auditEvent.findFirst({ where: { action: "token.revoke", objectId: id } })).toMatchObject({ actorId: users.admin.id });
  });

  it("answers 404 for a token that does not exist, even to an admin", async () => {
    expect((await admin.delete("/api/v1/tokens/no-such-token")).status).toBe(404);
  });

  it("answers 401 for a made-up token or a malformed Authorization header", async () => {
    for (const token of [`cc_${randomBytes(32).toString("base64url")}`, "cc_", "not-a-token"]) {
      const r = await bearer(token).get("/api/v1/me");
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe("unauthorized");
    }
    const r = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: "Basic Y2hlY2tlcjpwdw==" } });
    expect(r.status).toBe(401);
  });

  it("stops a disabled user's token, and a viewer may hold one", async () => {
    const { token } = await createToken(viewer, "read-only export");
    expect((await bearer(token).get("/api/v1/me")).body.role).toBe("viewer");
    await testDb().user.update({ where: { id: users.viewer.id }, data: { disabled: true } });
    expect((await bearer(token).get("/api/v1/me")).status).toBe(401);
    await testDb().user.update({ where: { id: users.viewer.id }, data: { disabled: false } });
    expect((await bearer(token).get("/api/v1/me")).status).toBe(200);
  });

  it("caps active tokens at 20 per user with a 422 that says what to do", async () => {
    const made: string[] = [];
    for (let i = 0; i < 20; i++) made.push((await createToken(editor, `bot ${i}`)).id);
    const refused = await editor.post("/api/v1/tokens", { name: "one too many" });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: "validation_failed", message: expect.stringMatching(/20 active API tokens.*Revoke one/) });
    expect((await editor.delete(`/api/v1/tokens/${made[0]}`)).status).toBe(204);
    expect((await editor.post("/api/v1/tokens", { name: "one too many" })).status).toBe(201);
  });

  it("validates the name and refuses cookie writes without Origin and anonymous calls", async () => {
    const blank = await checker.post("/api/v1/tokens", { name: "   " });
    expect(blank.status).toBe(422);
    expect(blank.body.error.details.fields.name).toEqual(expect.any(String));
    expect((await checker.post("/api/v1/tokens", { name: "x".repeat(101) })).status).toBe(422);
    expect((await checker.post("/api/v1/tokens", "{not json")).status).toBe(400);

    const noOrigin = new ApiClient(server.url, { origin: null });
    const cookie = { cookie: checker.cookieHeader };
    expect((await noOrigin.request("POST", "/api/v1/tokens", { name: "csrf" }, cookie)).status).toBe(403);
    expect((await noOrigin.request("DELETE", "/api/v1/tokens/whatever", undefined, cookie)).status).toBe(403);
    const evil = new ApiClient(server.url, { origin: "https://evil.example" });
    expect((await evil.request("POST", "/api/v1/tokens", { name: "csrf" }, cookie)).status).toBe(403);
    expect(await testDb().apiToken.count({ where: { name: "csrf" } })).toBe(0);

    const anonymous = new ApiClient(server.url);
    expect((await anonymous.get("/api/v1/tokens")).status).toBe(401);
    expect((await anonymous.post("/api/v1/tokens", { name: "x" })).status).toBe(401);
  });
});
