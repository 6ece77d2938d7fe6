/**
 * Security review, round two: each finding of issue 9 over real HTTP against one server that has
 * NO APP_ORIGIN (so the Origin rule is the request's own scheme and local Host) and sits behind
 * a trusted proxy (TRUST_PROXY=1), so each test picks its own client address with
 * X-Forwarded-For and no test eats another's sign-in budget.
 */
import http from "node:http";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { callAction, serverActions } from "../support/actions";
import { seedUsers, testDb, PASSWORD } from "../support/fixtures";
import { fromDatabaseError } from "@/lib/errors";
import { createFirstAdmin } from "@/lib/users/data";
import { hashingStats } from "@/lib/security/hash";

jest.setTimeout(60_000);

let server: TestServer;
let port: string;
let users: Awaited<ReturnType<typeof seedUsers>>;
let nextAddress = 1;
/** A client address of its own for each caller (the proxy's view, trusted under TRUST_PROXY=1). */
const address = () => `192.0.2.${nextAddress++}`;

beforeAll(async () => {
  users = await seedUsers();
  server = await startServer({ APP_ORIGIN: "", TRUST_PROXY: "1" });
  port = new URL(server.url).port;
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await testDb().$disconnect();
});

function signIn(email: string, password: string, opts: { base?: string; ip?: string; origin?: string } = {}) {
  const base = opts.base ?? server.url;
  return fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: opts.origin ?? base, "x-forwarded-for": opts.ip ?? address() },
    body: JSON.stringify({ email, password }),
  });
}

async function signedIn(email: string, base = server.url): Promise<ApiClient> {
  const c = new ApiClient(base);
  const r = await c.request("POST", "/api/auth/sign-in/email", { email, password: PASSWORD }, { "x-forwarded-for": address() });
  expect(r.status).toBe(200);
  return c;
}

/** A raw request with a Host header of our choosing (fetch cannot set Host). */
function rawRequest(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("1. the throttle holds under parallel bursts", () => {
  it("15 parallel wrong passwords on one account: at most 5 are tried, the rest are 429, and then the right one waits too", async () => {
    const ip = address();
    const statuses = await Promise.all(Array.from({ length: 15 }, (_, i) => signIn("editor2@example.com", `wrong guess ${i}`, { ip })));
    const codes = statuses.map((r) => r.status);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(10);
    expect((await signIn("editor2@example.com", PASSWORD)).status).toBe(429);
  }, 60_000);

  it("40 parallel wrong tries on different accounts from one address: exactly 20 are tried", async () => {
    const ip = address();
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(`nobody${i}@example.com`, "some wrong password", { ip })));
    const codes = replies.map((r) => r.status);
    expect(codes.filter((c) => c === 401)).toHaveLength(20);
    expect(codes.filter((c) => c === 429)).toHaveLength(20);
  }, 60_000);
});

describe("2. only the allowlisted auth-library routes are served", () => {
  it.each([
    ["POST", "/api/auth/change-password", { currentPassword: PASSWORD, newPassword: "password1234", revokeOtherSessions: false }],
    ["POST", "/api/auth/verify-password", { password: PASSWORD }],
    ["POST", "/api/auth/update-user", { name: "Administrator" }],
    ["GET", "/api/auth/list-sessions", undefined],
    ["POST", "/api/auth/sign-up/email", { email: "x@example.com", password: PASSWORD, name: "X" }],
  ])("%s %s is a 404 in the error shape", async (method, path, body) => {
    const c = await signedIn("checker@example.com");
    const r = await c.request(method, path, body);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("not_found");
    expect((await testDb().user.findUniqueOrThrow({ where: { id: users.checker.id } })).name).toBe("checker");
  });

  it("serves get-session and sign-out", async () => {
    const c = await signedIn("viewer@example.com");
    expect((await c.get("/api/auth/get-session")).body.user.email).toBe("viewer@example.com");
    expect((await c.post("/api/auth/sign-out", {})).status).toBe(200);
  });

  it("PATCH /api/v1/me changes your own name, at most 100 characters, audited", async () => {
    const c = await signedIn("checker2@example.com");
    const ok = await c.patch("/api/v1/me", { name: "Chidi Checker" });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: users.checker2.id, name: "Chidi Checker" });
    expect((await c.get("/api/v1/me")).body.name).toBe("Chidi Checker");
    const long = await c.patch("/api/v1/me", { name: "x".repeat(101) });
    expect(long.status).toBe(422);
    expect(long.body.error.details.fields).toHaveProperty("name");
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { action: "user.rename", objectId: users.checker2.id } });
    expect(JSON.parse(event.before!)).toEqual({ name: "checker2" });
    expect(JSON.parse(event.after!)).toEqual({ name: "Chidi Checker" });
  });
});

