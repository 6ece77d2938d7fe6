/**
 * A person's preferences live on the server (issue 8: single-key shortcuts can be turned off,
 * WCAG 2.1.4, for the person in every browser): `PATCH /api/v1/me` takes `keyboardShortcuts`,
 * validates it, stores it for the caller only, and leaves the name alone unless it is sent.
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, testDb, PASSWORD } from "../support/fixtures";

jest.setTimeout(60_000);

let server: TestServer;
let users: Awaited<ReturnType<typeof seedUsers>>;

beforeAll(async () => {
  users = await seedUsers();
  server = await startServer();
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

const storedFor = async (userId: string) => (await testDb().userPreference.findUnique({ where: { userId } }))?.keyboardShortcuts;

it("turns single-key shortcuts off and on for the caller only, keeping the name", async () => {
  const checker = await signedIn("checker@example.com");
  const off = await checker.patch("/api/v1/me", { keyboardShortcuts: false });
  expect(off.status).toBe(200);
  expect(off.body).toEqual({ id: users.checker.id, email: "checker@example.com", name: "checker", role: "checker", keyboardShortcuts: false });
  expect(await storedFor(users.checker.id)).toBe(false);
  // Nobody else's setting changed (no row means the default: on).
  expect(await storedFor(users.checker2.id)).toBeUndefined();

  const on = await checker.patch("/api/v1/me", { keyboardShortcuts: true });
  expect(on.body.keyboardShortcuts).toBe(true);
  expect(await storedFor(users.checker.id)).toBe(true);
  expect((await testDb().user.findUniqueOrThrow({ where: { id: users.checker.id } })).name).toBe("checker");
});

it("changes the name and the setting together, and the name alone leaves the setting", async () => {
  const viewer = await signedIn("viewer@example.com");
  const both = await viewer.patch("/api/v1/me", { name: "Vera Viewer", keyboardShortcuts: false });
  expect(both.status).toBe(200);
  expect(both.body).toMatchObject({ name: "Vera Viewer", keyboardShortcuts: false });
  const nameOnly = await viewer.patch("/api/v1/me", { name: "Vera V." });
  expect(nameOnly.body).toMatchObject({ name: "Vera V.", keyboardShortcuts: false });
});

it.each([[{ keyboardShortcuts: "off" }], [{ keyboardShortcuts: null }], [{}]])("refuses %j with a 422 in the error shape", async (body) => {
  const editor = await signedIn("editor@example.com");
  const r = await editor.patch("/api/v1/me", body);
  expect(r.status).toBe(422);
  expect(r.body.error.code).toBe("validation_failed");
  expect(await storedFor(users.editor.id)).toBeUndefined();
});

it("needs a signed-in caller", async () => {
  const r = await new ApiClient(server.url).patch("/api/v1/me", { keyboardShortcuts: false });
  expect(r.status).toBe(401);
});
