/**
 * End to end: the single-key shortcut setting (WCAG 2.1.4) belongs to the person, not the
 * browser. Turned off in Settings in one browser, the shortcuts are off in another browser
 * where the same person signs in; turned back on, they work again, and even then typing in a
 * field never fires them.
 */
import type { Page } from "playwright-core";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { PASSWORD, seedUsers, testDb } from "../support/fixtures";
import { launchBrowser, signInThroughForm, waitForHydration } from "../support/browser";

jest.setTimeout(240_000);

let server: TestServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let users: Awaited<ReturnType<typeof seedUsers>>;
let articleId: string;
let claimId: string;

beforeAll(async () => {
  users = await seedUsers();
  const article = await testDb().article.findFirstOrThrow({ select: { id: true, body: true, revision: true } });
  articleId = article.id;
  server = await startServer();
  browser = await launchBrowser();
  const api = new ApiClient(server.url);
  await api.signIn(users.checker.email, PASSWORD);
  const start = article.body.indexOf("Xi last visited");
  claimId = (await api.post(`/api/v1/articles/${article.id}/claims`, { revision: article.revision, start, end: start + "Xi last visited Russia in 2019".length })).body.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await testDb().$disconnect();
});

/** A fresh browser (no shared storage), signed in as the checker. */
async function freshBrowser(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  return page;
}

async function setShortcuts(page: Page, on: boolean) {
  await page.goto(`${server.url}/settings`);
  await waitForHydration(page, "input[name=shortcuts]");
  const box = page.getByRole("checkbox", { name: /Single-key shortcuts/ });
  await (on ? box.check() : box.uncheck());
  await page.getByText(`Single-key shortcuts are ${on ? "on" : "off"}, in every browser you use.`).waitFor();
}

/** Presses "?" outside any field on the article page; true when the shortcut list opened. */
async function questionMarkOpensList(page: Page): Promise<boolean> {
  await page.goto(`${server.url}/articles/${articleId}?claim=${claimId}`);
  await waitForHydration(page, "[role=document]");
  await page.locator("section[aria-labelledby=claim-editor-title]").waitFor();
  await page.locator("h1").click();
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  try {
    await dialog.waitFor({ timeout: 2000 });
  } catch {
    return false;
  }
  await page.keyboard.press("Escape");
  return true;
}

test("turned off in one browser, the shortcuts are off in another; turned on, they work again", async () => {
  const first = await freshBrowser();
  expect(await questionMarkOpensList(first)).toBe(true);
  await setShortcuts(first, false);
  expect(await questionMarkOpensList(first)).toBe(false);

  const second = await freshBrowser();
  await second.goto(`${server.url}/settings`);
  await waitForHydration(second, "input[name=shortcuts]");
  await expect(second.getByRole("checkbox", { name: /Single-key shortcuts/ }).isChecked()).resolves.toBe(false);
  expect(await questionMarkOpensList(second)).toBe(false);

  await setShortcuts(second, true);
  expect(await questionMarkOpensList(second)).toBe(true);
  // The first browser follows at its next page load.
  expect(await questionMarkOpensList(first)).toBe(true);
});

test("with shortcuts on, typing j, k, ? and digits in a field types them and fires nothing", async () => {
  const page = await freshBrowser();
  await page.goto(`${server.url}/articles/${articleId}?claim=${claimId}`);
  await waitForHydration(page, "[role=document]");
  const comment = page.getByLabel("Add a comment");
  await comment.click();
  await page.keyboard.type("jk?12 ok");
  await expect(comment.inputValue()).resolves.toBe("jk?12 ok");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" }).count()).resolves.toBe(0);
  expect(new URL(page.url()).searchParams.get("claim")).toBe(claimId);
});

test("an old per-browser 'off' moves to the account once", async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await signInThroughForm(page, server.url, users.editor.email, PASSWORD);
  // The page signing in lands on has moved nothing yet (the key is not there): once it is
  // hydrated, the old key is put where the first version kept it, and Settings is opened.
  // (Set while that page was still hydrating, its own first render would move the key too,
  // racing the Settings page that the test looks at.)
  await waitForHydration(page, "header a[href='/articles']");
  await page.evaluate(() => window.localStorage.setItem("claimcheck.shortcuts", "off"));
  await page.goto(`${server.url}/settings`);
  await waitForHydration(page, "input[name=shortcuts]");
  await page.waitForFunction(() => window.localStorage.getItem("claimcheck.shortcuts") === null);
  // The box turns off once the server has stored it.
  await page.waitForFunction(() => !document.querySelector<HTMLInputElement>("input[name=shortcuts]")!.checked);
  const stored = await testDb().userPreference.findUnique({ where: { userId: users.editor.id } });
  expect(stored?.keyboardShortcuts).toBe(false);
});