describe("3. server actions take cookie sessions only", () => {
  it("an API token cannot mint a token through the settings page's action", async () => {
    const c = await signedIn("editor@example.com");
    const token = (await c.post("/api/v1/tokens", { name: "parent" })).body.token as string;
    const id = serverActions().get("createTokenAction")!;
    const before = await testDb().apiToken.count();
    const r = await callAction(server.url, id, [{ name: "child" }], "claims.session_token=dummy", "/settings", { authorization: `Bearer ${token}` });
    expect(r.result).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    expect(await testDb().apiToken.count()).toBe(before);
  });
});

describe("4. no open redirect through ?next=", () => {
  it.each(["/%09/evil.invalid", "/%0A/evil.invalid", "//evil.invalid", "/\\evil.invalid", "https://evil.invalid/"])("next=%s sends a signed-in user to /articles", async (next) => {
    const c = await signedIn("viewer@example.com");
    const r = await fetch(`${server.url}/sign-in?next=${next}`, { headers: { cookie: c.cookieHeader }, redirect: "manual" });
    expect(r.status).toBeGreaterThanOrEqual(300);
    expect(r.status).toBeLessThan(400);
    expect(new URL(r.headers.get("location")!, server.url).href).toBe(`${server.url}/articles`);
  });

  it("keeps a same-site path", async () => {
    const c = await signedIn("viewer@example.com");
    const r = await fetch(`${server.url}/sign-in?next=${encodeURIComponent("/claims?status=true")}`, { headers: { cookie: c.cookieHeader }, redirect: "manual" });
    expect(new URL(r.headers.get("location")!, server.url).pathname + new URL(r.headers.get("location")!, server.url).search).toBe("/claims?status=true");
  });
});

describe("5. first run", () => {
  it("refuses before hashing anything once an admin exists", async () => {
    const before = hashingStats().completed;
    await expect(createFirstAdmin({ name: "Mallory", email: "mallory@example.com", password: "a long enough evil passphrase" })).rejects.toMatchObject({ status: 403 });
    expect(hashingStats().completed).toBe(before);
  });
});

describe("7. malformed percent-encoding and bad action origins are 4xx in the error shape", () => {
  it.each(["/api/v1/claims/%ff", "/api/v1/articles/%ff/claims", "/articles/%ff", "/invite/%ff", "/api/auth/%ff"])("GET %s is a 400", async (path) => {
    const c = await signedIn("viewer@example.com");
    const r = await c.get(path);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("malformed_path");
  });

  it("a server action posted from another origin is a 403 with the reason", async () => {
    const c = await signedIn("viewer@example.com");
    const r = await fetch(`${server.url}/settings`, {
      method: "POST",
      headers: { "next-action": serverActions().get("createTokenAction")!, origin: "https://evil.example", cookie: c.cookieHeader, "content-type": "text/plain" },
      body: JSON.stringify([{ name: "x" }]),
    });
    expect(r.status).toBe(403);
    expect((await r.json()).error.code).toBe("origin_refused");
  });
});

