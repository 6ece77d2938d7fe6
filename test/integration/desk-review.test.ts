/**
 * The desk's review loop and fixing claims, over real HTTP against the built app: review with a
 * version, what sends a verdict back to review, who may review, evidence edits, duplicates, span
 * corrections, stable numbers and deletion.
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, testDb, PASSWORD } from "../support/fixtures";

// Several requests per test on a shared, busy machine: no time limit of Jest's own (5 s) on them.
jest.setTimeout(120_000);

let server: TestServer;
let users: Awaited<ReturnType<typeof seedUsers>>;
let checker: ApiClient;
let checker2: ApiClient;
let editor: ApiClient;
let editor2: ApiClient;
let viewer: ApiClient;
let articleId: string;

const BODY =
  "The mayor said crime fell 13% last year. Police figures show a 2% rise. " +
  "Schools got 40 new teachers. The budget grew by half. Ärzte warnen vor Hitze. " +
  "The new bridge cost €2 billion, twice the estimate. Unemployment is at a record low.";

const at = (quote: string) => {
  const start = BODY.indexOf(quote);
  if (start < 0) throw new Error(`not in the body: ${quote}`);
  return { start, end: start + quote.length };
};

beforeAll(async () => {
  users = await seedUsers();
  server = await startServer();
  const signedIn = async (name: string) => {
    const c = new ApiClient(server.url);
    expect((await c.signIn(`${name}@example.com`, PASSWORD)).status).toBe(200);
    return c;
  };
  [checker, checker2, editor, editor2, viewer] = await Promise.all(["checker", "checker2", "editor", "editor2", "viewer"].map(signedIn));
  const created = await editor.post("/api/v1/articles", { title: "Desk test", body: BODY });
  expect(created.status).toBe(201);
  articleId = created.body.id;
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await testDb().$disconnect();
});

async function newClaim(quote: string, as = checker) {
  const r = await as.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, ...at(quote), allowDuplicate: true });
  expect(r.status).toBe(201);
  return r.body;
}

/** A claim with a verdict set by checker and approved by editor. */
async function approvedClaim(quote: string) {
  const c = await newClaim(quote);
  const set = await checker.patch(`/api/v1/claims/${c.id}`, { version: c.version, status: "false", rationale: "Police figures say otherwise." });
  expect(set.status).toBe(200);
  expect(set.body.reviewState).toBe("pending");
  const approved = await editor.post(`/api/v1/claims/${c.id}/review`, { version: set.body.version, decision: "approve" });
  expect(approved.status).toBe(200);
  expect(approved.body).toMatchObject({ reviewState: "approved", reviewChangers: [] });
  return approved.body;
}

