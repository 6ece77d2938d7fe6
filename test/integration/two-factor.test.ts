/**
 * Two-factor sign-in (TOTP) over real HTTP, with codes computed here (RFC 6238): enrolment,
 * recovery codes stored hashed and good once, sign-in asking for the code, throttling, audit,
 * the admin requirement per role, and the operator's reset.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, testDb, PASSWORD } from "../support/fixtures";
import { secretOf, totp } from "../support/totp";

jest.setTimeout(60_000);

let server: TestServer;
let users: Awaited<ReturnType<typeof seedUsers>>;
let admin: ApiClient;

beforeAll(async () => {
  users = await seedUsers();
  server = await startServer();
  admin = new ApiClient(server.url);
  expect((await admin.signIn("admin@example.com", PASSWORD)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await testDb().$disconnect();
});

async function signedIn(email: string): Promise<ApiClient> {
  const c = new ApiClient(server.url);
  expect((await c.signIn(email, PASSWORD)).status).toBe(200);
  return c;
}

/** Enrols `email` through the API; returns the secret, the recovery codes and the signed-in client. */
async function enrol(email: string) {
  const c = await signedIn(email);
  const started = await c.post("/api/auth/two-factor/enable", { password: PASSWORD });
  expect(started.status).toBe(200);
  const secret = secretOf(started.body.totpURI);
  const confirmed = await c.post("/api/auth/two-factor/verify-totp", { code: totp(secret) });
  expect(confirmed.status).toBe(200);
  return { secret, codes: started.body.backupCodes as string[], client: c };
}

describe("enrolment", () => {
  it("turns on with a confirming code, stores recovery codes hashed, and ends the sessions from before", async () => {
    const other = await signedIn("checker@example.com");
    const { codes, client } = await enrol("checker@example.com");
    expect(codes).toHaveLength(10);
    expect((await testDb().user.findUniqueOrThrow({ where: { id: users.checker.id } })).twoFactorEnabled).toBe(true);
    const row = await testDb().twoFactor.findFirstOrThrow({ where: { userId: users.checker.id }, omit: { backupCodes: false } });
    for (const code of codes) expect(row.backupCodes).not.toContain(code);
    expect(row.backupCodes).toMatch(/^\["h:[0-9a-f]{64}"/);
    expect((await other.get("/api/v1/me")).status).toBe(401);
    expect((await client.get("/api/v1/me")).status).toBe(200);
    const audit = await testDb().auditEvent.findMany({ where: { objectId: users.checker.id, action: { startsWith: "user.2fa" } } });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(["user.2fa_enrol_started", "user.2fa_enabled"]));
  });

  it("a wrong confirming code does not turn it on", async () => {
    const c = await signedIn("viewer@example.com");
    await c.post("/api/auth/two-factor/enable", { password: PASSWORD });
    expect((await c.post("/api/auth/two-factor/verify-totp", { code: "000000" })).status).toBe(401);
    expect((await testDb().user.findUniqueOrThrow({ where: { id: users.viewer.id } })).twoFactorEnabled).toBe(false);
  });
});

describe("signing in with a second factor", () => {
  let secret: string;
  let codes: string[];
  beforeAll(async () => {
    ({ secret, codes } = await enrol("editor2@example.com"));
  });

  it("asks for the code after the password, and makes no session until then", async () => {
    const c = new ApiClient(server.url);
    const first = await c.signIn("editor2@example.com", PASSWORD);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ twoFactorRedirect: true });
    expect((await c.get("/api/v1/me")).status).toBe(401);
    const second = await c.post("/api/auth/two-factor/verify-totp", { code: totp(secret), trustDevice: true });
    expect(second.status).toBe(200);
    // "Trust this device" is refused: no cookie that would skip the code next time.
    expect(second.headers.getSetCookie().some((h) => /trust_device=[^;]+/.test(h) && !/max-age=0/i.test(h))).toBe(false);
    expect((await c.get("/api/v1/me")).body.email).toBe("editor2@example.com");
  });

  it("takes each recovery code once", async () => {
    const c = new ApiClient(server.url);
    await c.signIn("editor2@example.com", PASSWORD);
    expect((await c.post("/api/auth/two-factor/verify-backup-code", { code: codes[0] })).status).toBe(200);
    const again = new ApiClient(server.url);
    await again.signIn("editor2@example.com", PASSWORD);
    expect((await again.post("/api/auth/two-factor/verify-backup-code", { code: codes[0] })).status).toBe(401);
    expect((await again.post("/api/auth/two-factor/verify-backup-code", { code: codes[1] })).status).toBe(200);
  });

  it("throttles wrong codes like passwords (5, then 429 even for the right code), audited", async () => {
    const c = new ApiClient(server.url);
    await c.signIn("editor2@example.com", PASSWORD);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      // The library also ends a pending sign-in after a few wrong codes; sign in again when it does.
      const r = await c.post("/api/auth/two-factor/verify-totp", { code: String(100000 + i) });
      statuses.push(r.status);
      if (r.status === 401 && /cookie/i.test(JSON.stringify(r.body))) await c.signIn("editor2@example.com", PASSWORD);
    }
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses[5]).toBe(429);
    const fresh = new ApiClient(server.url);
    await fresh.signIn("editor2@example.com", PASSWORD);
    expect((await fresh.post("/api/auth/two-factor/verify-totp", { code: totp(secret) })).status).toBe(429);
    expect(await testDb().auditEvent.count({ where: { action: "auth.2fa_failed", objectId: users.editor2.id } })).toBeGreaterThanOrEqual(5);
    expect(await testDb().auditEvent.count({ where: { action: "auth.2fa_throttled", objectId: users.editor2.id } })).toBeGreaterThanOrEqual(1);
  });
});

