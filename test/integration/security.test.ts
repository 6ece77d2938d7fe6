/**
 * Sign-in hardening and response headers over real HTTP: throttling, account enumeration,
 * cookie flags, sign-out, disabled users, security headers, password policy, audit.
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, testDb, PASSWORD } from "../support/fixtures";

jest.setTimeout(60_000);

let server: TestServer;
let admin: ApiClient;
let users: Awaited<ReturnType<typeof seedUsers>>;

beforeAll(async () => {
  users = await seedUsers();
  server = await startServer();
  admin = new ApiClient(server.url);
  expect((await admin.signIn("admin@example.com", PASSWORD)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

async function rawSignIn(email: string, password: string, headers: Record<string, string> = {}, base = server.url) {
  return fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, ...headers },
    body: JSON.stringify({ email, password }),
  });
}

describe("sign-in", () => {
  it("answers a wrong password and an unknown account the same way", async () => {
    const wrong = await rawSignIn("editor@example.com", "not the right password at all");
    const unknown = await rawSignIn("nobody-here@example.com", "not the right password at all");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("sets an HttpOnly, SameSite=Lax session cookie on http", async () => {
    const r = await rawSignIn("viewer@example.com", PASSWORD);
    expect(r.status).toBe(200);
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith("claims.session_token="));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=\d+/);
  });

  it("creates sessions that expire (12 hours)", async () => {
    const session = await testDb().session.findFirstOrThrow({ where: { userId: users.viewer.id }, orderBy: { createdAt: "desc" } });
    const hours = (session.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11);
    expect(hours).toBeLessThanOrEqual(12.01);
  });

  it("locks an account after 5 wrong passwords with 429 and Retry-After, even for the right password", async () => {
    const email = "checker2@example.com";
    for (let i = 0; i < 5; i++) expect((await rawSignIn(email, `wrong password number ${i}`)).status).toBe(401);
    const locked = await rawSignIn(email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await locked.json()).error.code).toBe("throttled");
    // Other accounts are not affected.
    expect((await rawSignIn("editor2@example.com", PASSWORD)).status).toBe(200);
  });

  it("ends the session on the server at sign-out", async () => {
    const c = new ApiClient(server.url);
    await c.signIn("editor@example.com", PASSWORD);
    const stolen = c.cookieHeader;
    expect((await c.get("/api/v1/me")).status).toBe(200);
    expect((await c.post("/api/auth/sign-out", {})).status).toBe(200);
    const replay = await fetch(`${server.url}/api/v1/me`, { headers: { cookie: stolen } });
    expect(replay.status).toBe(401);
  });

  it("signs a disabled user out at once and refuses their sign-in like a wrong password", async () => {
    const c = new ApiClient(server.url);
    await c.signIn("checker@example.com", PASSWORD);
    expect((await c.get("/api/v1/me")).status).toBe(200);
    expect((await admin.patch(`/api/v1/users/${users.checker.id}`, { disabled: true })).status).toBe(200);
    expect((await c.get("/api/v1/me")).status).toBe(401);
    const again = await rawSignIn("checker@example.com", PASSWORD);
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual(await (await rawSignIn("nobody-2@example.com", PASSWORD)).json());
    expect((await admin.patch(`/api/v1/users/${users.checker.id}`, { disabled: false })).status).toBe(200);
    expect((await rawSignIn("checker@example.com", PASSWORD)).status).toBe(200);
  });

  it("keeps the audit log append-only: the database refuses to change or delete an event", async () => {
    const event = await testDb().auditEvent.findFirstOrThrow();
    await expect(testDb().auditEvent.update({ where: { id: event.id }, data: { action: "forged" } })).rejects.toThrow(/append-only/);
    await expect(testDb().auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    expect((await testDb().auditEvent.findUniqueOrThrow({ where: { id: event.id } })).action).toBe(event.action);
  });

  it("records sign-in successes and failures in the audit log, in UTC", async () => {
    // Its own events, so the test passes when run alone: a success, a failure, a throttled try.
    expect((await rawSignIn("viewer@example.com", PASSWORD)).status).toBe(200);
    expect((await rawSignIn("nobody-here@example.com", "not the right password at all")).status).toBe(401);
    for (let i = 0; i < 5; i++) await rawSignIn("locked-for-audit@example.com", `wrong ${i}`);
    expect((await rawSignIn("locked-for-audit@example.com", "wrong again")).status).toBe(429);
    const events = await testDb().auditEvent.findMany({ where: { action: { startsWith: "auth." } } });
    expect(events.some((e) => e.action === "auth.sign_in" && e.objectId === users.viewer.id)).toBe(true);
    expect(events.some((e) => e.action === "auth.sign_in_failed" && e.objectId === "nobody-here@example.com")).toBe(true);
    expect(events.some((e) => e.action === "auth.sign_in_throttled")).toBe(true);
    const r = await admin.request("GET", "/admin/audit?action=auth.sign_in_failed");
    expect(r.status).toBe(200);
    expect(r.text).toContain("nobody-here@example.com");
  });
});

describe("sign-in throttling per client address", () => {
  it("throttles one client address spraying many accounts, whatever X-Forwarded-For it sends", async () => {
    // A server of its own: every test request comes from the same loopback address.
    const own = await startServer();
    const statuses: number[] = [];
    // A forged, changing X-Forwarded-For must not give the client a fresh address each time.
    for (let i = 0; i < 22; i++) statuses.push((await rawSignIn(`spray${i}@example.com`, "some wrong password", { "x-forwarded-for": `203.0.113.${i}` }, own.url)).status);
    expect(statuses).toContain(429);
    expect(statuses.at(-1)).toBe(429);
    const failures = await testDb().auditEvent.findMany({ where: { action: "auth.sign_in_failed", objectId: "spray0@example.com" } });
    expect(failures[0].ip).toBe("127.0.0.1");
    await own.stop();
    // The throttle lives in the database this file shares: give loopback its budget back.
    await testDb().throttleKey.deleteMany({ where: { key: "client:127.0.0.1" } });
  }, 60_000);

});

describe("users and passwords", () => {
  it.each([
    ["short", "too short"],
    ["password1234", "a common password"],
    ["newperson@example.com", "the email itself"],
  ])("refuses the password %p (%s) with 422", async (password) => {
    const r = await admin.post("/api/v1/users", { email: "newperson@example.com", name: "New Person", role: "checker", password });
    expect(r.status).toBe(422);
    expect(r.body.error.details.fields).toHaveProperty("password");
  });

  it("accepts a 64-character passphrase and never returns a password hash", async () => {
    const password = "correct horse battery staple ".repeat(3).slice(0, 64);
    const r = await admin.post("/api/v1/users", { email: "longpass@example.com", name: "Long", role: "viewer", password });
    expect(r.status).toBe(201);
    expect(JSON.stringify(r.body)).not.toMatch(/argon2|password/i);
    const list = await admin.get("/api/v1/users");
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|password/i);
    expect((await rawSignIn("longpass@example.com", password)).status).toBe(200);
    const account = await testDb().account.findFirstOrThrow({ where: { userId: r.body.id }, omit: { password: false } });
    expect(account.password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("records role changes in the audit log", async () => {
    const r = await admin.patch(`/api/v1/users/${users.editor2.id}`, { role: "checker" });
    expect(r.status).toBe(200);
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { action: "user.role_change", objectId: users.editor2.id } });
    expect(JSON.parse(event.before!)).toEqual({ role: "editor" });
    expect(JSON.parse(event.after!)).toEqual({ role: "checker" });
    expect(event.actorId).toBe(users.admin.id);
  });

  it("validates user changes", async () => {
    expect((await admin.patch(`/api/v1/users/${users.viewer.id}`, { role: "overlord" })).status).toBe(422);
    expect((await admin.patch(`/api/v1/users/${users.viewer.id}`, {})).status).toBe(422);
    expect((await admin.patch(`/api/v1/users/nope`, { role: "viewer" })).status).toBe(404);
    expect((await admin.patch(`/api/v1/users/${users.admin.id}`, { disabled: true })).status).toBe(422);
    expect((await admin.post("/api/v1/users", { email: "viewer@example.com", name: "Dup", role: "viewer", password: PASSWORD })).status).toBe(409);
  });
});

describe("response headers", () => {
  it.each(["/sign-in", "/api/v1/me", "/api/health"])("%s carries CSP, nosniff and a referrer policy", async (path) => {
    const r = await fetch(server.url + path, { redirect: "manual" });
    const csp = r.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    if (!path.startsWith("/api")) expect(csp).toContain("object-src 'none'");
    else expect(csp).toContain("default-src 'none'");
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(r.headers.get("strict-transport-security")).toBeNull();
  });

  it("puts a fresh nonce on the page's scripts", async () => {
    const a = await fetch(server.url + "/sign-in");
    const b = await fetch(server.url + "/sign-in");
    const nonce = /'nonce-([^']+)'/.exec(a.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce).toBeDefined();
    expect(/'nonce-([^']+)'/.exec(b.headers.get("content-security-policy") ?? "")?.[1]).not.toBe(nonce);
    expect(await a.text()).toContain(`nonce="${nonce}"`);
  });

  it("never shows a stack trace", async () => {
    const r = await admin.request("POST", "/api/v1/articles", "[1,2", { "content-type": "application/json" });
    expect(r.status).toBe(400);
    expect(r.text).not.toMatch(/at .+\.(ts|js):\d+/);
  });
});

describe("served over https", () => {
  let https: TestServer;
  const origin = "https://claims.example.test";
  beforeAll(async () => {
    https = await startServer({ APP_ORIGIN: origin });
  }, 60_000);
  afterAll(async () => {
    await https?.stop();
  });

  it("uses a __Host- Secure session cookie and sends HSTS", async () => {
    const r = await fetch(`${https.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ email: "viewer@example.com", password: PASSWORD }),
    });
    expect(r.status).toBe(200);
    const cookie = r.headers.getSetCookie().find((c) => c.includes("session_token="));
    expect(cookie).toMatch(/^__Host-claims\.session_token=/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(r.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });
});
