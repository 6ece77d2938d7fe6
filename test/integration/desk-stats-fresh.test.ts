/**
 * The stats are always current (issue 7: "counters are always current"), although each server
 * keeps them while nothing changed (lib/stats): two servers on one database, every write through
 * the second, every read from the first, so nothing in the reading process hears of a write
 * except through the database. Before each change the rows are made older than the trust
 * window (lib/stats/stamp.ts) and the first server reads the stats, so the change is checked
 * against counts it keeps.
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, testDb, PASSWORD } from "../support/fixtures";

jest.setTimeout(180_000);

let reader: TestServer;
let writer: TestServer;
let viewer: ApiClient;
const on: Record<"checker" | "editor" | "admin", ApiClient> = {} as never;
let articleId: string;
const BODY = "One claim here. Two claims here. Three claims here. Four claims here.";
const claimIds: string[] = [];

beforeAll(async () => {
  await seedUsers();
  [reader, writer] = await Promise.all([startServer(), startServer()]);
  viewer = new ApiClient(reader.url);
  expect((await viewer.signIn("viewer@example.com", PASSWORD)).status).toBe(200);
  for (const who of ["checker", "editor", "admin"] as const) {
    on[who] = new ApiClient(writer.url);
    expect((await on[who].signIn(`${who}@example.com`, PASSWORD)).status).toBe(200);
  }
  // Another article with a claim, so that the test article's claims are never the only ones.
  const other = (await on.editor.post("/api/v1/articles", { title: "Other", body: BODY })).body.id;
  expect((await on.checker.post(`/api/v1/articles/${other}/claims`, { revision: 1, start: 0, end: 15 })).status).toBe(201);
  articleId = (await on.editor.post("/api/v1/articles", { title: "Fresh counts", body: BODY })).body.id;
  for (const quote of ["One claim here.", "Two claims here.", "Three claims here.", "Four claims here."]) {
    const start = BODY.indexOf(quote);
    const r = await on.checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, start, end: start + quote.length });
    expect(r.status).toBe(201);
    claimIds.push(r.body.id);
  }
}, 180_000);

afterAll(async () => {
  await Promise.all([reader?.stop(), writer?.stop()]);
  await testDb().$disconnect();
});

/** Every claim and article as if last changed an hour ago: old enough for kept counts to be trusted. */
async function quiet() {
  const hourAgo = new Date(Date.now() - 3_600_000);
  await testDb().claim.updateMany({ data: { updatedAt: hourAgo } });
  await testDb().article.updateMany({ data: { updatedAt: hourAgo } });
}

type Counts = { claims: number; checked: number; approved: number; byStatus: Record<string, number> };

/** The stats as the reading server gives them: the totals, and the test article's row. */
async function stats() {
  const r = await viewer.get("/api/v1/stats");
  expect(r.status).toBe(200);
  const body = r.body as { totals: Counts; articles: (Counts & { id: string })[] };
  const row = body.articles.find((a) => a.id === articleId);
  return { totals: body.totals, article: row ? { claims: row.claims, checked: row.checked, approved: row.approved, byStatus: row.byStatus } : undefined, ids: body.articles.map((a) => a.id) };
}

/** The totals as the database has them now. */
async function truth() {
  const db = testDb();
  return {
    claims: await db.claim.count(),
    checked: await db.claim.count({ where: { status: { isVerdict: true } } }),
    approved: await db.claim.count({ where: { reviewState: "approved" } }),
  };
}

/** The reading server's stats and dashboard agree with the database. */
async function totalsAreCurrent() {
  const t = await truth();
  expect((await stats()).totals).toMatchObject(t);
  expect(await dashboard()).toMatchObject(t);
}

/** The dashboard page from the reading server: its totals and the test article's status links ("False: 1"). */
async function dashboard() {
  const r = await viewer.get("/dashboard");
  expect(r.status).toBe(200);
  const total = (key: string) => Number(new RegExp(`data-total="${key}"[^>]*>(\\d+)<`).exec(r.text)?.[1]);
  const row = r.text.slice(r.text.indexOf(`/articles/${articleId}"`));
  const links = [...row.slice(0, row.indexOf("</tr>")).matchAll(/aria-label="([^"]+: \d+)"/g)].map((m) => m[1]);
  return { claims: total("claims"), checked: total("checked"), approved: total("approved"), links };
}

