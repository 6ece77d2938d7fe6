/**
 * Suggested claims are scored once per text and kept: a sentence claimed since still disappears
 * from the suggestions, and a new revision of the text gets its own. Real HTTP, real SQLite.
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
