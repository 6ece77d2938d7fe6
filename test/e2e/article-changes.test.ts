/**
 * End to end: an article changes under its claims. A moved claim is confirmed and an orphaned one
 * re-attached from the anchor panel; a suggested claim is accepted with one key; the revisions page
 * shows the word-level diff; a page is imported from an HTML file with a preview to correct.
 */
import type { Page } from "playwright-core";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { PASSWORD, seedUsers, testDb } from "../support/fixtures";
import { openBrowser, screenshotIfAsked, selectWithMouse, signInThroughForm, waitForHydration } from "../support/browser";

jest.setTimeout(180_000);

const shot = (page: Page, name: string) => screenshotIfAsked(page, name, true);

let server: TestServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let article: { id: string; body: string };
let users: Awaited<ReturnType<typeof seedUsers>>;
let api: ApiClient;

const EDITED = "Putin attended the opening of the Winter Olympics in Beijing last year";
const REMOVED = "the two leaders met in person at a regional security summit in Uzbekistan last September";

beforeAll(async () => {
  users = await seedUsers();
  article = await testDb().article.findFirstOrThrow({ select: { id: true, body: true } });
  server = await startServer();
  browser = await openBrowser();
  api = new ApiClient(server.url);
  expect((await api.signIn(users.editor.email, PASSWORD)).status).toBe(200);
  for (const quote of [EDITED, REMOVED]) {
    const start = article.body.indexOf(quote);
    expect((await api.post(`/api/v1/articles/${article.id}/claims`, { revision: 1, start, end: start + quote.length })).status).toBe(201);
  }
  const body = article.body.replace(EDITED, "Putin had attended the opening of the Winter Olympics in Beijing last year").replace(REMOVED, "they spoke at length");
  expect((await api.put(`/api/v1/articles/${article.id}`, { revision: 1, body, note: "Outlet rewrote paragraph 2" })).status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await testDb().$disconnect();
});

test("moved and orphaned claims are listed on the article and settled there; a suggestion is accepted with one key", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  await page.goto(`${server.url}/articles/${article.id}`);
  await waitForHydration(page, "[role=document]");
  const panel = page.locator("section[aria-labelledby=anchors-title]");
  await panel.getByText("Moved — confirm the new words").waitFor();
  expect(await panel.getByText("Moved — confirm the new words").count()).toBe(1);
  expect(await panel.getByText("Not found in this revision").count()).toBe(1);
  expect(await panel.getByText(REMOVED).count()).toBe(1);
  await shot(page, "article-anchors");

  await panel.getByRole("button", { name: "Confirm the move" }).click();
  await panel.getByText("Moved — confirm the new words").waitFor({ state: "detached" });

  await selectWithMouse(page, "they spoke at length");
  await panel.getByRole("button", { name: "Re-attach to selected text" }).click();
  await panel.waitFor({ state: "detached" });
  const claims = (await api.get(`/api/v1/articles/${article.id}`)).body.claims;
  expect(claims.map((c: any) => c.anchor)).toEqual(["exact", "exact"]);
  expect(claims.find((c: any) => c.quote === "they spoke at length")).toBeDefined();

  // Suggestions: a disclosure, closed at first; open, faint marks and a list; "a" accepts the focused one as a claim.
  await page.getByRole("button", { name: /Suggested claims/ }).click();
  const list = page.locator("ol[aria-label='Suggested claims']");
  await list.focus();
  const first = await page.locator("[data-suggestion]").first().locator("p").first().textContent();
  await shot(page, "article-suggestions");
  await Promise.all([page.waitForEvent("load"), page.keyboard.press("a")]);
  const after = (await api.get(`/api/v1/articles/${article.id}`)).body.claims;
  expect(after.map((c: any) => c.quote)).toContain(first);
});

test("the revisions page shows what changed, word by word, and the claims in each revision", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.viewer.email, PASSWORD);
  await page.goto(`${server.url}/articles/${article.id}/revisions`);
  expect(await page.getByText("Outlet rewrote paragraph 2").count()).toBe(1);
  expect(await page.locator("ins", { hasText: "had" }).count()).toBeGreaterThan(0);
  expect(await page.locator("del", { hasText: "Uzbekistan" }).count()).toBeGreaterThan(0);
  await shot(page, "revisions");
  await page.goto(`${server.url}/anchors`);
  await shot(page, "anchors");
});

test("an editor imports a page from an HTML file and corrects the preview before saving", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.editor.email, PASSWORD);
  await page.goto(`${server.url}/articles/new`);
  await waitForHydration(page, "form");
  const html = `<html><head><title>Budget approved | City Wire</title><meta property="og:site_name" content="City Wire"><meta name="author" content="Jo Reporter"></head><body><nav><a href="/">Home</a></nav><article><h1>Budget approved</h1><p>The council approved a budget of $4.2 billion on Tuesday, the largest in the city's history.</p><p>Mayor Ana Ruiz said the plan would hire 300 new teachers by September.</p></article></body></html>`;
  await page.getByLabel("…or upload the page as an .html file").setInputFiles({ name: "budget.html", mimeType: "text/html", buffer: Buffer.from(html) });
  const preview = page.locator("form[aria-label='Preview to correct before saving']");
  await preview.waitFor();
  expect(await preview.getByLabel("Outlet").inputValue()).toBe("City Wire");
  expect(await preview.getByLabel("Author").inputValue()).toBe("Jo Reporter");
  expect(await preview.getByLabel("Text").inputValue()).toContain("Mayor Ana Ruiz said");
  await preview.getByLabel("Title").fill("Budget approved");
  await shot(page, "import-preview");
  await Promise.all([page.waitForURL(/\/articles\/(?!new)[^/]+$/), preview.getByRole("button", { name: "Save article" }).click()]);
  expect(await page.getByRole("heading", { name: "Budget approved" }).count()).toBe(1);
});
