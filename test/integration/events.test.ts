/**
 * The article event stream over real HTTP: changes arrive as server-sent events numbered by the
 * article's change sequence, a reconnect with Last-Event-ID replays what was missed (deletions
 * included), presence names who has the article open, and a client that hangs up is let go.
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, demoArticle, testDb, PASSWORD } from "../support/fixtures";

jest.setTimeout(60_000);

type Sse = { id?: string; event: string; data: any };

/** A minimal SSE reader over fetch. */
function openStream(server: TestServer, path: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const events: Sse[] = [];
  const comments: string[] = [];
  const waiters: (() => void)[] = [];
  const ready = fetch(server.url + path, { headers, signal: controller.signal }).then(async (res) => {
    const info = { status: res.status, type: res.headers.get("content-type") ?? "" };
    if (!res.body || res.status !== 200) return info;
    (async () => {
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let cut;
          while ((cut = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const e: Sse = { event: "message", data: null };
            let data = "";
            for (const line of block.split("\n")) {
              if (line.startsWith(":")) comments.push(line);
              else if (line.startsWith("id: ")) e.id = line.slice(4);
              else if (line.startsWith("event: ")) e.event = line.slice(7);
              else if (line.startsWith("data: ")) data += line.slice(6);
            }
            if (data) {
              e.data = JSON.parse(data);
              events.push(e);
              waiters.splice(0).forEach((w) => w());
            }
          }
        }
      } catch {
        // aborted
      }
    })();
    return info;
  });
  const waitFor = async (pred: (e: Sse) => boolean): Promise<Sse> => {
    for (;;) {
      const hit = events.find(pred);
      if (hit) return hit;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { ready, events, comments, waitFor, close: () => controller.abort() };
}

let server: TestServer;
let articleId: string;
let body: string;
const api: Record<string, ApiClient> = {};

beforeAll(async () => {
  await seedUsers();
  const article = await demoArticle();
  articleId = article.id;
  body = article.body;
  server = await startServer();
  for (const who of ["viewer", "checker", "editor"]) {
    api[who] = new ApiClient(server.url);
    expect((await api[who].signIn(`${who}@example.com`, PASSWORD)).status).toBe(200);
  }
});

afterAll(async () => {
  await server?.stop();
  await testDb().$disconnect();
});

const cookie = (who: string) => ({ cookie: api[who].cookieHeader });

test("anonymous callers get a 401 in the API's error shape; an unknown article is a 404", async () => {
  const anon = await fetch(`${server.url}/api/v1/articles/${articleId}/events`);
  expect(anon.status).toBe(401);
  expect((await anon.json()).error.code).toBe("unauthorized");
  const missing = await fetch(`${server.url}/api/v1/articles/nope/events`, { headers: cookie("viewer") });
  expect(missing.status).toBe(404);
});

test("a change arrives with the change sequence as id and the claim; a reconnect replays what was missed, deletions included", async () => {
  const viewer = openStream(server, `/api/v1/articles/${articleId}/events`, cookie("viewer"));
  expect(await viewer.ready).toEqual({ status: 200, type: "text/event-stream; charset=utf-8" });
  await viewer.waitFor((e) => e.event === "presence");

  const start = body.indexOf("Xi last visited");
  const created = await api.checker.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, start, end: start + 10 });
  expect(created.status).toBe(201);
  const ev = await viewer.waitFor((e) => e.event === "claim.created");
  const seq = (await testDb().article.findUniqueOrThrow({ where: { id: articleId } })).changeSeq;
  expect(ev.id).toBe(String(seq));
  expect(ev.data).toMatchObject({ claimId: created.body.id, version: 1, actor: { name: "checker" }, claim: { id: created.body.id, quote: created.body.quote } });
  viewer.close();

  // While the viewer is away: a verdict, then the claim is deleted.
  expect((await api.checker.patch(`/api/v1/claims/${created.body.id}`, { version: 1, status: "false" })).status).toBe(200);
  expect((await api.editor.delete(`/api/v1/claims/${created.body.id}`)).status).toBe(204);

  const back = openStream(server, `/api/v1/articles/${articleId}/events`, { ...cookie("viewer"), "last-event-id": ev.id! });
  await back.ready;
  const deleted = await back.waitFor((e) => e.event === "claim.deleted");
  const replayed = back.events.filter((e) => e.id);
  expect(replayed.map((e) => e.event)).toEqual(["claim.updated", "claim.deleted"]);
  expect(replayed.map((e) => Number(e.id))).toEqual([seq + 1, seq + 2]);
  expect(replayed[0].data.claim).toMatchObject({ status: "false", version: 2 });
  expect(deleted.data).toMatchObject({ claimId: created.body.id, actor: { name: "editor" } });
  expect(deleted.data.claim).toBeUndefined();
  back.close();
});

test("presence names who has the article open, and a client that hangs up drops out", async () => {
  const viewer = openStream(server, `/api/v1/articles/${articleId}/events`, cookie("viewer"));
  await viewer.ready;
  const editor = openStream(server, `/api/v1/articles/${articleId}/events`, cookie("editor"));
  await editor.ready;
  await viewer.waitFor((e) => e.event === "presence" && e.data.people.some((p: { name: string }) => p.name === "editor"));
  const count = viewer.events.length;
  editor.close();
  const after = await viewer.waitFor((e, ) => e.event === "presence" && viewer.events.indexOf(e) >= count);
  expect(after.data.people.map((p: { name: string }) => p.name)).toEqual(["viewer"]);
  viewer.close();
});