describe("review with a version", () => {
  it("refuses a review of a version the editor has not seen (409 with the current claim)", async () => {
    const c = await newClaim("Schools got 40 new teachers.");
    const set = await checker.patch(`/api/v1/claims/${c.id}`, { version: c.version, status: "true" });
    const changed = await checker.patch(`/api/v1/claims/${c.id}`, { version: set.body.version, rationale: "Rewritten after the editor looked." });
    expect(changed.status).toBe(200);
    const stale = await editor.post(`/api/v1/claims/${c.id}/review`, { version: set.body.version, decision: "approve" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("version_conflict");
    expect(stale.body.error.details.current).toMatchObject({ id: c.id, version: changed.body.version, rationale: "Rewritten after the editor looked.", reviewState: "pending" });
    expect((await testDb().claim.findUniqueOrThrow({ where: { id: c.id } })).reviewState).toBe("pending");
    const missing = await editor.post(`/api/v1/claims/${c.id}/review`, { decision: "approve" });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.fields.version).toEqual(expect.any(String));
  });

  it("keeps the reviewer's note, shown as changes requested, until the next review", async () => {
    const c = await newClaim("The budget grew by half.");
    const set = await checker.patch(`/api/v1/claims/${c.id}`, { version: c.version, status: "mostly_true" });
    const rejected = await editor.post(`/api/v1/claims/${c.id}/review`, { version: set.body.version, decision: "reject", note: "Cite the budget document." });
    expect(rejected.body).toMatchObject({ reviewState: "rejected", reviewNote: "Cite the budget document.", reviewedBy: { name: "editor" } });
    const fixed = await checker.patch(`/api/v1/claims/${c.id}`, { version: rejected.body.version, rationale: "Budget 2024, table 3." });
    expect(fixed.body).toMatchObject({ reviewState: "pending", reviewNote: "Cite the budget document." });
    const approved = await editor.post(`/api/v1/claims/${c.id}/review`, { version: fixed.body.version, decision: "approve" });
    expect(approved.body).toMatchObject({ reviewState: "approved", reviewNote: "" });
  });
});

describe("what sends an approved verdict back to review", () => {
  it.each([
    ["rationale", { rationale: "A different argument." }],
    ["summary", { summary: "Crime fell 13%." }],
    ["claimant", { claimant: "The mayor" }],
    ["status", { status: "mostly_false" }],
  ])("a changed %s", async (_field, change) => {
    const c = await approvedClaim("The mayor said crime fell 13% last year.");
    const r = await checker2.patch(`/api/v1/claims/${c.id}`, { version: c.version, ...change });
    expect(r.status).toBe(200);
    expect(r.body.reviewState).toBe("pending");
    expect(r.body.reviewChangers).toEqual([users.checker2.id]);
  });

  it("a status that is not a verdict leaves nothing to review", async () => {
    const c = await approvedClaim("The mayor said crime fell 13% last year.");
    const r = await checker.patch(`/api/v1/claims/${c.id}`, { version: c.version, status: "in_progress" });
    expect(r.body.reviewState).toBe("none");
  });

  it("evidence added, changed or removed", async () => {
    const c = await approvedClaim("Police figures show a 2% rise.");
    const added = await checker.post(`/api/v1/claims/${c.id}/evidence`, { url: "police.example/stats", stance: "supports" });
    expect(added.status).toBe(201);
    expect(added.body.url).toBe("https://police.example/stats");
    let now = await checker.get(`/api/v1/claims/${c.id}`);
    expect(now.body).toMatchObject({ reviewState: "pending", version: c.version + 1 });

    const again = await editor.post(`/api/v1/claims/${c.id}/review`, { version: now.body.version, decision: "approve" });
    expect(again.body.reviewState).toBe("approved");
    const edited = await checker.patch(`/api/v1/evidence/${added.body.id}`, { stance: "refutes", note: "Table 2." });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ stance: "refutes", note: "Table 2.", url: "https://police.example/stats" });
    now = await checker.get(`/api/v1/claims/${c.id}`);
    expect(now.body.reviewState).toBe("pending");

    const third = await editor.post(`/api/v1/claims/${c.id}/review`, { version: now.body.version, decision: "approve" });
    expect(third.body.reviewState).toBe("approved");
    expect((await checker.delete(`/api/v1/evidence/${added.body.id}`)).status).toBe(204);
    now = await checker.get(`/api/v1/claims/${c.id}`);
    expect(now.body.reviewState).toBe("pending");
  });

  it("not assignment, due time or claim type", async () => {
    const c = await approvedClaim("Unemployment is at a record low.");
    const r = await checker.patch(`/api/v1/claims/${c.id}`, { version: c.version, assigneeId: users.checker.id, dueAt: "2030-01-01T12:00:00Z", claimType: "statistic" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ reviewState: "approved", dueAt: "2030-01-01T12:00:00.000Z", assignee: { id: users.checker.id }, reviewChangers: [] });
  });
});

describe("who may review", () => {
  it("not an editor who changed the evidence since the last review, though a checker set the verdict", async () => {
    const c = await approvedClaim("Police figures show a 2% rise.");
    await editor.post(`/api/v1/claims/${c.id}/evidence`, { url: "https://stats.example/a", stance: "context" });
    const now = await editor.get(`/api/v1/claims/${c.id}`);
    expect(now.body.reviewChangers).toEqual([users.editor.id]);
    const own = await editor.post(`/api/v1/claims/${c.id}/review`, { version: now.body.version, decision: "approve" });
    expect(own.status).toBe(403);
    const listed = await editor.get("/api/v1/claims?reviewable=true");
    expect(listed.body.claims.map((x: { id: string }) => x.id)).not.toContain(c.id);
    const other = await editor2.get("/api/v1/claims?reviewable=true");
    expect(other.body.claims.map((x: { id: string }) => x.id)).toContain(c.id);
    expect((await editor2.post(`/api/v1/claims/${c.id}/review`, { version: now.body.version, decision: "approve" })).status).toBe(200);
  });

  it("evidence is edited only by its author, an editor or an admin; a viewer not at all", async () => {
    const c = await newClaim("Schools got 40 new teachers.");
    const e = await checker.post(`/api/v1/claims/${c.id}/evidence`, { url: "https://edu.example", stance: "supports" });
    expect((await checker2.patch(`/api/v1/evidence/${e.body.id}`, { note: "x" })).status).toBe(403);
    expect((await viewer.patch(`/api/v1/evidence/${e.body.id}`, { note: "x" })).status).toBe(403);
    expect((await editor.patch(`/api/v1/evidence/${e.body.id}`, { title: "Ministry of Education" })).status).toBe(200);
    expect((await checker.patch(`/api/v1/evidence/${e.body.id}`, { stance: "maybe" })).status).toBe(422);
    expect((await checker.patch(`/api/v1/evidence/missing`, { note: "x" })).status).toBe(404);
  });

  it("refuses evidence addresses with other schemes or credentials", async () => {
    const c = await newClaim("Schools got 40 new teachers.");
    for (const url of ["javascript:alert(1)", "ftp://x.example/a", "https://u:p@x.example/"]) {
      const r = await checker.post(`/api/v1/claims/${c.id}/evidence`, { url, stance: "supports" });
      expect(r.status).toBe(422);
      expect(r.body.error.details.fields.url).toEqual(expect.any(String));
    }
  });
});

