/**
 * End to end: a checker marks a claim in the demo article with the mouse, gives it a verdict and
 * evidence, and the claim survives a reload, the Markdown report and the API; a viewer can read
 * but not annotate. Runs the production build in Debian's Chromium.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { PASSWORD, seedUsers, testDb } from "../support/fixtures";
import { openBrowser, selectWithMouse, signInThroughForm, waitForHydration } from "../support/browser";

jest.setTimeout(180_000);

const QUOTE = "Xi last visited Russia in 2019";
const EVIDENCE_URL = "https://www.example.org/xi-2019";
const EVIDENCE_TITLE = "Kremlin archive: Xi's 2019 state visit";

let server: TestServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let article: { id: string; title: string; body: string };
let users: Awaited<ReturnType<typeof seedUsers>>;

beforeAll(async () => {
  users = await seedUsers();
  article = await testDb().article.findFirstOrThrow({ select: { id: true, title: true, body: true } });
  server = await startServer();
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await testDb().$disconnect();
});

const newPage = () => browser.newPage();

/** From the articles list to the demo article's page, hydrated. */
async function openDemoArticle(page: Page) {
  await Promise.all([page.waitForURL(`**/articles/${article.id}`), page.getByRole("link", { name: article.title }).click()]);
  await waitForHydration(page, "[role=document]");
}

test("a checker marks a claim with the mouse, sets a verdict, adds evidence, and it survives a reload and the report", async () => {
  const page = await newPage();
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  await openDemoArticle(page);

  // Select the sentence with the mouse, as a person would.
  const { start } = await selectWithMouse(page, QUOTE);
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(QUOTE);
  const addClaim = page.getByRole("button", { name: "Add claim" });
  await addClaim.waitFor();
  await addClaim.click();

  // The new claim opens in the editor.
  const editor = page.locator("section[aria-labelledby=claim-editor-title]");
  await editor.locator("blockquote", { hasText: QUOTE }).waitFor();
  // Its badge sits where the quote ends.
  const badge = page.locator(`[role=document] [data-badge][data-at="${start + QUOTE.length}"]`);
  await expect(badge.count()).resolves.toBe(1);
  const claimId = (await badge.getAttribute("data-claim-id"))!;
  expect(claimId).toBeTruthy();

  // Verdict: True, saved.
  await page.selectOption("#claim-status", { label: "True" });
  await editor.getByRole("button", { name: "Save" }).click();
  await editor.getByText("Saved.").waitFor();
  await expect(badge.textContent()).resolves.toContain("True");

  // An evidence link, listed once added.
  await editor.locator("input[name=url]").fill(EVIDENCE_URL);
  await editor.locator("input[name=title]").fill(EVIDENCE_TITLE);
  await editor.locator("select[name=stance]").selectOption("supports");
  await editor.getByRole("button", { name: "Add evidence" }).click();
  const listed = editor.getByRole("link", { name: EVIDENCE_TITLE });
  await listed.waitFor();
  expect(await listed.getAttribute("href")).toBe(EVIDENCE_URL);

  // After a reload everything comes from the server.
  await page.reload();
  await waitForHydration(page, "[role=document]");
  const reloadedBadge = page.locator(`[role=document] [data-badge][data-claim-id="${claimId}"]`);
  await expect(reloadedBadge.textContent()).resolves.toContain("True");
  await expect(reloadedBadge.getAttribute("aria-label")).resolves.toMatch(/True$/);
  const highlighted = await page.$$eval(`[role=document] span.claim-mark`, (spans, id) =>
    spans.filter((s) => (s.getAttribute("data-claims") ?? "").split(" ").includes(id)).map((s) => s.textContent).join(""),
    claimId,
  );
  expect(highlighted).toBe(QUOTE);
  const sideItem = page.locator("aside[aria-label=Claims] li", { hasText: QUOTE });
  await expect(sideItem.count()).resolves.toBe(1);
  await expect(sideItem.textContent()).resolves.toContain("True");

  const shotDir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-e2e-"));
  const shot = path.join(shotDir, "article-after-reload.png");
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`Screenshot of the article page after reload: ${shot}`);

  // The Markdown report, downloaded through the page's Export menu.
  await page.getByRole("button", { name: /Export report/ }).click();
  await page.getByRole("radio", { name: "Markdown" }).check();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download Markdown" }).click()]);
  const report = readFileSync((await download.path())!, "utf8");
  expect(report).toContain(QUOTE);
  expect(report).toContain("True");
  expect(report).toContain(EVIDENCE_URL);
  expect(download.suggestedFilename()).toMatch(/\.md$/);

  // The API, with the page's own session cookie, and the database agree on the stored selectors.
  const res = await page.context().request.get(`${server.url}/api/v1/articles/${article.id}`);
  expect(res.status()).toBe(200);
  const fromApi = await res.json();
  const apiClaim = fromApi.claims.find((c: { id: string }) => c.id === claimId);
  expect(apiClaim).toMatchObject({ start, end: start + QUOTE.length, quote: QUOTE, status: "true" });
  expect(fromApi.body.slice(apiClaim.start, apiClaim.end)).toBe(apiClaim.quote);

  const stored = await testDb().claim.findUniqueOrThrow({
    where: { id: claimId },
    select: { start: true, end: true, quote: true, statusKey: true, article: { select: { body: true } }, evidence: { select: { url: true, stance: true } } },
  });
  expect(stored.quote).toBe(QUOTE);
  expect(stored.article.body.slice(stored.start, stored.end)).toBe(stored.quote);
  expect(stored.statusKey).toBe("true");
  expect(stored.evidence).toEqual([{ url: EVIDENCE_URL, stance: "supports" }]);
});

