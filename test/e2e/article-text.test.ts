/**
 * End to end: the article text drawn in blocks that the browser lays out only near the screen.
 * A selection across two blocks (a paragraph break; Cyrillic into Chinese) makes a claim with the
 * exact quote; a claim far down a long article is scrolled to and highlighted from the claims
 * list; find in page reaches text in blocks not drawn yet; copying gives the article's own
 * characters; the suggestions disclosure opens with the keyboard; the text and a new claim do not
 * wait for the suggestions, and suggestions that fail to load say so and can be asked for again.
 */
import type { Page } from "playwright-core";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { PASSWORD, seedUsers, testDb } from "../support/fixtures";
import { openBrowser, screenshotIfAsked, selectWithMouse, signInThroughForm, waitForHydration } from "../support/browser";

jest.setTimeout(180_000);

const shot = (page: Page, name: string, fullPage = false) => screenshotIfAsked(page, name, fullPage);

const CYRILLIC =
  "Президент России заявил, что переговоры прошли в конструктивной атмосфере, и стороны договорились расширить торговлю в национальных валютах. По данным министерства, товарооборот вырос почти на треть.";
const CHINESE = "国家主席抵达莫斯科，开始进行国事访问。双方将就全面战略协作伙伴关系以及共同关心的国际和地区问题深入交换意见。据海关统计，去年双边贸易额同比增长近三成，创历史新高。";
const ENGLISH = "The ministry said on Tuesday that exports rose by 12 percent in the first half of the year, the fastest pace since 2011, while imports fell.";
/** A sentence only at the end of the long article. */
const FAR = "The final audit found 4,812 unpaid invoices in the northern district.";

let server: TestServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let users: Awaited<ReturnType<typeof seedUsers>>;
let api: ApiClient;
let mixed: { id: string; body: string };
let long: { id: string; body: string; farClaimId: string };

async function createArticle(title: string, body: string) {
  const res = await api.post("/api/v1/articles", { title, body, outlet: "Test" });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, body: res.body.body as string };
}

beforeAll(async () => {
  users = await seedUsers();
  server = await startServer();
  browser = await openBrowser();
  api = new ApiClient(server.url);
  expect((await api.signIn(users.editor.email, PASSWORD)).status).toBe(200);
  // Paragraphs long enough to be blocks of their own: English, Cyrillic, Chinese.
  const para = (s: string, n: number) => Array.from({ length: n }, () => s).join(" ");
  mixed = await createArticle("Talks in Moscow", [para(ENGLISH, 8), para(CYRILLIC, 6), para(CHINESE, 14), para(ENGLISH, 8)].join("\n\n"));
  // A long article: 300 paragraphs, the sentence FAR at the very end, claimed.
  const paragraphs = Array.from({ length: 300 }, (_, i) => `Paragraph ${i + 1}. ${para(ENGLISH, 3)}`);
  paragraphs.push(`${FAR} ${ENGLISH}`);
  const made = await createArticle("A very long report", paragraphs.join("\n\n"));
  const start = made.body.indexOf(FAR);
  const claim = await api.post(`/api/v1/articles/${made.id}/claims`, { revision: 1, start, end: start + FAR.length });
  expect(claim.status).toBe(201);
  long = { ...made, farClaimId: claim.body.id };
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await testDb().$disconnect();
});

async function open(page: Page, id: string) {
  await page.goto(`${server.url}/articles/${id}`);
  await waitForHydration(page, "[role=document]");
  await page.waitForSelector("[role=document] [data-block]");
}

/** Where block `index` of the text ends (a body offset). */
function blockEnd(page: Page, index: number): Promise<number> {
  return page.evaluate((i) => Number(document.querySelectorAll<HTMLElement>("[role=document] [data-block]")[i].dataset.end), index);
}

test("a selection across two blocks, from a Cyrillic paragraph into a Chinese one, makes a claim with the exact quote", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  await open(page, mixed.id);
  const blocks = await page.locator("[role=document] [data-block]").count();
  expect(blocks).toBe(4);

  // From the last words of the Cyrillic paragraph to the first of the Chinese one.
  const edge = await blockEnd(page, 1);
  expect(mixed.body.slice(edge - 2, edge)).toBe("\n\n");
  const from = mixed.body.lastIndexOf("почти на треть.", edge);
  const to = edge + "国家主席抵达莫斯科".length;
  const text = mixed.body.slice(from, to);
  expect(text).toContain("\n\n");
  await selectWithMouse(page, text);
  await shot(page, "article-text-selection-across-blocks");
  const add = page.getByRole("button", { name: "Add claim" });
  await add.waitFor();
  await add.click();
  const editor = page.locator("section[aria-labelledby=claim-editor-title]");
  await editor.locator("blockquote").waitFor();
  const claims = (await api.get(`/api/v1/articles/${mixed.id}`)).body.claims as { quote: string; start: number; end: number }[];
  expect(claims).toHaveLength(1);
  expect(claims[0]).toMatchObject({ quote: text, start: from, end: to });
  // Its highlight is drawn in both blocks.
  const runs = await page.locator("[role=document] [data-block] .claim-mark").evaluateAll((els) => els.map((e) => e.closest("[data-block]")!.getAttribute("data-start")));
  expect(new Set(runs).size).toBe(2);

  // Copying a selection gives the article's own characters (no labels, no extra line breaks).
  await selectWithMouse(page, text);
  const copied = await page.evaluate(() => {
    let data = "";
    window.addEventListener("copy", (e) => (data = e.clipboardData?.getData("text/plain") ?? ""), { once: true });
    document.execCommand("copy");
    return data;
  });
  expect(copied).toBe(text);
});