describe("9. sessions: absolute 12 h, 60 min idle, activity written at most once a minute", () => {
  async function sessionOf(c: ApiClient) {
    const token = decodeURIComponent(/claims\.session_token=([^;]+)/.exec(c.cookieHeader)![1]).split(".")[0];
    return testDb().session.findUniqueOrThrow({ where: { token } });
  }

  it("get-session does not extend a session", async () => {
    const c = await signedIn("viewer@example.com");
    const s = await sessionOf(c);
    await testDb().session.update({ where: { id: s.id }, data: { expiresAt: new Date(Date.now() + 3_600_000) } });
    await c.get("/api/auth/get-session");
    expect((await sessionOf(c)).expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
  });

  it("ends a session idle for over an hour", async () => {
    const c = await signedIn("viewer@example.com");
    const s = await sessionOf(c);
    await testDb().session.update({ where: { id: s.id }, data: { updatedAt: new Date(Date.now() - 61 * 60_000) } });
    expect((await c.get("/api/v1/me")).status).toBe(401);
  });

  it("ends a session 12 h after sign-in, however active", async () => {
    const c = await signedIn("viewer@example.com");
    const s = await sessionOf(c);
    await testDb().session.update({ where: { id: s.id }, data: { createdAt: new Date(Date.now() - 12 * 3_600_000 - 1000), updatedAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) } });
    expect((await c.get("/api/v1/me")).status).toBe(401);
  });

  it("records activity at most once a minute", async () => {
    const c = await signedIn("viewer@example.com");
    const s = await sessionOf(c);
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await testDb().session.update({ where: { id: s.id }, data: { updatedAt: twoMinutesAgo } });
    expect((await c.get("/api/v1/me")).status).toBe(200);
    const touched = (await sessionOf(c)).updatedAt.getTime();
    expect(touched).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
    expect((await c.get("/api/v1/me")).status).toBe(200);
    expect((await sessionOf(c)).updatedAt.getTime()).toBe(touched);
  });
});

describe("10. disabling revokes API tokens for good", () => {
  it("a re-enabled user's old token stays dead", async () => {
    const admin = await signedIn("admin@example.com");
    const c = await signedIn("editor@example.com");
    const token = (await c.post("/api/v1/tokens", { name: "before disabling" })).body.token as string;
    const bearer = new ApiClient(server.url, { token });
    expect((await bearer.get("/api/v1/me")).status).toBe(200);
    expect((await admin.patch(`/api/v1/users/${users.editor.id}`, { disabled: true })).status).toBe(200);
    expect((await admin.patch(`/api/v1/users/${users.editor.id}`, { disabled: false })).status).toBe(200);
    expect((await bearer.get("/api/v1/me")).status).toBe(401);
  });
});

describe("11 and 12. one Origin rule", () => {
  it("compares whole origins: the right host with the wrong scheme is refused", async () => {
    const c = await signedIn("checker@example.com");
    const patch = (origin: string) =>
      fetch(`${server.url}/api/v1/me`, { method: "PATCH", headers: { cookie: c.cookieHeader, origin, "content-type": "application/json" }, body: JSON.stringify({ name: "checker" }) });
    expect((await patch(server.url.replace("http:", "https:"))).status).toBe(403);
    expect((await patch(server.url)).status).toBe(200);
  });

  it.each(["127.0.0.1", "localhost"])("signs in at http://%s:<port> without APP_ORIGIN, and writes through the API there", async (host) => {
    const base = `http://${host}:${port}`;
    const r = await signIn("viewer@example.com", PASSWORD, { base });
    expect(r.status).toBe(200);
    const c = await signedIn("checker@example.com", base);
    expect((await c.patch("/api/v1/me", { name: "checker" })).status).toBe(200);
  });

  it("refuses a host name that is not this machine's (DNS rebinding) and says what to set", async () => {
    const host = `rebind.evil.example:${port}`;
    const r = await rawRequest("POST", "/api/auth/sign-in/email", { host, origin: `http://${host}`, "content-type": "application/json" }, JSON.stringify({ email: "viewer@example.com", password: PASSWORD }));
    expect(r.status).toBe(403);
    expect(JSON.parse(r.text).error.message).toMatch(/APP_ORIGIN/);
  });

  it("refuses an Origin from another site with a message naming the expected one", async () => {
    const r = await signIn("viewer@example.com", PASSWORD, { origin: "http://localhost:1" });
    expect(r.status).toBe(403);
    expect((await r.json()).error.message).toContain(server.url);
  });
});

describe("15. database errors in the error shape", () => {
  it("maps a real unique violation to a 409", async () => {
    const error = await testDb()
      .user.create({ data: { id: "dup-id", email: "viewer@example.com", name: "Dup" } })
      .catch((e: unknown) => e);
    expect(fromDatabaseError(error)).toMatchObject({ status: 409, code: "already_exists" });
  });
});
