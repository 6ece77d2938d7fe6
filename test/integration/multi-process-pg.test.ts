/**
 * Two app processes on one PostgreSQL database behave as one app: a write through process A
 * reaches an event stream open on process B (through LISTEN/NOTIFY: the safety-net poll is turned
 * off here, so nothing else could carry it), who has the article open on A shows on B, a session
 * made on A works on B, and sign-in failures on A count toward the throttle on B.
 *
 * PostgreSQL only (`npm run test:integration:pg`, which fails under REQUIRE_POSTGRES=1 when it
 * has no PostgreSQL to run on); on the SQLite pass it is skipped.
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { openSse } from "../support/sse";
import { seedUsers, demoArticle, testDb, PASSWORD } from "../support/fixtures";

jest.setTimeout(120_000);

const onPostgres = (process.env.DATABASE_URL ?? "").startsWith("postgres");

if (!onPostgres) {
  const why = "multi-process test: needs PostgreSQL (run `npm run test:integration:pg` or set TEST_POSTGRES_URL)";
  console.log(`${why}: skipped on SQLite.`);
  test.skip(why, () => {});
} else {
  let a: TestServer;
  let b: TestServer;
  let articleId: string;
  let body: string;

  beforeAll(async () => {
    await seedUsers();
    ({ id: articleId, body } = await demoArticle());
    // No safety-net poll: only a NOTIFY (or the 10 s presence heartbeat) can tell B about A's changes.
    const env = { EVENTS_POLL_MS: String(10 * 60_000) };
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await testDb().$disconnect();
  });

  async function signedIn(server: TestServer, who: string): Promise<ApiClient> {
    const c = new ApiClient(server.url);
    expect((await c.signIn(`${who}@example.com`, PASSWORD)).status).toBe(200);
    return c;
  }

  test("a session made on A works on B", async () => {
    const onA = await signedIn(a, "viewer");
    const onB = await fetch(`${b.url}/api/v1/me`, { headers: { cookie: onA.cookieHeader } });
    expect(onB.status).toBe(200);
    expect(await onB.json()).toMatchObject({ name: "viewer" });
  });

  test("a write through A arrives on B's event stream, and who has the article open on A shows on B", async () => {
    const viewerOnB = await signedIn(b, "viewer");
    const stream = openSse(`${b.url}/api/v1/articles/${articleId}/events`, { cookie: viewerOnB.cookieHeader });
    expect((await stream.ready).status).toBe(200);
    await stream.waitFor((e) => e.event === "presence");

    // The editor opens the article on A: B's viewer sees them.
    const editorOnA = await signedIn(a, "editor");
    const editorStream = openSse(`${a.url}/api/v1/articles/${articleId}/events`, { cookie: editorOnA.cookieHeader });
    expect((await editorStream.ready).status).toBe(200);
    const both = await stream.waitFor((e) => e.event === "presence" && e.data.people.some((p: { name: string }) => p.name === "editor"));
    expect(both.data.people.map((p: { name: string }) => p.name)).toEqual(["editor", "viewer"]);

    // A checker writes through A.
    const checkerOnA = await signedIn(a, "checker");
    const start = body.indexOf("Xi last visited");
    const t0 = performance.now();
    const created = await checkerOnA.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, start, end: start + 10 });
    const acknowledged = performance.now();
    expect(created.status).toBe(201);
    const event = await stream.waitFor((e) => e.event === "claim.created" && e.data.claimId === created.body.id);
    console.log(`multi-process: A's write (acknowledged after ${(acknowledged - t0).toFixed(0)} ms) reached B's stream ${(event.at - acknowledged).toFixed(0)} ms after its acknowledgement`);
    const seq = (await testDb().article.findUniqueOrThrow({ where: { id: articleId } })).changeSeq;
    expect(event.id).toBe(String(seq));
    expect(event.data).toMatchObject({ claimId: created.body.id, actor: { name: "checker" }, claim: { quote: created.body.quote } });

    // Order is kept across processes: two more writes on A arrive on B in sequence.
    expect((await checkerOnA.patch(`/api/v1/claims/${created.body.id}`, { version: 1, status: "false" })).status).toBe(200);
    expect((await editorOnA.delete(`/api/v1/claims/${created.body.id}`)).status).toBe(204);
    await stream.waitFor((e) => e.event === "claim.deleted" && e.data.claimId === created.body.id);
    const mine = stream.events.filter((e) => e.id && Number(e.id) >= seq).map((e) => [Number(e.id), e.event]);
    expect(mine).toEqual([
      [seq, "claim.created"],
      [seq + 1, "claim.updated"],
      [seq + 2, "claim.deleted"],
    ]);

    // The editor closes the article on A: B's viewer no longer sees them.
    const count = stream.events.length;
    editorStream.close();
    const after = await stream.waitFor((e) => e.event === "presence" && stream.events.indexOf(e) >= count);
    expect(after.data.people.map((p: { name: string }) => p.name)).toEqual(["viewer"]);
    stream.close();
  });

  test("a process whose LISTEN connection drops reconnects and catches up on what was said meanwhile", async () => {
    const viewerOnB = await signedIn(b, "viewer");
    const checkerOnA = await signedIn(a, "checker");
    const stream = openSse(`${b.url}/api/v1/articles/${articleId}/events`, { cookie: viewerOnB.cookieHeader });
    expect((await stream.ready).status).toBe(200);
    await stream.waitFor((e) => e.event === "presence");
    const listeners = () =>
      testDb().$queryRaw<{ pid: number }[]>`
        SELECT pid FROM pg_stat_activity WHERE application_name = 'claimcheck-listen' AND datname = current_database()`;
    expect((await listeners()).length).toBe(2);
    // Both processes lose their LISTEN connection; a claim is written before they are back.
    await testDb().$queryRaw`
      SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'claimcheck-listen' AND datname = current_database()`;
    const start = body.indexOf("Xi last visited");
    const created = await checkerOnA.post(`/api/v1/articles/${articleId}/claims`, { revision: 1, start, end: start + 10 });
    expect(created.status).toBe(201);
    await stream.waitFor((e) => e.event === "claim.created" && e.data.claimId === created.body.id);
    // And what is written after the reconnect arrives too.
    while ((await listeners()).length < 2) await new Promise((r) => setTimeout(r, 100));
    expect((await checkerOnA.patch(`/api/v1/claims/${created.body.id}`, { version: 1, status: "true" })).status).toBe(200);
    await stream.waitFor((e) => e.event === "claim.updated" && e.data.claimId === created.body.id);
    expect(a.output() + b.output()).toContain("Article event listener lost its connection");
    stream.close();
  });

  test("sign-in failures on A count toward the throttle on B", async () => {
    const onA = new ApiClient(a.url);
    for (let i = 0; i < 5; i++) expect((await onA.signIn("checker2@example.com", "not the password")).status).toBe(401);
    const onB = new ApiClient(b.url);
    const sixth = await onB.signIn("checker2@example.com", PASSWORD);
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get("retry-after")).toMatch(/^\d+$/);
  });
}