describe("the admin requirement", () => {
  it("GET/PATCH /api/v1/admin/security stores both settings, for admins only", async () => {
    const editor = await signedIn("editor@example.com");
    expect((await editor.get("/api/v1/admin/security")).status).toBe(403);
    expect((await editor.patch("/api/v1/admin/security", { requireTwoFactorFor: [] })).status).toBe(403);
    const bad = await admin.patch("/api/v1/admin/security", { importAllowedHosts: ["http://x.example/path"], requireTwoFactorFor: ["overlord"] });
    expect(bad.status).toBe(422);
    const r = await admin.patch("/api/v1/admin/security", { importAllowedHosts: ["Example.org", "news.example:8080"] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ requireTwoFactorFor: [], importAllowedHosts: ["example.org", "news.example:8080"] });
    expect((await admin.get("/api/v1/admin/security")).body).toEqual(r.body);
    expect(await testDb().auditEvent.count({ where: { action: "security.settings_change" } })).toBeGreaterThanOrEqual(1);
  });

  it("forces an editor without a second factor to enrol at the next sign-in, then lets them in", async () => {
    expect((await admin.patch("/api/v1/admin/security", { requireTwoFactorFor: ["editor"] })).status).toBe(200);
    try {
      const c = await signedIn("editor@example.com");
      expect((await c.get("/api/v1/me")).status).toBe(200);
      const refused = await c.get("/api/v1/articles");
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("two_factor_enrolment_required");
      const page = await c.request("GET", "/articles");
      expect(page.status).toBeGreaterThanOrEqual(300);
      expect(page.headers.get("location")).toContain("/two-factor/setup");
      // Enrolling ends the restriction.
      const started = await c.post("/api/auth/two-factor/enable", { password: PASSWORD });
      expect((await c.post("/api/auth/two-factor/verify-totp", { code: totp(secretOf(started.body.totpURI)) })).status).toBe(200);
      expect((await c.get("/api/v1/articles")).status).toBe(200);
      // ...and it cannot be turned off while the role requires it.
      expect((await c.post("/api/auth/two-factor/disable", { password: PASSWORD })).status).toBe(403);
    } finally {
      await admin.patch("/api/v1/admin/security", { requireTwoFactorFor: [] });
    }
  });
});

describe("turning it off", () => {
  it("needs the account's password: a wrong one is refused and the second factor stays on; the right one turns it off, audited", async () => {
    const { client } = await enrol("checker2@example.com");
    const isOn = async () => (await testDb().user.findUniqueOrThrow({ where: { id: users.checker2.id } })).twoFactorEnabled;
    const wrong = await client.post("/api/auth/two-factor/disable", { password: "not the password at all" });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(wrong.status).toBeLessThan(500);
    expect(await isOn()).toBe(true);
    expect((await client.post("/api/auth/two-factor/disable", {})).status).toBeGreaterThanOrEqual(400);
    expect(await isOn()).toBe(true);
    expect((await client.post("/api/auth/two-factor/disable", { password: PASSWORD })).status).toBe(200);
    expect(await isOn()).toBe(false);
    const audit = await testDb().auditEvent.findMany({ where: { objectId: users.checker2.id, action: { startsWith: "user.2fa" } } });
    expect(audit.map((e) => e.action)).toContain("user.2fa_disabled");
  });
});

describe("npm run user:reset", () => {
  it("sets a new password, clears the throttle and (with --no-2fa) the second factor; audited", async () => {
    for (let i = 0; i < 5; i++) await new ApiClient(server.url).signIn("checker@example.com", `wrong ${i}`);
    expect((await new ApiClient(server.url).signIn("checker@example.com", PASSWORD)).status).toBe(429);
    const fresh = "a brand new operator passphrase";
    const root = path.resolve(__dirname, "../..");
    // Asynchronously: a blocked event loop would leave this process's idle HTTP connections stale.
    const run = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/user-reset.mts", "checker@example.com", "--no-2fa"], {
        cwd: root,
        env: { ...process.env },
      });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (status) => resolve({ status, stderr }));
      child.stdin.end(`${fresh}\n`);
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const c = new ApiClient(server.url);
    const r = await c.signIn("checker@example.com", fresh);
    expect(r.status).toBe(200);
    expect(r.body.twoFactorRedirect).toBeUndefined();
    expect((await c.get("/api/v1/me")).status).toBe(200);
    expect(await testDb().auditEvent.count({ where: { action: "user.operator_reset", objectId: users.checker.id } })).toBe(1);
  }, 60_000);
});
