/**
 * End to end: the article page reads its text as its own request (GET /api/v1/articles/:id/text,
 * for the revision the page rendered), not inside its HTML. While the text is on its way the page
 * says so (a status line, the text's box busy), the page's preload is the only request for it, and
 * a claim made on the text that arrives has the exact offsets. A text that cannot be read says why
 * and can be read again; an article edited while it is open shows its new text.
 */
import type { Page, Route } from "playwright-core";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { PASSWORD, seedUsers, testDb } from "../support/fixtures";
import { openBrowser, screenshotIfAsked, selectWithMouse, signInThroughForm, waitForHydration } from "../support/browser";

jest.setTimeout(180_000);

const shot = (page: Page, name: string) => screenshotIfAsked(page, name);

const ENGLISH = "The ministry said on Tuesday that exports rose by 12 percent in the first half of the year, the fastest pace since 2011, while imports fell.";
/** Only in the middle of the long article. */
const MIDDLE = "Customs officials counted 7,351 containers at the northern port in March.";

let server: TestServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let users: Awaited<ReturnType<typeof seedUsers>>;
let api: ApiClient;
let long: { id: string; body: string };

beforeAll(async () => {
  users = await seedUsers();
  server = await startServer();
  browser = await openBrowser();
  api = new ApiClient(server.url);
  expect((await api.signIn(users.editor.email, PASSWORD)).status).toBe(200);
  const paragraphs = Array.from({ length: 400 }, (_, i) => `Paragraph ${i + 1}. ${ENGLISH} ${ENGLISH}`);
  paragraphs.splice(200, 0, `Привет из Москвы. ${MIDDLE} 中文段落。`);
  const made = await api.post("/api/v1/articles", { title: "A long report", body: paragraphs.join("\n\n"), outlet: "Test" });
  expect(made.status).toBe(201);
  long = { id: made.body.id, body: made.body.body };
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await testDb().$disconnect();
});

const textRequests = (id: string) => new RegExp(`/api/v1/articles/${id}/text\\?revision=\\d+$`);

test("while the text loads the page says so; the preload is its only request; a claim made on it has the exact offsets", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  const requested: string[] = [];
  page.on("request", (r) => {
    if (textRequests(long.id).test(r.url())) requested.push(r.url());
  });
  // Hold the text back until the loading state has been seen.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(textRequests(long.id), async (route: Route) => {
    await released;
    await route.continue();
  });

  await page.goto(`${server.url}/articles/${long.id}`, { waitUntil: "commit" });
  const status = page.getByRole("status").filter({ hasText: "Loading the article text…" });
  await status.waitFor();
  expect(await page.locator("[aria-busy=true]").filter({ has: status }).count()).toBe(1);
  await waitForHydration(page, "h1");
  await shot(page, "article-text-loading");
  // The page itself does not carry the text: its HTML has none of it.
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  expect(html).not.toContain(MIDDLE);
  expect(html).toContain(`/api/v1/articles/${long.id}/text?revision=1`);

  release();
  await waitForHydration(page, "[role=document]");
  await page.waitForFunction((length) => {
    let n = 0;
    document.querySelectorAll("[role=document] [data-start]:not([data-block])").forEach((el) => (n += el.textContent?.length ?? 0));
    return n === length;
  }, long.body.length);
  expect(await page.locator("[aria-busy=true]").count()).toBe(0);
  expect(await status.count()).toBe(0);
  expect(requested).toEqual([`${server.url}/api/v1/articles/${long.id}/text?revision=1`]);

  await page.getByText(MIDDLE).scrollIntoViewIfNeeded();
  await selectWithMouse(page, MIDDLE);
  await page.getByRole("button", { name: "Add claim" }).click();
  await page.locator("section[aria-labelledby=claim-editor-title] blockquote").waitFor();
  const claims = (await api.get(`/api/v1/articles/${long.id}`)).body.claims as { quote: string; start: number; end: number }[];
  const start = long.body.indexOf(MIDDLE);
  expect(claims).toEqual([expect.objectContaining({ quote: MIDDLE, start, end: start + MIDDLE.length })]);
  await shot(page, "article-text-loaded");
});