test("a viewer can read claims but cannot add or change them, in the page or by calling the API from it", async () => {
  // A claim of the viewer's own to look at, made by a checker over the API (independent of the test above).
  const sentence = "Putin attended the opening of the Winter Olympics in Beijing last year";
  const checker = new ApiClient(server.url);
  expect((await checker.signIn(users.checker2.email, PASSWORD)).status).toBe(200);
  const at = article.body.indexOf(sentence);
  const made = await checker.post(`/api/v1/articles/${article.id}/claims`, { revision: 1, start: at, end: at + sentence.length });
  expect(made.status).toBe(201);

  const page = await newPage();
  await signInThroughForm(page, server.url, users.viewer.email, PASSWORD);
  await openDemoArticle(page);
  await expect(page.getAttribute("[role=document]", "contenteditable")).resolves.toBe("false");

  // Selecting text offers nothing to add.
  const other = "The Chinese leader will be in Russia from Monday to Wednesday";
  await selectWithMouse(page, other);
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(other);
  await page.waitForTimeout(300); // let the mouseup handler run; it must not offer "Add claim"
  await expect(page.getByRole("button", { name: "Add claim" }).count()).resolves.toBe(0);

  // The claim opens read-only.
  await page.locator(`[data-badge][data-claim-id="${made.body.id}"]`).click();
  const editor = page.locator("section[aria-labelledby=claim-editor-title]");
  await editor.locator("blockquote", { hasText: sentence }).waitFor();
  await expect(page.locator("#claim-status").isDisabled()).resolves.toBe(true);
  await expect(editor.getByRole("button", { name: "Save" }).count()).resolves.toBe(0);
  await editor.getByText("No evidence links yet.").waitFor();
  await expect(editor.getByRole("button", { name: "Add evidence" }).count()).resolves.toBe(0);

  // Calling the API from the page (cookie and Origin sent by the browser) is refused.
  const other0 = article.body.indexOf(other);
  const refused = await page.evaluate(
    async ({ id, start, end }) => {
      const r = await fetch(`/api/v1/articles/${id}/claims`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ revision: 1, start, end }),
      });
      return { status: r.status, body: await r.json() };
    },
    { id: article.id, start: other0, end: other0 + other.length },
  );
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toEqual(expect.any(String));
  // Sanity: the same page can read (so the 403 is about the role, not a missing session).
  const readable = await page.evaluate(async (id) => (await fetch(`/api/v1/articles/${id}`)).status, article.id);
  expect(readable).toBe(200);
  await expect(testDb().claim.count({ where: { articleId: article.id, quote: other } })).resolves.toBe(0);
});

