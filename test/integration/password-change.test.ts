/**
 * Changing one's own password (lib/users/password.ts) against a real SQLite file, with the
 * built app serving the same file so that sign-in and session checks run over real HTTP.
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, testDb, PASSWORD } from "../support/fixtures";
import { changePassword } from "@/lib/users/password";
import type { SessionUser } from "@/lib/session";

jest.setTimeout(60_000);
let server: TestServer;
let users: Awaited<ReturnType<typeof seedUsers>>;

const NEW_PASSWORD = "quiet harbour lantern orchard";

beforeAll(async () => {
  users = await seedUsers();
  server = await startServer();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const asSessionUser = (u: { id: string; email: string; name: string; role: string }) => ({ ...u }) as SessionUser;

async function signedIn(email: string, password = PASSWORD): Promise<ApiClient> {
  const c = new ApiClient(server.url);
  expect((await c.signIn(email, password)).status).toBe(200);
  return c;
}

/** The Session row behind a client's session cookie (the cookie holds `<token>.<signature>`). */
async function sessionOf(client: ApiClient) {
  const value = decodeURIComponent(/claims\.session_token=([^;]+)/.exec(client.cookieHeader)![1]);
  return testDb().session.findUniqueOrThrow({ where: { token: value.split(".")[0] } });
}

const passwordHashOf = async (userId: string) =>
  (await testDb().account.findFirstOrThrow({ where: { userId, providerId: "credential" }, omit: { password: false } })).password;

describe("changing one's own password", () => {
  let here: ApiClient;
  let elsewhere: ApiClient;

  beforeAll(async () => {
    here = await signedIn("checker@example.com");
    elsewhere = await signedIn("checker@example.com");
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const before = await passwordHashOf(users.checker.id);
    const keep = await sessionOf(here);
    await expect(
      changePassword(asSessionUser(users.checker), { currentPassword: "not my password at all", newPassword: NEW_PASSWORD }, { keepSessionId: keep.id }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringContaining("current password is not correct"), details: { fields: { currentPassword: expect.any(String) } } });
    expect(await passwordHashOf(users.checker.id)).toBe(before);
    expect((await elsewhere.get("/api/v1/me")).status).toBe(200);
    expect(await testDb().auditEvent.count({ where: { action: "user.password_change_failed", objectId: users.checker.id } })).toBe(1);
  });

  it.each([
    ["is too short", "short pass", /at least 12 characters/],
    ["is common", "password1234", /too common/],
    ["contains the email", "checker@example.com forever", /email address/],
  ])("refuses a new password that %s, with the policy's message", async (_what, newPassword, message) => {
    const before = await passwordHashOf(users.checker.id);
    const keep = await sessionOf(here);
    await expect(changePassword(asSessionUser(users.checker), { currentPassword: PASSWORD, newPassword }, { keepSessionId: keep.id })).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(message),
      details: { fields: { newPassword: expect.stringMatching(message) } },
    });
    expect(await passwordHashOf(users.checker.id)).toBe(before);
  });

  it("refuses the current password as the new one", async () => {
    const keep = await sessionOf(here);
    await expect(
      changePassword(asSessionUser(users.checker), { currentPassword: PASSWORD, newPassword: PASSWORD }, { keepSessionId: keep.id }),
    ).rejects.toMatchObject({ status: 422, details: { fields: { newPassword: expect.any(String) } } });
  });

  it("changes it, ends the other sessions and keeps this one", async () => {
    const keep = await sessionOf(here);
    const others = (await testDb().session.count({ where: { userId: users.checker.id } })) - 1;
    expect(others).toBeGreaterThanOrEqual(1);
    const result = await changePassword(asSessionUser(users.checker), { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, { keepSessionId: keep.id });
    expect(result).toEqual({ endedSessions: others });

    expect((await here.get("/api/v1/me")).status).toBe(200);
    expect((await elsewhere.get("/api/v1/me")).status).toBe(401);
    expect(await testDb().session.count({ where: { userId: users.checker.id } })).toBe(1);
    // Another user's sessions are untouched.
    const checker2 = await signedIn("checker2@example.com");
    expect((await checker2.get("/api/v1/me")).status).toBe(200);
  });

  it("then signs in with the new password only", async () => {
    expect((await new ApiClient(server.url).signIn("checker@example.com", PASSWORD)).status).toBe(401);
    expect((await new ApiClient(server.url).signIn("checker@example.com", NEW_PASSWORD)).status).toBe(200);
  });

  it("audits the change without the password or its hash", async () => {
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { action: "user.password_change", objectId: users.checker.id } });
    expect(event).toMatchObject({ actorId: users.checker.id, objectType: "user" });
    const hash = await passwordHashOf(users.checker.id);
    const everyEvent = JSON.stringify(await testDb().auditEvent.findMany());
    expect(everyEvent).not.toContain(NEW_PASSWORD);
    expect(everyEvent).not.toContain(PASSWORD);
    expect(everyEvent).not.toContain(hash!);
  });
});

describe("guessing through the form", () => {
  it("is throttled like sign-in: after 5 wrong current passwords even the right one waits", async () => {
    const user = asSessionUser(users.checker2);
    const before = await passwordHashOf(user.id);
    for (let i = 0; i < 5; i++) {
      await expect(changePassword(user, { currentPassword: `guess number ${i}`, newPassword: NEW_PASSWORD }, { keepSessionId: null })).rejects.toMatchObject({
        status: 422,
      });
    }
    await expect(changePassword(user, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, { keepSessionId: null })).rejects.toMatchObject({
      status: 429,
      code: "throttled",
      headers: { "Retry-After": expect.stringMatching(/^\d+$/) },
    });
    expect(await passwordHashOf(user.id)).toBe(before);
  });
});