describe("claims you can fix", () => {
  it("refuses a claim over exactly an existing claim's span, unless asked", async () => {
    const span = at("Ärzte warnen vor Hitze.");
    const first = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, ...span });
    expect(first.status).toBe(201);
    const dup = await checker2.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, ...span });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("duplicate_claim");
    expect(dup.body.error.details.existing).toMatchObject({ id: first.body.id, number: first.body.number, quote: "Ärzte warnen vor Hitze." });
    const forced = await checker2.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, ...span, allowDuplicate: true });
    expect(forced.status).toBe(201);
  });

  it("refuses spans longer than 2,000 code units and offsets from a stale revision", async () => {
    const long = await editor.post("/api/v1/articles", { title: "Long", body: "x".repeat(2500) });
    const tooLong = await checker.post(`/api/v1/articles/${long.body.id}/claims`, { revision: 1, start: 0, end: 2001 });
    expect(tooLong.status).toBe(422);
    expect((await checker.post(`/api/v1/articles/${long.body.id}/claims`, { revision: 1, start: 0, end: 2000 })).status).toBe(201);
    const stale = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 7, ...at("Schools got 40 new teachers.") });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toEqual({ revision: 1 });
    const none = await checker.post(`/api/v1/articles/${articleId}/claims`, at("Schools got 40 new teachers."));
    expect(none.status).toBe(422);
  });

  it("corrects a span: quote, prefix and suffix follow the body, audited, and an approved verdict goes back to review", async () => {
    const c = await approvedClaim("The new bridge cost €2 billion");
    const target = at("The new bridge cost €2 billion, twice the estimate.");
    const stale = await checker.patch(`/api/v1/claims/${c.id}`, { version: c.version, revision: 2, ...target });
    expect(stale.status).toBe(409);
    const half = await checker.patch(`/api/v1/claims/${c.id}`, { version: c.version, start: target.start });
    expect(half.status).toBe(422);
    const r = await checker.patch(`/api/v1/claims/${c.id}`, { version: c.version, revision: 1, ...target });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ...target, quote: "The new bridge cost €2 billion, twice the estimate.", checkedQuote: "The new bridge cost €2 billion, twice the estimate.", reviewState: "pending", anchor: "exact" });
    const stored = await testDb().claim.findUniqueOrThrow({ where: { id: c.id }, select: { start: true, end: true, quote: true, prefix: true, suffix: true } });
    expect(BODY.slice(stored.start, stored.end)).toBe(stored.quote);
    expect(BODY.slice(Math.max(0, stored.start - 32), stored.start)).toBe(stored.prefix);
    expect(BODY.slice(stored.end, stored.end + 32)).toBe(stored.suffix);
    const audit = await testDb().auditEvent.findFirstOrThrow({ where: { objectId: c.id, action: "claim.update.span" } });
    expect(JSON.parse(audit.after!)).toMatchObject({ quote: "The new bridge cost €2 billion, twice the estimate." });
  });

  it("keeps claim numbers stable: a claim added earlier in the text takes the next number", async () => {
    const a = await newClaim("Unemployment is at a record low.");
    const b = await newClaim("The mayor said crime fell 13% last year.");
    expect(b.number).toBe(a.number + 1);
    const again = await checker.get(`/api/v1/claims/${a.id}`);
    expect(again.body.number).toBe(a.number);
    expect((await editor.delete(`/api/v1/claims/${b.id}`)).status).toBe(204);
    const c = await newClaim("Schools got 40 new teachers.");
    expect(c.number).toBe(b.number + 1);
  });

  it("deletes a claim (editors and admins only), audited", async () => {
    const c = await newClaim("The budget grew by half.");
    expect((await checker.delete(`/api/v1/claims/${c.id}`)).status).toBe(403);
    expect((await editor.delete(`/api/v1/claims/${c.id}`)).status).toBe(204);
    expect((await checker.get(`/api/v1/claims/${c.id}`)).status).toBe(404);
    const audit = await testDb().auditEvent.findFirstOrThrow({ where: { objectId: c.id, action: "claim.delete" } });
    expect(JSON.parse(audit.before!)).toMatchObject({ quote: "The budget grew by half.", number: c.number });
  });
});
