/**
 * Assignment, the claims list's filters, literal search in every script and the stats, over real
 * HTTP against the built app.
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, testDb, PASSWORD } from "../support/fixtures";

// Several requests per test on a shared, busy machine: no time limit of Jest's own (5 s) on them.
jest.setTimeout(120_000);

let server: TestServer;
let users: Awaited<ReturnType<typeof seedUsers>>;
let checker: ApiClient;
let editor: ApiClient;
let editor2: ApiClient;
let viewer: ApiClient;
let articleA: string;
let articleB: string;

const BODY_A = "Rates rose 13% in May. The STRASSE was closed. Ärzte warnen vor Hitze. Prices fell by half.";
const BODY_B = "Die Straße bleibt offen. Growth was 1_000 units. A plain sentence here.";

beforeAll(async () => {
  users = await seedUsers();
  server = await startServer();
  const signedIn = async (name: string) => {
    const c = new ApiClient(server.url);
    expect((await c.signIn(`${name}@example.com`, PASSWORD)).status).toBe(200);
    return c;
  };
  [checker, editor, editor2, viewer] = await Promise.all(["checker", "editor", "editor2", "viewer"].map(signedIn));
  articleA = (await editor.post("/api/v1/articles", { title: "Article A", body: BODY_A, outlet: "Tagesblatt" })).body.id;
  articleB = (await editor.post("/api/v1/articles", { title: "Article B", body: BODY_B })).body.id;
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await testDb().$disconnect();
});

async function claim(articleId: string, body: string, quote: string) {
  const start = body.indexOf(quote);
  const r = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, start, end: start + quote.length, allowDuplicate: true });
  expect(r.status).toBe(201);
  return r.body;
}
const ids = (r: { body: { claims: { id: string }[] } }) => r.body.claims.map((c) => c.id).sort();

describe("assignment and filters", () => {
  it("assigns one claim, several at once (editors), and filters by assignee me, none or someone", async () => {
    const a1 = await claim(articleA, BODY_A, "Rates rose 13% in May.");
    const a2 = await claim(articleA, BODY_A, "Prices fell by half.");
    const b1 = await claim(articleB, BODY_B, "A plain sentence here.");
    const mine = await checker.patch(`/api/v1/claims/${a1.id}`, { version: a1.version, assigneeId: users.checker.id, dueAt: "2031-05-01T09:00:00Z" });
    expect(mine.body).toMatchObject({ assignee: { id: users.checker.id, name: "checker" }, dueAt: "2031-05-01T09:00:00.000Z" });
    expect((await checker.patch("/api/v1/claims", { ids: [a2.id, b1.id], assigneeId: users.checker2.id })).status).toBe(403);
    const bulk = await editor.patch("/api/v1/claims", { ids: [a2.id, b1.id], assigneeId: users.checker2.id, dueAt: "2030-01-01T00:00:00Z" });
    expect(bulk.status).toBe(200);
    expect(bulk.body.claims.map((c: { assignee: { id: string } }) => c.assignee.id)).toEqual([users.checker2.id, users.checker2.id]);
    expect(await testDb().auditEvent.count({ where: { action: "claim.assign", objectId: { in: [a2.id, b1.id] } } })).toBe(2);
    expect((await editor.patch("/api/v1/claims", { ids: ["missing"], assigneeId: users.checker2.id })).status).toBe(404);
    expect((await editor.patch("/api/v1/claims", { ids: [a2.id], assigneeId: "nobody-by-that-id" })).status).toBe(422);

    expect(ids(await checker.get("/api/v1/claims?assignee=me"))).toEqual([a1.id]);
    expect(ids(await viewer.get(`/api/v1/claims?assignee=${users.checker2.id}`))).toEqual([a2.id, b1.id].sort());
    const none = ids(await viewer.get("/api/v1/claims?assignee=none"));
    expect(none).not.toContain(a1.id);
    expect(none).not.toContain(a2.id);
    expect(ids(await viewer.get(`/api/v1/claims?assignee=${users.checker2.id}&articleId=${articleB}`))).toEqual([b1.id]);
    const due = await viewer.get(`/api/v1/claims?assignee=${users.checker2.id}&sort=due`);
    expect(due.body.claims[0].dueAt).toBe("2030-01-01T00:00:00.000Z");

    const unassigned = await checker.patch(`/api/v1/claims/${a1.id}`, { version: mine.body.version, assigneeId: null, dueAt: null });
    expect(unassigned.body).toMatchObject({ assignee: null, dueAt: null });
    expect(ids(await viewer.get("/api/v1/claims?assignee=none"))).toContain(a1.id);
  });

  it("filters by status and review state, and reviewable=true leaves out what the editor changed", async () => {
    const c = await claim(articleB, BODY_B, "Growth was 1_000 units.");
    const set = await checker.patch(`/api/v1/claims/${c.id}`, { version: c.version, status: "false" });
    expect(ids(await viewer.get(`/api/v1/claims?status=false&articleId=${articleB}`))).toEqual([c.id]);
    expect(ids(await viewer.get(`/api/v1/claims?reviewState=pending&articleId=${articleB}`))).toEqual([c.id]);
    expect(ids(await editor.get("/api/v1/claims?reviewable=true"))).toContain(c.id);
    expect((await checker.get("/api/v1/claims?reviewable=true")).body.claims).toEqual([]);
    await editor.patch(`/api/v1/claims/${c.id}`, { version: set.body.version, rationale: "Edited by the editor." });
    expect(ids(await editor.get("/api/v1/claims?reviewable=true"))).not.toContain(c.id);
    expect(ids(await editor2.get("/api/v1/claims?reviewable=true&sort=oldest"))).toContain(c.id);
    expect((await viewer.get("/api/v1/claims?reviewState=maybe")).status).toBe(422);
    expect((await viewer.get("/api/v1/claims?sort=random")).status).toBe(422);
  });
});

describe("due soonest first, page by page", () => {
  it("pages run through claims with a due time (soonest first) and then those without (waiting longest first), none lost or repeated", async () => {
    // 120 claims in their own article: every third with a due time, so the pages cross from one to the other.
    const body = Array.from({ length: 120 }, (_, i) => `Sentence number ${i + 1000} is here.`).join(" ");
    const article = (await editor.post("/api/v1/articles", { title: "Due order", body })).body.id as string;
    const db = testDb();
    let at = 0;
    const rows = Array.from({ length: 120 }, (_, i) => {
      const text = `Sentence number ${i + 1000} is here.`;
      const start = body.indexOf(text, at);
      at = start + text.length;
      return {
        articleId: article,
        number: i + 1,
        start,
        end: start + text.length,
        quote: text,
        prefix: "",
        suffix: "",
        checkedQuote: text,
        updatedAt: new Date(Date.UTC(2030, 0, 1, 0, i)),
        // Later claims are due sooner, so the due order differs from the order of change.
        dueAt: i % 3 === 0 ? new Date(Date.UTC(2031, 0, 1, 0, 120 - i)) : null,
      };
    });
    await db.claim.createMany({ data: rows });
    const expected = [...rows]
      .sort((a, b) => (a.dueAt && b.dueAt ? a.dueAt.getTime() - b.dueAt.getTime() : a.dueAt ? -1 : b.dueAt ? 1 : a.updatedAt.getTime() - b.updatedAt.getTime()))
      .map((r) => r.number);
    const seen: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const r = await viewer.get(`/api/v1/claims?articleId=${article}&sort=due&page=${page}`);
      expect(r.status).toBe(200);
      seen.push(...r.body.claims.map((c: { number: number }) => c.number));
      expect(r.body.nextPage).toBe(page < 3 ? page + 1 : null);
    }
    expect(seen).toEqual(expected);
    // A page past the claims with a due time starts at the right place among those without.
    const third = await viewer.get(`/api/v1/claims?articleId=${article}&sort=due&page=3`);
    expect(third.body.claims.map((c: { number: number }) => c.number)).toEqual(expected.slice(100));
  });
});

describe("search", () => {
  it("matches quote, summary, claimant and rationale case-insensitively in every script", async () => {
    const c = await claim(articleA, BODY_A, "Ärzte warnen vor Hitze.");
    await checker.patch(`/api/v1/claims/${c.id}`, { version: c.version, claimant: "Ärztekammer", summary: "Heat warning", rationale: "Σύμφωνα με την ΕΜΥ" });
    for (const q of ["ärzte", "ÄRZTE", "ärztekammer", "heat WARNING", "σύμφωνα", "ΕΜΥ".toLowerCase()]) {
      expect({ q, found: ids(await viewer.get(`/api/v1/claims?q=${encodeURIComponent(q)}`)).includes(c.id) }).toEqual({ q, found: true });
    }
  });

  it("treats % and _ literally", async () => {
    const pct = await claim(articleA, BODY_A, "Rates rose 13% in May.");
    const und = await claim(articleB, BODY_B, "Growth was 1_000 units.");
    const plain = await claim(articleB, BODY_B, "A plain sentence here.");
    const q = async (text: string) => ids(await viewer.get(`/api/v1/claims?q=${encodeURIComponent(text)}`));
    expect(await q("13%")).toContain(pct.id);
    expect(await q("%")).toContain(pct.id);
    expect(await q("%")).not.toContain(plain.id);
    expect(await q("1_0")).toContain(und.id);
    expect(await q("_")).not.toContain(plain.id);
    expect(await q("p_ain")).toEqual([]);
  });

  it("finds articles by title, outlet and body text, ß and SS alike", async () => {
    const titles = async (text: string) => (await viewer.get(`/api/v1/articles?q=${encodeURIComponent(text)}`)).body.articles.map((a: { title: string }) => a.title).sort();
    expect(await titles("straße")).toEqual(["Article A", "Article B"]);
    expect(await titles("tagesBLATT")).toEqual(["Article A"]);
    expect(await titles("ärzte")).toEqual(["Article A"]);
    expect(await titles("13%")).toEqual(["Article A"]);
    expect(await titles("1%")).toEqual([]);
    // A changed title is found at once.
    await testDb().article.update({ where: { id: articleB }, data: { title: "Article B (updated)" } });
    expect(await titles("updated")).toEqual(["Article B (updated)"]);
  });
});

describe("stats", () => {
  it("counts claims, verdicts and approvals per article and in all", async () => {
    const fresh = (await editor.post("/api/v1/articles", { title: "Stats", body: "First claim. Second claim. Third claim." })).body.id;
    const body = "First claim. Second claim. Third claim.";
    const one = await claim(fresh, body, "First claim.");
    const two = await claim(fresh, body, "Second claim.");
    await claim(fresh, body, "Third claim.");
    const v1 = await checker.patch(`/api/v1/claims/${one.id}`, { version: 1, status: "true" });
    await checker.patch(`/api/v1/claims/${two.id}`, { version: 1, status: "false" });
    await editor.post(`/api/v1/claims/${one.id}/review`, { version: v1.body.version, decision: "approve" });
    const r = await viewer.get(`/api/v1/stats?articleId=${fresh}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      totals: { claims: 3, checked: 2, approved: 1, byStatus: { true: 1, false: 1, unchecked: 1 } },
      articles: [{ id: fresh, title: "Stats", claims: 3, checked: 2, approved: 1, byStatus: { true: 1, false: 1, unchecked: 1 } }],
    });
    const all = await viewer.get("/api/v1/stats");
    expect(all.body.totals.claims).toBe(await testDb().claim.count());
    expect(all.body.articles.length).toBe(await testDb().article.count());
    expect((await viewer.get("/api/v1/stats?articleId=missing")).status).toBe(404);
  });
});
