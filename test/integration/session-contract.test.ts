/**
 * Contract between the auth library and the app's one session reader (lib/session.ts
 * readSession): sign in through the library's own route, then read the session both ways. If a
 * library upgrade changes the cookie's format or signature, this fails instead of everyone being
 * signed out (or worse) silently.
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, testDb, PASSWORD } from "../support/fixtures";
import { readSession } from "@/lib/session";

jest.setTimeout(60_000);

let server: TestServer;

beforeAll(async () => {
  await seedUsers();
  server = await startServer();
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await testDb().$disconnect();
});

it("reads the same user and session as the library, from the cookie the library set", async () => {
  const c = new ApiClient(server.url);
  expect((await c.signIn("editor@example.com", PASSWORD)).status).toBe(200);
  const library = (await c.get("/api/auth/get-session")).body;
  expect(library.user.email).toBe("editor@example.com");
  const ours = await readSession(new Headers({ cookie: c.cookieHeader }));
  expect(ours).not.toBeNull();
  expect(ours!.user).toEqual({ id: library.user.id, email: library.user.email, name: library.user.name, role: library.user.role });
  expect(ours!.sessionId).toBe(library.session.id);
});

it("agrees with the library that a tampered cookie is no session", async () => {
  const c = new ApiClient(server.url);
  await c.signIn("viewer@example.com", PASSWORD);
  const tampered = c.cookieHeader.replace(/(claims\.session_token=)(.)/, (_m, name: string, ch: string) => name + (ch === "a" ? "b" : "a"));
  const library = await fetch(`${server.url}/api/auth/get-session`, { headers: { cookie: tampered } });
  expect(await library.json()).toBeNull();
  expect(await readSession(new Headers({ cookie: tampered }))).toBeNull();
});

it("agrees with the library after sign-out", async () => {
  const c = new ApiClient(server.url);
  await c.signIn("checker@example.com", PASSWORD);
  const cookie = c.cookieHeader;
  await c.post("/api/auth/sign-out", {});
  expect(await (await fetch(`${server.url}/api/auth/get-session`, { headers: { cookie } })).json()).toBeNull();
  expect(await readSession(new Headers({ cookie }))).toBeNull();
});
