/**
 * Importing real pages: POST /articles/import (URL or HTML, preview), safe fetching with reasons
 * for every refusal, and POST /articles/:id/refresh ("check for changes", held when it would
 * orphan many claims). A local page server on 127.0.0.1 is allowed through the admin setting.
 */
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, testDb, PASSWORD } from "../support/fixtures";
import { startPageServer, type Page } from "../support/page-server";

// Several HTTP round trips per test on a shared machine: a generous ceiling, not a time limit under test.
jest.setTimeout(60_000);

let server: TestServer;
let pages: Awaited<ReturnType<typeof startPageServer>>;
let other: Awaited<ReturnType<typeof startPageServer>>;
let editor: ApiClient;
let checker: ApiClient;
const routes = new Map<string, Page | (() => Page)>();

const paragraphs = [
  "The council approved a budget of $4.2 billion on Tuesday, the largest in the city's history.",
  "Mayor Ana Ruiz said the plan would hire 300 new teachers by September.",
  "Property taxes will rise by 3.5% for most homeowners, according to the finance department.",
  "Councillor Tom Hale accused the mayor of hiding a deficit, which her office denied.",
];
const articleHtml = (paras: string[]) => `<!doctype html><html><head><title>Budget approved | City Wire</title>
<link rel="canonical" href="/news/budget"><meta property="og:site_name" content="City Wire">
<meta property="article:published_time" content="2024-05-01T08:00:00Z"><meta name="author" content="Jo Reporter"></head>
<body><nav><a href="/">Home</a> · <a href="/news">News</a> · <a href="/sport">Sport</a></nav><script>document.write("ad")</script>
<article><h1>Budget approved</h1>${paras.map((p) => `<p>${p}</p>`).join("\n")}</article>
<footer>Subscribe to City Wire. © 2024</footer></body></html>`;
let current = paragraphs;

beforeAll(async () => {
  await seedUsers();
  pages = await startPageServer(routes);
  other = await startPageServer(routes);
  routes.set("/news/budget", () => ({ body: articleHtml(current) }));
  routes.set("/gz", { body: articleHtml(paragraphs), gzip: true });
  routes.set("/pdf", { type: "application/pdf", body: "%PDF-1.4" });
  routes.set("/big", { body: "<p>" + "x".repeat(6 * 1024 * 1024) + "</p>" });
  routes.set("/bomb", { body: "<p>" + " ".repeat(20 * 1024 * 1024) + "</p>", gzip: true });
  routes.set("/to-private", { status: 302, headers: { location: `http://localhost:${0}/news/budget` } });
  routes.set("/loop", { status: 302, headers: { location: "/loop" } });
  routes.set("/paywall", { body: "<html><body><p>Subscribe to read this article. Already a subscriber? Sign in.</p></body></html>" });
  // Only the first server is allowed; the second (same address, other port) is not.
  await testDb().setting.upsert({
    where: { key: "security.importAllowedHosts" },
    create: { key: "security.importAllowedHosts", value: JSON.stringify([`127.0.0.1:${pages.port}`]) },
    update: { value: JSON.stringify([`127.0.0.1:${pages.port}`]) },
  });
  routes.set("/to-private", { status: 302, headers: { location: `http://localhost:${other.port}/news/budget` } });
  server = await startServer();
  editor = new ApiClient(server.url);
  checker = new ApiClient(server.url);
  expect((await editor.signIn("editor@example.com", PASSWORD)).status).toBe(200);
  expect((await checker.signIn("checker@example.com", PASSWORD)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await pages?.close();
  await other?.close();
});

describe("import from a URL", () => {
  it("previews the main text with paragraphs and the page's metadata, without navigation or scripts", async () => {
    const r = await editor.post("/api/v1/articles/import", { url: `${pages.url}/news/budget?utm=x`, preview: true });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      byline: "Jo Reporter",
      outlet: "City Wire",
      publishedAt: "2024-05-01T08:00:00.000Z",
      sourceUrl: `${pages.url}/news/budget`,
      body: paragraphs.join("\n\n"),
    });
    expect(r.body.title).toContain("Budget approved");
    expect(r.body.body).not.toMatch(/Home|Subscribe|document\.write/);
    expect(await testDb().article.count({ where: { sourceUrl: `${pages.url}/news/budget` } })).toBe(0);
  });

  it("saves the article when not a preview, and reads compressed pages", async () => {
    const r = await editor.post("/api/v1/articles/import", { url: `${pages.url}/gz` });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ revision: 1, author: "Jo Reporter", body: paragraphs.join("\n\n") });
  });

  it("imports an uploaded HTML file", async () => {
    const r = await editor.post("/api/v1/articles/import", { html: articleHtml(paragraphs.slice(0, 2)), sourceUrl: "https://city.example/news/budget", preview: true });
    expect(r.status).toBe(200);
    expect(r.body.body).toBe(paragraphs.slice(0, 2).join("\n\n"));
    expect(r.body.sourceUrl).toBe("https://city.example/news/budget");
  });

  it.each([
    ["a loopback address not on the allowlist", () => `${other.url}/news/budget`, /loopback/],
    ["a decimal IP literal for 127.0.0.1", () => `http://2130706433:${other.port}/`, /loopback/],
    ["an IPv4-mapped IPv6 address", () => `http://[::ffff:127.0.0.1]:${other.port}/`, /IPv4-mapped|private|loopback/],
    ["the cloud metadata address", () => "http://169.254.169.254/latest/meta-data/", /link-local/],
    ["a file URL", () => "file:///etc/passwd", /Only http and https/],
    ["a redirect to a name resolving to loopback", () => `${pages.url}/to-private`, /loopback/],
    ["endless redirects", () => `${pages.url}/loop`, /redirected more than/],
    ["a PDF", () => `${pages.url}/pdf`, /not a web page/],
    ["a page over the size limit", () => `${pages.url}/big`, /larger than the import limit/],
    ["a compressed page that is too large once decompressed", () => `${pages.url}/bomb`, /once decompressed/],
    ["a missing page", () => `${pages.url}/nope`, /answered 404/],
  ])("refuses %s with a 422 saying why", async (_name, url, why) => {
    const r = await editor.post("/api/v1/articles/import", { url: url(), preview: true });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("fetch_refused");
    expect(r.body.error.message).toMatch(why);
  });

  it("is for editors and admins only, and needs a url or html", async () => {
    expect((await checker.post("/api/v1/articles/import", { url: `${pages.url}/news/budget`, preview: true })).status).toBe(403);
    const r = await editor.post("/api/v1/articles/import", { preview: true });
    expect(r.status).toBe(422);
    expect(r.body.error.details.fields.url).toBeDefined();
  });
});