/** Makes the reading server keep the current counts (read twice while the rows are quiet). */
async function keepCounts() {
  await quiet();
  await stats();
  await dashboard();
}

async function version(claimId: string): Promise<number> {
  return (await testDb().claim.findUniqueOrThrow({ where: { id: claimId }, select: { version: true } })).version;
}

describe("the stats and the dashboard are current right after", () => {
  it("a claim's status changes, on another server", async () => {
    await keepCounts();
    expect((await stats()).article).toEqual({ claims: 4, checked: 0, approved: 0, byStatus: { unchecked: 4 } });
    expect((await dashboard()).links).toEqual(["Unchecked: 4"]);
    await totalsAreCurrent();

    const r = await on.checker.patch(`/api/v1/claims/${claimIds[0]}`, { version: await version(claimIds[0]), status: "false", rationale: "No." });
    expect(r.status).toBe(200);
    expect((await stats()).article).toEqual({ claims: 4, checked: 1, approved: 0, byStatus: { unchecked: 3, false: 1 } });
    expect((await dashboard()).links).toEqual(["Unchecked: 3", "False: 1"]);
    await totalsAreCurrent();
  });

  it("a verdict is approved", async () => {
    await keepCounts();
    expect((await stats()).article?.approved).toBe(0);
    const r = await on.editor.post(`/api/v1/claims/${claimIds[0]}/review`, { version: await version(claimIds[0]), decision: "approve" });
    expect(r.status).toBe(200);
    expect((await stats()).article?.approved).toBe(1);
    await totalsAreCurrent();
  });

  it("a claim is deleted", async () => {
    await keepCounts();
    expect((await stats()).article?.claims).toBe(4);
    expect((await on.editor.delete(`/api/v1/claims/${claimIds[3]}`)).status).toBe(204);
    expect((await stats()).article).toMatchObject({ claims: 3, byStatus: { unchecked: 2, false: 1 } });
    expect((await dashboard()).links).toEqual(["Unchecked: 2", "False: 1"]);
    await totalsAreCurrent();
  });

  it("a status is deleted with its claims moved to another", async () => {
    const made = await on.admin.post("/api/v1/statuses", { label: "Doubtful", color: "#1e3a8a", isVerdict: true });
    expect(made.status).toBe(201);
    const set = await on.checker.patch(`/api/v1/claims/${claimIds[1]}`, { version: await version(claimIds[1]), status: made.body.key });
    expect(set.status).toBe(200);
    await keepCounts();
    expect((await stats()).article?.byStatus).toEqual({ unchecked: 1, false: 1, [made.body.key]: 1 });
    expect((await dashboard()).links).toEqual(["Unchecked: 1", "False: 1", "Doubtful: 1"]);

    expect((await on.admin.delete(`/api/v1/statuses/${made.body.key}?moveTo=false`)).status).toBe(204);
    expect((await stats()).article).toMatchObject({ claims: 3, checked: 2, byStatus: { unchecked: 1, false: 2 } });
    expect((await dashboard()).links).toEqual(["Unchecked: 1", "False: 2"]);
    await totalsAreCurrent();
  });

  it("a status stops being a verdict", async () => {
    await keepCounts();
    expect((await stats()).article?.checked).toBe(2);
    expect((await on.admin.patch("/api/v1/statuses/false", { isVerdict: false })).status).toBe(200);
    expect((await stats()).article?.checked).toBe(0);
    await totalsAreCurrent();
    expect((await on.admin.patch("/api/v1/statuses/false", { isVerdict: true })).status).toBe(200);
  });

  it("an article is deleted (with its claims)", async () => {
    await keepCounts();
    expect((await stats()).ids).toContain(articleId);
    await testDb().article.delete({ where: { id: articleId } });
    expect((await stats()).ids).not.toContain(articleId);
    expect((await viewer.get(`/api/v1/stats?articleId=${articleId}`)).status).toBe(404);
    await totalsAreCurrent();
  });
});
