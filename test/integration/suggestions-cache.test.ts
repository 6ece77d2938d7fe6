/**
 * Suggested claims are scored once per text and kept: a sentence claimed since still disappears
 * from the suggestions, and a new revision of the text gets its own. `?limit=N` keeps the
 * strongest (what the article page lists). Real HTTP, real SQLite.
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, demoArticle, PASSWORD } from "../support/fixtures";

// Several HTTP round trips on a shared machine: a generous ceiling, not a time limit under test.
jest.setTimeout(60_000);

let server: TestServer;
let editor: ApiClient;
let articleId: string;

type Suggestion = { start: number; end: number; quote: string };

beforeAll(async () => {
  await seedUsers();
  ({ id: articleId } = await demoArticle());
  server = await startServer();
  editor = new ApiClient(server.url);
  expect((await editor.signIn("editor@example.com", PASSWORD)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const suggestions = async () => {
  const r = await editor.get<{ suggestions: Suggestion[] }>(`/api/v1/articles/${articleId}/suggestions`);
  expect(r.status).toBe(200);
  return r.body.suggestions;
};

test("a claimed sentence leaves the suggestions, and an edited text gets its own", async () => {
  const first = await suggestions();
  expect(first.length).toBeGreaterThan(1);
  expect(await suggestions()).toEqual(first);

  const article = await editor.get(`/api/v1/articles/${articleId}`);
  const claimed = first[0];
  const created = await editor.post(`/api/v1/articles/${articleId}/claims`, { revision: article.body.revision, start: claimed.start, end: claimed.end });
  expect(created.status).toBe(201);
  const after = await suggestions();
  expect(after.map((s) => s.quote)).not.toContain(claimed.quote);
  expect(after).toEqual(first.slice(1));

  const added = "The ministry said exports rose by 42 percent in 2022, according to figures released on Monday.";
  const edited = await editor.put(`/api/v1/articles/${articleId}`, { revision: article.body.revision, body: `${article.body.body}\n\n${added}` });
  expect(edited.status).toBe(200);
  expect((await suggestions()).map((s) => s.quote)).toContain(added);
});

test("?limit=N answers the N strongest in text order, with how many there are and their revision", async () => {
  type Answer = { suggestions: (Suggestion & { score: number })[]; total: number; revision: number };
  const all = await editor.get<Answer>(`/api/v1/articles/${articleId}/suggestions`);
  expect(all.status).toBe(200);
  const article = await editor.get<{ revision: number }>(`/api/v1/articles/${articleId}`);
  expect(all.body.revision).toBe(article.body.revision);
  expect(all.body.total).toBe(all.body.suggestions.length);
  expect(all.body.suggestions.length).toBeGreaterThan(3);

  const limit = 3;
  const some = await editor.get<Answer>(`/api/v1/articles/${articleId}/suggestions?limit=${limit}`);
  expect(some.status).toBe(200);
  expect(some.body.total).toBe(all.body.total);
  expect(some.body.revision).toBe(article.body.revision);
  expect(some.body.suggestions).toHaveLength(limit);
  // In text order, and none weaker than any left out.
  const starts = some.body.suggestions.map((s) => s.start);
  expect(starts).toEqual([...starts].sort((a, b) => a - b));
  const kept = new Set(some.body.suggestions.map((s) => s.start));
  const weakestKept = Math.min(...some.body.suggestions.map((s) => s.score));
  for (const s of all.body.suggestions) if (!kept.has(s.start)) expect(s.score).toBeLessThanOrEqual(weakestKept);

  let refused = 0;
  for (const bad of ["0", "-1", "abc", "1.5"]) {
    const r = await editor.get<{ error: { code: string; details: { fields: Record<string, string> } } }>(`/api/v1/articles/${articleId}/suggestions?limit=${bad}`);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("validation_failed");
    expect(Object.keys(r.body.error.details.fields)).toEqual(["limit"]);
    refused++;
  }
  expect(refused).toBe(4);
});