test("a text that cannot be read says why, and is read on Try again", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  await page.route(textRequests(long.id), (route) => route.fulfill({ status: 503, contentType: "application/json", body: '{"error":{"code":"unavailable","message":"Down"}}' }));
  await page.goto(`${server.url}/articles/${long.id}`);
  const alert = page.getByRole("alert").filter({ hasText: "The article text could not be loaded (error 503)." });
  await alert.waitFor();
  await shot(page, "article-text-error");
  await page.unroute(textRequests(long.id));
  await page.getByRole("button", { name: "Try again" }).click();
  await waitForHydration(page, "[role=document]");
  await page.locator("[role=document]").getByText(MIDDLE).waitFor({ state: "attached" });
  expect(await alert.count()).toBe(0);
});

test("an article edited while it is open shows its new text", async () => {
  const demo = await testDb().article.create({
    data: { title: "Short piece", body: "First sentence of the piece.\n\nSecond sentence.", revision: 1, revisions: { create: { revision: 1, title: "Short piece", body: "First sentence of the piece.\n\nSecond sentence.", source: "import" } } },
    select: { id: true },
  });
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  await page.goto(`${server.url}/articles/${demo.id}`);
  await waitForHydration(page, "[role=document]");
  await page.locator("[role=document]").getByText("Second sentence.").waitFor();
  const edited = await api.put(`/api/v1/articles/${demo.id}`, { revision: 1, body: "First sentence of the piece.\n\nA new second sentence, added by the editor." });
  expect(edited.status).toBe(200);
  await page.locator("[role=document]").getByText("A new second sentence, added by the editor.").waitFor();
  expect(await page.locator("[role=document]").textContent()).not.toContain("\nSecond sentence.");
});

test("on a phone the loading state stands where the text will be, and the demo article reads as before", async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(textRequests(long.id), async (route: Route) => {
    await released;
    await route.continue();
  });
  await page.goto(`${server.url}/articles/${long.id}`);
  const status = page.getByRole("status").filter({ hasText: "Loading the article text…" });
  await status.waitFor();
  expect(await status.isVisible()).toBe(true);
  await shot(page, "article-text-loading-phone");
  release();
  await page.locator("[role=document]").getByText("Paragraph 1.", { exact: false }).first().waitFor();
  await shot(page, "article-text-loaded-phone");

  const demo = await testDb().article.findFirstOrThrow({ where: { title: { startsWith: "Xi to visit" } }, select: { id: true, body: true } });
  await page.goto(`${server.url}/articles/${demo.id}`);
  await waitForHydration(page, "[role=document]");
  const first = demo.body.slice(0, 40);
  await page.locator("[role=document]").getByText(first, { exact: false }).first().waitFor();
  await shot(page, "article-demo-phone");
  await page.setViewportSize({ width: 1400, height: 1000 });
  await shot(page, "article-demo-desktop");
});

test("a long text is drawn in sections of blocks; a selection across two sections makes a claim with the exact quote", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  await page.goto(`${server.url}/articles/${long.id}`);
  await waitForHydration(page, "[role=document]");
  await page.waitForSelector("[role=document] [data-section] [data-block]");
  const edge = await page.evaluate(() => Number((document.querySelector("[role=document] [data-section]")!.lastElementChild as HTMLElement).dataset.end));
  expect(long.body.slice(edge - 2, edge)).toBe("\n\n");
  const from = long.body.lastIndexOf("while imports fell.", edge);
  const to = edge + /^Paragraph \d+\./.exec(long.body.slice(edge))![0].length;
  const text = long.body.slice(from, to);
  await page.locator("[role=document] [data-section]").first().evaluate((el) => el.lastElementChild!.scrollIntoView({ block: "center" }));
  await selectWithMouse(page, text);
  await page.getByRole("button", { name: "Add claim" }).click();
  await page.locator("section[aria-labelledby=claim-editor-title] blockquote").waitFor();
  const claims = (await api.get(`/api/v1/articles/${long.id}`)).body.claims as { quote: string; start: number; end: number }[];
  expect(claims).toContainEqual(expect.objectContaining({ quote: text, start: from, end: to }));
});

