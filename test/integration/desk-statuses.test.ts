/**
 * The status scale over real HTTP: admin edits, presets with their own rating ranges, deleting a
 * status in use only by moving its claims (in one transaction, audited, back to review).
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, testDb, PASSWORD } from "../support/fixtures";

// Several requests per test on a shared, busy machine: no time limit of Jest's own (5 s) on them.
jest.setTimeout(120_000);

let server: TestServer;
let admin: ApiClient;
let editor: ApiClient;
let checker: ApiClient;
let articleId: string;
const BODY = "One claim here. Another claim there. A third one too. And a fourth.";

beforeAll(async () => {
  await seedUsers();
  server = await startServer();
  const signedIn = async (name: string) => {
    const c = new ApiClient(server.url);
    expect((await c.signIn(`${name}@example.com`, PASSWORD)).status).toBe(200);
    return c;
  };
  [admin, editor, checker] = await Promise.all(["admin", "editor", "checker"].map(signedIn));
  articleId = (await editor.post("/api/v1/articles", { title: "Scale test", body: BODY })).body.id;
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await testDb().$disconnect();
});

async function claimWith(quote: string, status: string) {
  const start = BODY.indexOf(quote);
  const c = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, start, end: start + quote.length, allowDuplicate: true });
  expect(c.status).toBe(201);
  const set = await checker.patch(`/api/v1/claims/${c.body.id}`, { version: 1, status });
  expect(set.status).toBe(200);
  return set.body;
}

const statuses = async () => (await checker.get("/api/v1/statuses")).body.statuses as { key: string; label: string; position: number; isVerdict: boolean; rating?: unknown }[];

describe("editing the scale", () => {
  it("adds, renames, recolours, reorders and re-rates a status (admins only), audited", async () => {
    expect((await editor.post("/api/v1/statuses", { label: "Disputed", color: "#7c2d12", isVerdict: true })).status).toBe(403);
    const created = await admin.post("/api/v1/statuses", { label: "Disputed", color: "#7C2D12", isVerdict: true, rating: { value: 2, best: 5, worst: 1 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: "disputed", color: "#7c2d12", rating: { value: 2, best: 5, worst: 1 } });
    const renamed = await admin.patch("/api/v1/statuses/disputed", { label: "Contested", position: 0 });
    expect(renamed.status).toBe(200);
    const list = await statuses();
    expect(list[0]).toMatchObject({ key: "disputed", label: "Contested", position: 0 });
    expect(list.map((s) => s.position)).toEqual(list.map((_, i) => i));
    expect((await admin.patch("/api/v1/statuses/disputed", { color: "#fde047" })).status).toBe(422);
    expect((await admin.patch("/api/v1/statuses/nope", { label: "x" })).status).toBe(404);
    expect((await admin.post("/api/v1/statuses", { key: "disputed", label: "Again", color: "#7c2d12", isVerdict: true })).status).toBe(409);
    expect(await testDb().auditEvent.count({ where: { objectType: "status", objectId: "disputed" } })).toBe(2);
  });

  it("sends claims back to review when their status stops or starts being a verdict", async () => {
    const c = await claimWith("A third one too.", "misleading");
    const editor2 = new ApiClient(server.url);
    await editor2.signIn("editor2@example.com", PASSWORD);
    const approved = await editor2.post(`/api/v1/claims/${c.id}/review`, { version: c.version, decision: "approve" });
    expect(approved.body.reviewState).toBe("approved");
    await admin.patch("/api/v1/statuses/misleading", { isVerdict: false });
    let now = (await checker.get(`/api/v1/claims/${c.id}`)).body;
    expect(now).toMatchObject({ reviewState: "none", version: approved.body.version + 1 });
    await admin.patch("/api/v1/statuses/misleading", { isVerdict: true });
    now = (await checker.get(`/api/v1/claims/${c.id}`)).body;
    expect(now.reviewState).toBe("pending");
  });
});

describe("deleting a status", () => {
  it("refuses while claims use it (409 status_in_use with the count), then moves them in one go", async () => {
    await admin.post("/api/v1/statuses", { key: "doomed", label: "Doomed", color: "#1e3a8a", isVerdict: true });
    const a = await claimWith("One claim here.", "doomed");
    const b = await claimWith("Another claim there.", "doomed");
    const refused = await admin.delete("/api/v1/statuses/doomed");
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "status_in_use", details: { claims: 2 } });
    expect((await admin.delete("/api/v1/statuses/doomed?moveTo=nope")).status).toBe(422);
    expect((await testDb().status.findUnique({ where: { key: "doomed" } }))).not.toBeNull();
    const moved = await admin.delete("/api/v1/statuses/doomed?moveTo=half_true");
    expect(moved.status).toBe(204);
    for (const c of [a, b]) {
      const now = (await checker.get(`/api/v1/claims/${c.id}`)).body;
      expect(now).toMatchObject({ status: "half_true", reviewState: "pending" });
    }
    expect((await statuses()).map((s) => s.key)).not.toContain("doomed");
    const audit = await testDb().auditEvent.findFirstOrThrow({ where: { action: "status.delete", objectId: "doomed" } });
    expect(JSON.parse(audit.after!)).toEqual({ movedTo: "half_true", claims: 2 });
    expect((await admin.delete("/api/v1/statuses/unchecked")).status).toBe(422);
    expect((await editor.delete("/api/v1/statuses/half_true")).status).toBe(403);
  });
});

describe("presets", () => {
  it("applies PolitiFact's six steps with their own range, first, keeping statuses in use", async () => {
    const inUse = await claimWith("And a fourth.", "misleading");
    const r = await admin.post("/api/v1/statuses/presets", { preset: "politifact" });
    expect(r.status).toBe(200);
    const keys = r.body.statuses.map((s: { key: string }) => s.key);
    expect(keys.slice(0, 8)).toEqual(["unchecked", "in_progress", "true", "mostly_true", "half_true", "mostly_false", "false", "pants_on_fire"]);
    expect(keys).toContain("misleading");
    const pants = r.body.statuses.find((s: { key: string }) => s.key === "pants_on_fire");
    expect(pants).toMatchObject({ label: "Pants on Fire", isVerdict: true, rating: { value: 1, best: 6, worst: 1 } });
    expect(r.body.statuses.find((s: { key: string }) => s.key === "true").rating).toEqual({ value: 6, best: 6, worst: 1 });
    const set = await checker.patch(`/api/v1/claims/${inUse.id}`, { version: inUse.version, status: "pants_on_fire" });
    expect(set.body.status).toBe("pants_on_fire");
  });

  it.each(["meta", "snopes", "default"])("applies the %s preset", async (preset) => {
    const r = await admin.post("/api/v1/statuses/presets", { preset });
    expect(r.status).toBe(200);
    expect(r.body.statuses.length).toBeGreaterThan(6);
  });

  it("refuses an unknown preset and non-admins", async () => {
    expect((await admin.post("/api/v1/statuses/presets", { preset: "vibes" })).status).toBe(422);
    expect((await editor.post("/api/v1/statuses/presets", { preset: "meta" })).status).toBe(403);
  });
});