describe("check for changes", () => {
  it("makes a new revision when the page changed, holds a change that would orphan most claims, and applies it on confirm", async () => {
    current = paragraphs;
    const created = await editor.post("/api/v1/articles/import", { url: `${pages.url}/news/budget` });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await editor.post(`/api/v1/articles/${id}/refresh`, {})).body).toMatchObject({ changed: false, revision: 1 });

    for (const p of paragraphs) {
      const start = created.body.body.indexOf(p);
      const c = await checker.post(`/api/v1/articles/${id}/claims`, { revision: 1, start, end: start + p.length });
      expect({ status: c.status, error: c.body.error }).toEqual({ status: 201, error: undefined });
    }
    // A stealth edit: one sentence changed quietly.
    current = [paragraphs[0], "Mayor Ana Ruiz said the plan would hire 250 new teachers by September.", paragraphs[2], paragraphs[3]];
    const changed = await editor.post(`/api/v1/articles/${id}/refresh`, {});
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ changed: true, revision: 2 });
    const revs = await editor.get(`/api/v1/articles/${id}/revisions`);
    expect(revs.body.revisions.map((r: any) => r.source)).toEqual(["import", "refresh"]);

    // The page turns into a paywall: held, nothing changes until confirmed.
    routes.set("/news/budget", { body: "<html><body><article><p>Subscribe to continue reading. This article is for subscribers only, sign in or create an account to read the rest of it today.</p></article></body></html>" });
    const held = await editor.post(`/api/v1/articles/${id}/refresh`, {});
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ changed: true, held: true, revision: 2 });
    expect(held.body.summary.message).toMatch(/would no longer be found/);
    expect((await editor.get(`/api/v1/articles/${id}`)).body.revision).toBe(2);
    const confirmed = await editor.post(`/api/v1/articles/${id}/refresh`, { confirm: true });
    expect(confirmed.body).toMatchObject({ changed: true, revision: 3 });
    const after = await editor.get(`/api/v1/articles/${id}`);
    expect(after.body.claims.every((c: any) => c.anchor === "orphaned" && c.start === null)).toBe(true);
  });

  it("says why when the article has no source URL", async () => {
    const a = await editor.post("/api/v1/articles", { title: "Pasted", body: "Some pasted text." });
    const r = await editor.post(`/api/v1/articles/${a.body.id}/refresh`, {});
    expect(r.status).toBe(422);
  });
});
