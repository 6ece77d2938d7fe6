/**
 * Notifications over the API: a mention, an assignment and both review outcomes each notify the
 * right person (never the actor), and reading clears them, one by one or all at once.
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, demoArticle, testDb, PASSWORD } from "../support/fixtures";

jest.setTimeout(60_000);

let server: TestServer;
let users: Awaited<ReturnType<typeof seedUsers>>;
let articleId: string;
let body: string;
const api: Record<string, ApiClient> = {};

beforeAll(async () => {
  users = await seedUsers();
  const a = await demoArticle();
  articleId = a.id;
  body = a.body;
  server = await startServer();
  for (const who of ["checker", "checker2", "editor", "editor2"]) {
    api[who] = new ApiClient(server.url);
    expect((await api[who].signIn(`${who}@example.com`, PASSWORD)).status).toBe(200);
  }
});

afterAll(async () => {
  await server?.stop();
  await testDb().$disconnect();
});

const unread = async (who: string) => (await api[who].request("GET", "/api/v1/notifications?unread=true")).body.notifications;

test("mention, assignment, changes requested and approval notify the right person, and reading clears them", async () => {
  const start = body.indexOf("Xi last visited");
  const claim = (await api.checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, start, end: start + 12 })).body;
  expect(claim.id).toEqual(expect.any(String));

  // A mention of checker2 (and of the author themself, which is not notified).
  expect((await api.checker.post(`/api/v1/claims/${claim.id}/comments`, { body: "@checker2 and @checker: see the 2019 visit. mail@editor2 is no mention" })).status).toBe(201);
  const mentions = await unread("checker2");
  expect(mentions).toEqual([expect.objectContaining({ kind: "mention", claimId: claim.id, actor: { id: users.checker.id, name: "checker" }, read: false })]);
  expect(await unread("checker")).toEqual([]);
  expect(await unread("editor2")).toEqual([]);

  // Assigned to editor2 by the checker, who sets a verdict.
  const assigned = await api.checker.patch(`/api/v1/claims/${claim.id}`, { version: claim.version, assigneeId: users.editor2.id, status: "true" });
  expect(assigned.status).toBe(200);
  expect((await unread("editor2")).map((n: { kind: string }) => n.kind)).toEqual(["assigned"]);

  // The editor sends it back, then (after the checker's fix) approves: the checker hears both.
  const rejected = await api.editor.post(`/api/v1/claims/${claim.id}/review`, { version: assigned.body.version, decision: "reject", note: "Source?" });
  expect(rejected.status).toBe(200);
  const fixed = await api.checker.patch(`/api/v1/claims/${claim.id}`, { version: rejected.body.version, rationale: "Kremlin archive." });
  expect((await api.editor.post(`/api/v1/claims/${claim.id}/review`, { version: fixed.body.version, decision: "approve" })).status).toBe(200);
  const mine = await unread("checker");
  expect(mine.map((n: { kind: string }) => n.kind)).toEqual(["approved", "changes_requested"]);

  // Reading one, then all.
  expect((await api.checker.post("/api/v1/notifications/read", { ids: [mine[0].id] })).status).toBe(204);
  expect((await unread("checker")).map((n: { kind: string }) => n.kind)).toEqual(["changes_requested"]);
  // Someone else's ids are ignored.
  expect((await api.checker.post("/api/v1/notifications/read", { ids: [mentions[0].id] })).status).toBe(204);
  expect(await unread("checker2")).toHaveLength(1);
  expect((await api.checker.post("/api/v1/notifications/read", { all: true })).status).toBe(204);
  expect(await unread("checker")).toEqual([]);
  const all = (await api.checker.request("GET", "/api/v1/notifications")).body.notifications;
  expect(all.every((n: { read: boolean }) => n.read)).toBe(true);
  expect(all).toHaveLength(2);

  // Bad input is a 422, not a 500.
  const bad = await api.checker.post("/api/v1/notifications/read", { ids: "x" });
  expect(bad.status).toBe(422);
  expect((await api.checker.post("/api/v1/notifications/read", {})).status).toBe(422);
});