test("a checker marks a claim with the keyboard alone: caret, Shift+arrows, Enter, then a verdict", async () => {
  const page = await newPage();
  await signInThroughForm(page, server.url, users.editor.email, PASSWORD);
  await openDemoArticle(page);
  const text = page.locator("[role=document]");
  const before = await page.locator("[data-badge]").count();

  // Put the caret before "The United States", then select the next four words.
  const target = "The United States even";
  const offset = article.body.indexOf(target);
  await text.focus();
  await page.keyboard.press("Control+Home");
  const caretAt = () => page.evaluate(() => {
    const sel = window.getSelection()!;
    const seg = sel.focusNode?.parentElement?.closest<HTMLElement>("[data-start]");
    return seg ? Number(seg.dataset.start) + sel.focusOffset : -1;
  });
  for (let i = 0; i < 400 && (await caretAt()) < offset; i++) await page.keyboard.press("Control+ArrowRight");
  expect(await caretAt()).toBe(offset);
  for (let i = 0; i < 4; i++) await page.keyboard.press("Control+Shift+ArrowRight");
  expect((await page.evaluate(() => String(window.getSelection()))).trim()).toBe(target);

  // Typing changes nothing; Enter adds the claim and moves the focus to its status.
  await page.keyboard.press("x");
  await page.keyboard.press("Enter");
  await page.locator("#claim-status:focus").waitFor();
  expect(await page.locator("[data-badge]").count()).toBe(before + 1);
  await page.keyboard.press("End"); // the last status on the scale: Unproven
  await page.keyboard.press("Control+Enter");
  await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();

  const stored = await testDb().claim.findFirstOrThrow({ where: { articleId: article.id, quote: target } });
  expect(stored.start).toBe(offset);
  expect(stored.statusKey).toBe("unproven");
  expect((await testDb().article.findUniqueOrThrow({ where: { id: article.id } })).body).toBe(article.body);
});

test("an editor approves the checker's verdict, and the report names the reviewer", async () => {
  const claim = await testDb().claim.findFirstOrThrow({ where: { articleId: article.id, quote: QUOTE }, select: { id: true, statusKey: true, reviewState: true } });
  expect(claim).toMatchObject({ statusKey: "true", reviewState: "pending" });
  const page = await newPage();
  await signInThroughForm(page, server.url, users.editor2.email, PASSWORD);
  await openDemoArticle(page);
  await page.locator(`[data-badge][data-claim-id="${claim.id}"]`).click();
  await page.getByRole("button", { name: "✓ Approve verdict" }).click();
  await page.getByText(`Approved by ${users.editor2.name}`).waitFor();
  expect((await testDb().claim.findUniqueOrThrow({ where: { id: claim.id } })).reviewState).toBe("approved");
  const report = await page.evaluate(async (id) => (await fetch(`/api/v1/articles/${id}/report?format=md`)).text(), article.id);
  expect(report).toContain(`Approved by ${users.editor2.name}`);
});