test("claim-free sections are drawn without React, the whole text stays in the page, and claims at the end and across a drawn edge keep exact offsets", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  await page.goto(`${server.url}/articles/${long.id}`);
  await waitForHydration(page, "[role=document]");
  await page.waitForSelector("[role=document] [data-section] [data-block]");
  /** Per section: whether React drew its blocks (a React element carries its props on itself), and its text range. */
  const sections = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>("[role=document] [data-section]")).map((s) => {
        const first = s.firstElementChild as HTMLElement;
        const last = s.lastElementChild as HTMLElement;
        return { react: Object.keys(first).some((k) => k.startsWith("__reactProps$")), start: Number(first.dataset.start), end: Number(last.dataset.end) };
      }),
    );
  const before = await sections();
  const last = before[before.length - 1];
  // No claim in the last two sections: their blocks are plain DOM, with the same offsets.
  expect(before.slice(-2).map((s) => s.react)).toEqual([false, false]);
  expect(last.end).toBe(long.body.length);
  // Every character of the text is in the page (find in page and screen readers reach it all).
  const text = await page.evaluate(() => Array.from(document.querySelectorAll("[role=document] [data-start]:not([data-block])"), (el) => el.textContent).join(""));
  expect(text).toBe(long.body);
  expect(await page.evaluate(() => (window as unknown as { find: (s: string) => boolean }).find("Paragraph 400. The ministry"))).toBe(true);

  // A claim at the very end of the text.
  const ending = long.body.slice(long.body.lastIndexOf("Paragraph 400."));
  await page.evaluate(() => window.getSelection()?.removeAllRanges());
  await selectWithMouse(page, ending);
  await page.getByRole("button", { name: "Add claim" }).click();
  await page.locator("section[aria-labelledby=claim-editor-title] blockquote").waitFor();
  let claims = (await api.get(`/api/v1/articles/${long.id}`)).body.claims as { id: string; quote: string; start: number; end: number }[];
  const made = claims.find((c) => c.end === long.body.length);
  expect(made).toEqual(expect.objectContaining({ quote: ending, start: long.body.length - ending.length }));
  // Its highlight and label are drawn (through React now) and reachable with the keyboard.
  const label = page.locator(`[role=document] button[data-claim-id="${made!.id}"]`);
  await label.focus();
  expect(await label.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await page.locator(`[role=document] [data-claims~="${made!.id}"]`).count()).toBeGreaterThan(0);
  const after = await sections();
  expect(after.map((s) => [s.start, s.end])).toEqual(before.map((s) => [s.start, s.end]));
  expect(after.slice(-2).map((s) => s.react)).toEqual([false, true]);

  // A selection from the plain section into the one drawn by React.
  const edge = last.start;
  const from = long.body.lastIndexOf("while imports fell.", edge);
  const to = edge + /^Paragraph \d+\./.exec(long.body.slice(edge))![0].length;
  const across = long.body.slice(from, to);
  await selectWithMouse(page, across);
  await page.getByRole("button", { name: "Add claim" }).click();
  // The new claim opens in the panel (its editor replaces the one before).
  await page.waitForFunction((n) => document.querySelectorAll("[role=document] button[data-claim-id]").length === n, claims.length + 1);
  claims = (await api.get(`/api/v1/articles/${long.id}`)).body.claims;
  expect(claims).toContainEqual(expect.objectContaining({ quote: across, start: from, end: to }));
  await shot(page, "article-text-end-claims");
});