test("a claim at the end of a long article is scrolled to and highlighted from the claims list; find in page reaches blocks not drawn yet", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  await open(page, long.id);
  const root = page.locator("[role=document]");
  // The far block's content is not laid out yet: the browser skips blocks away from the screen.
  const badge = root.locator(`[data-badge][data-claim-id="${long.farClaimId}"]`);
  expect(await badge.evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true }))).toBe(false);

  await page.locator(`[data-claim-item="${long.farClaimId}"]`).click();
  await page.waitForFunction((id) => {
    const el = document.querySelector(`[role=document] [data-badge][data-claim-id="${id}"]`);
    const box = el?.getBoundingClientRect();
    return !!box && box.top >= 0 && box.bottom <= window.innerHeight && el!.getAttribute("aria-pressed") === "true";
  }, long.farClaimId);
  expect(await badge.getAttribute("aria-pressed")).toBe("true");
  expect(await root.locator('.claim-mark[data-selected="true"]').first().textContent()).toBe(FAR);
  await shot(page, "article-text-far-claim");

  // Back at the top, find in page (the browser's own search) still finds the far sentence.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() => window.scrollY === 0);
  const found = await page.evaluate((needle) => {
    window.getSelection()?.removeAllRanges();
    const ok = (window as unknown as { find: (s: string) => boolean }).find(needle);
    return { ok, selected: window.getSelection()?.toString() };
  }, "4,812 unpaid invoices");
  expect(found).toEqual({ ok: true, selected: "4,812 unpaid invoices" });

  // Away to the articles list and Back: the text is drawn again, every character in place.
  await Promise.all([page.waitForURL(/\/articles$/), page.getByRole("link", { name: "← Articles" }).click()]);
  await page.goBack();
  await page.waitForURL(new RegExp(`/articles/${long.id}$`));
  await page.waitForFunction((length) => {
    let n = 0;
    document.querySelectorAll("[role=document] [data-start]:not([data-block])").forEach((el) => (n += el.textContent?.length ?? 0));
    return n === length;
  }, long.body.length);
  await selectWithMouse(page, "Paragraph 150.");
  await page.getByRole("button", { name: "Add claim" }).waitFor();
});

test("the suggestions start closed, say how many there are, and open with the keyboard", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  await open(page, mixed.id);
  const toggle = page.getByRole("button", { name: /^▶?\s*Suggested claims \(\d+\)/ });
  expect(await toggle.getAttribute("aria-expanded")).toBe("false");
  expect(await page.locator("ol[aria-label='Suggested claims']").count()).toBe(0);
  // The marks in the text appear only with the list.
  expect(await page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has("claim-suggestion"))).toBe(false);

  await toggle.focus();
  await page.keyboard.press("Enter");
  expect(await toggle.getAttribute("aria-expanded")).toBe("true");
  const list = page.locator("ol[aria-label='Suggested claims']");
  await list.waitFor();
  expect(await list.locator("[data-suggestion]").count()).toBeGreaterThan(0);
  await page.waitForFunction(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has("claim-suggestion"));
  await shot(page, "article-text-suggestions-open");
  await page.keyboard.press("Enter");
  expect(await toggle.getAttribute("aria-expanded")).toBe("false");
  await shot(page, "article-text-desktop");

  // A phone: the text still comes right below the closed disclosure, and a selection still works.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await waitForHydration(page, "[role=document]");
  await page.waitForSelector("[role=document] [data-block]");
  await shot(page, "article-text-phone");
  const edge = await blockEnd(page, 0);
  const text = mixed.body.slice(edge - "while imports fell.\n\n".length, edge + "Президент России".length);
  await selectWithMouse(page, text);
  await page.getByRole("button", { name: "Add claim" }).waitFor();
  await shot(page, "article-text-phone-selection");
});

test("the text and a new claim do not wait for the suggestions; suggestions that fail say so and can be asked for again", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  // The suggestions' request held back (a first scoring of a long text takes a while).
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  await page.route("**/api/v1/articles/*/suggestions?*", async (route) => {
    asked++;
    await held;
    await route.continue();
  });
  await open(page, long.id);
  const placeholder = page.locator("section[aria-busy=true][aria-label='Suggested claims']");
  expect(await placeholder.textContent()).toContain("finding checkable sentences");
  // Meanwhile the whole text is there and a selection makes a claim.
  expect(await page.locator("[role=document]").textContent()).toContain(FAR);
  await selectWithMouse(page, "Paragraph 150.");
  await page.getByRole("button", { name: "Add claim" }).waitFor();
  expect(asked).toBe(1);
  release();
  await page.getByRole("button", { name: /^▶?\s*Suggested claims \(\d+( of \d+)?\)/ }).waitFor();
  expect(await placeholder.count()).toBe(0);

  // A failed request: a message in words and "Try again", which asks again.
  await page.unroute("**/api/v1/articles/*/suggestions?*");
  let failing = true;
  await page.route("**/api/v1/articles/*/suggestions?*", (route) =>
    failing
      ? route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "unavailable", message: "The server is busy." } }) })
      : route.continue(),
  );
  await page.reload();
  await waitForHydration(page, "[role=document]");
  const alert = page.getByRole("alert").filter({ hasText: "Suggested claims could not be loaded" });
  await alert.waitFor();
  expect(await alert.textContent()).toContain("The server is busy.");
  failing = false;
  await page.getByRole("button", { name: "Try again" }).click();
  await page.getByRole("button", { name: /^▶?\s*Suggested claims \(\d+( of \d+)?\)/ }).waitFor();
  expect(await alert.count()).toBe(0);
  await page.close();
});
