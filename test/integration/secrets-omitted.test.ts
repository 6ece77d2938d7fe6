/**
 * Finding 15 of issue 9: secrets stay out of query results by default. The app's Prisma client
 * (createPrismaClient, the one lib/db.ts holds) leaves password hashes, session tokens, API token
 * and invitation hashes, second-factor secrets and recovery codes out of every result unless a
 * query names them; the auth library still reads them (sign-in, sessions, invitations and
 * two-factor all work over real HTTP here).
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { callAction, callFormAction, serverActions } from "../support/actions";
import { seedUsers, testDb, PASSWORD } from "../support/fixtures";
import { secretOf, totp } from "../support/totp";

jest.setTimeout(60_000);

let server: TestServer;
let admin: ApiClient;
const actions = serverActions();

beforeAll(async () => {
  await seedUsers();
  server = await startServer();
  admin = new ApiClient(server.url);
  expect((await admin.signIn("admin@example.com", PASSWORD)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await testDb().$disconnect();
});

async function signedIn(email: string, password = PASSWORD): Promise<ApiClient> {
  const c = new ApiClient(server.url);
  expect((await c.signIn(email, password)).status).toBe(200);
  return c;
}

describe("the auth library still reads the secrets it needs", () => {
  it("signs in with a password and keeps the session", async () => {
    const c = await signedIn("editor@example.com");
    expect((await c.get("/api/v1/me")).body.email).toBe("editor@example.com");
    expect((await new ApiClient(server.url).signIn("editor@example.com", "not the right passphrase")).status).toBe(401);
  });

  it("makes an API token that works", async () => {
    const c = await signedIn("checker@example.com");
    const made = await c.post("/api/v1/tokens", { name: "omit check" });
    expect(made.status).toBe(201);
    const me = await new ApiClient(server.url, { token: made.body.token }).get("/api/v1/me");
    expect(me.status).toBe(200);
    expect(me.body.email).toBe("checker@example.com");
  });

  it("sends an invitation whose link makes an account that can sign in", async () => {
    const made = await callAction(server.url, actions.get("createInviteAction")!, [{ email: "invitee@example.com", name: "Invitee", role: "viewer" }], admin.cookieHeader);
    const token = String(made.result.data.link).split("/invite/")[1];
    expect(token).toBeTruthy();
    await callFormAction(server.url, actions.get("acceptInviteAction")!, {}, { token, password: PASSWORD, confirm: PASSWORD });
    const c = await signedIn("invitee@example.com");
    expect((await c.get("/api/v1/me")).body.role).toBe("viewer");
  });

  it("turns on two-factor, then signs in with a code and with a recovery code", async () => {
    const c = await signedIn("editor2@example.com");
    const started = await c.post("/api/auth/two-factor/enable", { password: PASSWORD });
    expect(started.status).toBe(200);
    const secret = secretOf(started.body.totpURI);
    expect((await c.post("/api/auth/two-factor/verify-totp", { code: totp(secret) })).status).toBe(200);

    const withCode = new ApiClient(server.url);
    expect((await withCode.signIn("editor2@example.com", PASSWORD)).body).toMatchObject({ twoFactorRedirect: true });
    expect((await withCode.post("/api/auth/two-factor/verify-totp", { code: totp(secret) })).status).toBe(200);
    expect((await withCode.get("/api/v1/me")).status).toBe(200);

    const withRecovery = new ApiClient(server.url);
    await withRecovery.signIn("editor2@example.com", PASSWORD);
    expect((await withRecovery.post("/api/auth/two-factor/verify-backup-code", { code: started.body.backupCodes[0] })).status).toBe(200);
    expect((await withRecovery.get("/api/v1/me")).status).toBe(200);
  });
});

describe("a plain query through the app's client has no secrets", () => {
  // Runs after the block above, so every table holds rows with secrets in them.
  const SECRETS = {
    account: ["password", "accessToken", "refreshToken", "idToken"],
    session: ["token"],
    apiToken: ["tokenHash"],
    invite: ["tokenHash"],
    twoFactor: ["secret", "backupCodes"],
  } as const;

  it.each(Object.keys(SECRETS) as (keyof typeof SECRETS)[])("%s.findMany leaves the secret fields out", async (model) => {
    const rows = (await (testDb()[model] as unknown as { findMany: () => Promise<Record<string, unknown>[]> }).findMany()) ?? [];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toHaveProperty("id");
      for (const field of SECRETS[model]) expect(row).not.toHaveProperty(field);
    }
  });

  it("leaves them out of related rows too", async () => {
    const user = await testDb().user.findUniqueOrThrow({
      where: { email: "editor2@example.com" },
      include: { accounts: true, sessions: true, twoFactors: true, apiTokens: true },
    });
    expect(user.accounts.length).toBeGreaterThan(0);
    expect(user.sessions.length).toBeGreaterThan(0);
    expect(user.twoFactors.length).toBe(1);
    expect(user.accounts[0]).not.toHaveProperty("password");
    expect(user.sessions[0]).not.toHaveProperty("token");
    expect(user.twoFactors[0]).not.toHaveProperty("secret");
    expect(user.twoFactors[0]).not.toHaveProperty("backupCodes");
  });

  it("returns a secret only when the query names it", async () => {
    const named = await testDb().account.findFirstOrThrow({ where: { providerId: "credential" }, select: { password: true } });
    expect(named.password).toMatch(/^\$argon2id\$/);
    const unomitted = await testDb().twoFactor.findFirstOrThrow({ omit: { secret: false } });
    expect(unomitted.secret.length).toBeGreaterThan(0);
    expect(unomitted).not.toHaveProperty("backupCodes");
  });
});