test("an editor imports an article by uploading a .txt file, and a bad source URL is explained in the form", async () => {
  const page = await newPage();
  await signInThroughForm(page, server.url, users.editor.email, PASSWORD);
  await page.getByRole("link", { name: "Import article" }).click();
  await waitForHydration(page, "input[type=file][accept^=\".txt\"]");
  const text = "Kyiv 🇺🇦 said exports rose 40% in 2023.\r\nOfficials confirmed the figure.\r\n";
  await page.locator("input[type=file][accept^=\".txt\"]").setInputFiles({ name: "kyiv-exports.txt", mimeType: "text/plain", buffer: Buffer.from(text) });
  // The file is read asynchronously; the title fills in from its name once it has been read.
  await page.waitForFunction(() => (document.querySelector("input[name=title]") as HTMLInputElement).value !== "");
  expect(await page.locator("input[name=title]").inputValue()).toBe("kyiv-exports");
  // (A textarea reports line breaks as LF.)
  expect(await page.locator("textarea[name=body]").inputValue()).toBe(text.replace(/\r\n/g, "\n"));
  await page.fill("input[name=sourceUrl]", "javascript:alert(1)");
  await page.getByRole("button", { name: "Import article" }).click();
  await page.getByText("Enter a full http:// or https:// address.").waitFor();
  expect(page.url()).toMatch(/\/articles\/new$/);

  await page.fill("input[name=sourceUrl]", "https://news.example/kyiv");
  await Promise.all([page.waitForURL(/\/articles\/(?!new)[^/]+$/), page.getByRole("button", { name: "Import article" }).click()]);
  await waitForHydration(page, "[role=document]");
  expect(await page.locator("h1").textContent()).toBe("kyiv-exports");
  const stored = await testDb().article.findFirstOrThrow({ where: { title: "kyiv-exports" } });
  expect(stored.body).toBe("Kyiv 🇺🇦 said exports rose 40% in 2023.\nOfficials confirmed the figure.\n");
  expect(stored.sourceUrl).toBe("https://news.example/kyiv");
});

test("overlapping and adjacent claims all stay visible and each opens with a click", async () => {
  const api = new ApiClient(server.url);
  expect((await api.signIn(users.checker2.email, PASSWORD)).status).toBe(200);
  const span = (text: string) => {
    const start = article.body.indexOf(text);
    return { start, end: start + text.length };
  };
  const outer = "China has not condemned the invasion and has tried to present itself as a neutral actor";
  const inner = "present itself as a neutral actor";
  const adjacent = " in the conflict";
  const ids: Record<string, string> = {};
  for (const quote of [outer, inner, adjacent]) {
    const r = await api.post(`/api/v1/articles/${article.id}/claims`, { revision: 1, ...span(quote) });
    expect(r.status).toBe(201);
    ids[quote] = r.body.id;
  }

  const page = await newPage();
  await signInThroughForm(page, server.url, users.checker2.email, PASSWORD);
  await openDemoArticle(page);
  const blockquote = page.locator("#claim-editor-title ~ blockquote, section[aria-labelledby=claim-editor-title] blockquote").first();
  for (const quote of [outer, inner, adjacent]) {
    const badge = page.locator(`[data-badge][data-claim-id="${ids[quote]}"]`);
    expect(await badge.isVisible()).toBe(true);
    await badge.click();
    await page.waitForFunction((q) => document.querySelector("section[aria-labelledby=claim-editor-title] blockquote")?.textContent === q, quote);
  }
  expect(await blockquote.textContent()).toBe(adjacent);

  // Clicking text covered by both overlapping claims opens the inner one, then the outer.
  const shared = page.locator(`[data-claims="${ids[inner]} ${ids[outer]}"]`);
  await shared.click();
  await page.waitForFunction((q) => document.querySelector("section[aria-labelledby=claim-editor-title] blockquote")?.textContent === q, inner);
  await shared.click();
  await page.waitForFunction((q) => document.querySelector("section[aria-labelledby=claim-editor-title] blockquote")?.textContent === q, outer);
});

test("unsaved edits survive moving to another claim and back, and are marked in the list", async () => {
  const page = await newPage();
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  await openDemoArticle(page);
  // The claim list itself (the aside also holds other lists, such as suggestions).
  const items = page.locator("section[aria-labelledby=claims-title] ol > li button");
  expect(await items.count()).toBeGreaterThan(1);
  await items.nth(0).click();
  const rationale = page.locator("textarea[name=rationale]");
  await rationale.fill("Draft: the Kremlin readout says otherwise; waiting on a second source.");
  await items.nth(1).click();
  await page.getByText("✎ Unsaved edits").waitFor();
  await items.nth(0).click();
  expect(await rationale.inputValue()).toBe("Draft: the Kremlin readout says otherwise; waiting on a second source.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
  expect(await page.getByText("✎ Unsaved edits").count()).toBe(0);
});
