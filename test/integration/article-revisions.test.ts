/**
 * Articles change: PUT /articles/:id makes revisions, claims are re-anchored (exact, moved,
 * orphaned) and settled by a person through POST /claims/:id/anchor. Real HTTP, real SQLite.
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, demoArticle, testDb, PASSWORD } from "../support/fixtures";

// Several HTTP round trips per test on a shared machine: a generous ceiling, not a time limit under test.
jest.setTimeout(60_000);

let server: TestServer;
let checker: ApiClient;
let editor: ApiClient;
let editor2: ApiClient;
let viewer: ApiClient;
let articleId: string;
let body: string;

beforeAll(async () => {
  await seedUsers();
  ({ id: articleId, body } = await demoArticle());
  server = await startServer();
  const signedIn = async (name: string) => {
    const c = new ApiClient(server.url);
    expect((await c.signIn(`${name}@example.com`, PASSWORD)).status).toBe(200);
    return c;
  };
  [checker, editor, editor2, viewer] = await Promise.all(["checker", "editor", "editor2", "viewer"].map(signedIn));
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const span = (text: string, quote: string) => {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`not in text: ${quote}`);
  return { start, end: start + quote.length };
};

async function claimOn(quote: string) {
  const article = await viewer.get(`/api/v1/articles/${articleId}`);
  const r = await checker.post(`/api/v1/articles/${articleId}/claims`, { revision: article.body.revision, ...span(article.body.body, quote) });
  expect(r.status).toBe(201);
  return r.body;
}

describe("editing an article", () => {
  const untouched = "Xi last visited Russia in 2019.";
  const edited = "Putin attended the opening of the Winter Olympics in Beijing last year";
  const removed = "the two leaders met in person at a regional security summit in Uzbekistan last September";
  let ids: { untouched: string; edited: string; removed: string };

  it("keeps every revision and re-anchors claims: exact with shifted offsets, moved with the new words, orphaned with the checked words kept", async () => {
    const a = await claimOn(untouched);
    const b = await claimOn(edited);
    const c = await claimOn(removed);
    ids = { untouched: a.id, edited: b.id, removed: c.id };
    const current = await viewer.get(`/api/v1/articles/${articleId}`);
    const newBody =
      "Correction appended at the top.\n\n" +
      current.body.body
        .replace(edited, "Putin had attended the opening of the Winter Olympics in Beijing last year")
        .replace(removed, "they spoke at length");
    const r = await editor.put(`/api/v1/articles/${articleId}`, { revision: current.body.revision, body: newBody, note: "Fixed the Olympics year" });
    expect(r.status).toBe(200);
    expect(r.body.revision).toBe(current.body.revision + 1);
    expect(r.body.body).toBe(newBody);
    const byId = new Map<string, any>(r.body.claims.map((x: any) => [x.id, x]));

    const ex = byId.get(a.id);
    expect(ex).toMatchObject({ anchor: "exact", anchorConfidence: 1, quote: untouched, checkedQuote: untouched, version: a.version + 1 });
    expect(newBody.slice(ex.start, ex.end)).toBe(untouched);

    const mv = byId.get(b.id);
    expect(mv.anchor).toBe("moved");
    expect(mv.checkedQuote).toBe(edited);
    expect(mv.quote).toBe(newBody.slice(mv.start, mv.end));
    expect(mv.quote).not.toBe(edited);
    expect(mv.anchorConfidence).toBeGreaterThan(0);
    expect(mv.anchorConfidence).toBeLessThan(1);

    const or = byId.get(c.id);
    expect(or).toMatchObject({ anchor: "orphaned", start: null, end: null, quote: null, checkedQuote: removed, anchorConfidence: 0 });

    const revs = await viewer.get(`/api/v1/articles/${articleId}/revisions`);
    expect(revs.status).toBe(200);
    const last = revs.body.revisions.at(-1);
    expect(last).toMatchObject({ revision: r.body.revision, note: "Fixed the Olympics year", source: "edit", createdBy: { name: "editor" } });
    expect(revs.body.revisions[0]).toMatchObject({ revision: 1, source: "import" });
    const first = await viewer.get(`/api/v1/articles/${articleId}/revisions/1`);
    expect(first.body).toMatchObject({ revision: 1, body });
    expect((await viewer.get(`/api/v1/articles/${articleId}/revisions/99`)).status).toBe(404);

    const events = await testDb().articleEvent.findMany({ where: { articleId, type: "article.revised" } });
    expect(events.map((e) => JSON.parse(e.data).revision)).toContain(r.body.revision);
  });

  it("refuses an edit based on an old revision with a 409 carrying the current article", async () => {
    const current = await viewer.get(`/api/v1/articles/${articleId}`);
    const r = await editor2.put(`/api/v1/articles/${articleId}`, { revision: current.body.revision - 1, body: "Something else entirely." });
    expect(r.status).toBe(409);
    expect(r.body.error.details.current).toMatchObject({ revision: current.body.revision, body: current.body.body });
    expect((await viewer.get(`/api/v1/articles/${articleId}`)).body.body).toBe(current.body.body);
  });

  it("lets only editors and admins edit, and explains bad input", async () => {
    const current = await viewer.get(`/api/v1/articles/${articleId}`);
    expect((await checker.put(`/api/v1/articles/${articleId}`, { revision: current.body.revision, title: "x" })).status).toBe(403);
    const bad = await editor.put(`/api/v1/articles/${articleId}`, { revision: current.body.revision, body: "   " });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.body).toBeDefined();
    const noRev = await editor.put(`/api/v1/articles/${articleId}`, { title: "x" });
    expect(noRev.status).toBe(422);
    expect(noRev.body.error.details.fields.revision).toBeDefined();
    const meta = await editor.put(`/api/v1/articles/${articleId}`, { revision: current.body.revision, outlet: "Wire desk" });
    expect(meta.status).toBe(200);
    expect(meta.body).toMatchObject({ outlet: "Wire desk", revision: current.body.revision });
  });

  it("confirms a move, which sends an approved verdict back to review", async () => {
    const current = await viewer.get(`/api/v1/articles/${articleId}`);
    const moved = current.body.claims.find((x: any) => x.id === ids.edited);
    const set = await checker.patch(`/api/v1/claims/${moved.id}`, { version: moved.version, status: "true" });
    expect(set.status).toBe(200);
    const approved = await editor.post(`/api/v1/claims/${moved.id}/review`, { version: set.body.version, decision: "approve" });
    expect(approved.status).toBe(200);
    expect(approved.body.reviewState).toBe("approved");
    const stale = await checker.post(`/api/v1/claims/${moved.id}/anchor`, { version: approved.body.version, revision: current.body.revision - 1, action: "confirm" });
    expect(stale.status).toBe(409);
    const r = await checker.post(`/api/v1/claims/${moved.id}/anchor`, { version: approved.body.version, revision: current.body.revision, action: "confirm" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ anchor: "exact", anchorConfidence: 1, checkedQuote: moved.quote, quote: moved.quote, reviewState: "pending", version: approved.body.version + 1 });
  });

  it("re-attaches an orphaned claim to new text, and retires another with a note", async () => {
    const current = await viewer.get(`/api/v1/articles/${articleId}`);
    const orphan = current.body.claims.find((x: any) => x.id === ids.removed);
    const target = span(current.body.body, "they spoke at length");
    const viewerTry = await viewer.post(`/api/v1/claims/${orphan.id}/anchor`, { version: orphan.version, revision: current.body.revision, action: "reattach", ...target });
    expect(viewerTry.status).toBe(403);
    const r = await checker.post(`/api/v1/claims/${orphan.id}/anchor`, { version: orphan.version, revision: current.body.revision, action: "reattach", ...target });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ anchor: "exact", quote: "they spoke at length", checkedQuote: "they spoke at length", ...target });

    const other = await claimOn("Xi last visited Russia");
    const noNote = await checker.post(`/api/v1/claims/${other.id}/anchor`, { version: other.version, revision: current.body.revision, action: "retire" });
    expect(noNote.status).toBe(422);
    const retired = await checker.post(`/api/v1/claims/${other.id}/anchor`, { version: other.version, revision: current.body.revision, action: "retire", note: "Sentence withdrawn by the outlet" });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ anchor: "retired", start: null, quote: null, checkedQuote: "Xi last visited Russia" });
    const detail = await viewer.get(`/api/v1/claims/${other.id}`);
    expect(detail.body.comments.map((c: any) => c.body)).toContain("Retired: Sentence withdrawn by the outlet");
  });
});
