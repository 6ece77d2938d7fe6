/**
 * End to end at 200 % zoom (WCAG 1.4.4 / 1.4.10): a 1280×800 laptop window at 200 % is a
 * 640×400 CSS-pixel viewport at device scale factor 2. On the article page, the claims list and
 * the admin audit page the header is one line that fits without sideways page scrolling, its menu
 * reaches every page by keyboard, tables scroll within themselves, a clicked claim's panel shows
 * next to the claim, and axe-core finds no serious or critical violation.
 */
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { PASSWORD, seedUsers, testDb } from "../support/fixtures";
import { launchBrowser, signInThroughForm, waitForHydration } from "../support/browser";

jest.setTimeout(240_000);

const AXE = createRequire(__filename).resolve("axe-core/axe.min.js");
const WIDTH = 640;
const HEIGHT = 400;
const SHOTS = process.env.SCREENSHOT_DIR ?? "/tmp";

let server: TestServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let users: Awaited<ReturnType<typeof seedUsers>>;
let articleId: string;
let claimId: string;
let page: Page;

beforeAll(async () => {
  users = await seedUsers();
  const article = await testDb().article.findFirstOrThrow({ select: { id: true, body: true, revision: true } });
  articleId = article.id;
  server = await startServer();
  browser = await launchBrowser();
  const api = new ApiClient(server.url);
  await api.signIn(users.checker.email, PASSWORD);
  const start = article.body.indexOf("Xi last visited");
  const created = await api.post(`/api/v1/articles/${article.id}/claims`, { revision: article.revision, start, end: start + "Xi last visited Russia in 2019".length });
  claimId = created.body.id;
  await api.patch(`/api/v1/claims/${claimId}`, { version: 1, status: "true", rationale: "Kremlin archive." });
  const context = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 2 });
  page = await context.newPage();
  await signInThroughForm(page, server.url, users.admin.email, PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await testDb().$disconnect();
});

async function seriousViolations(): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe.run(document, {
      resultTypes: ["violations"],
    });
    return r.violations;
  })) as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The header fits: no sideways page scroll, one line, and the brand, bell and menu all on screen. */
async function expectHeaderFits() {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
  const header = (await page.locator("header").boundingBox())!;
  expect(header.width).toBeLessThanOrEqual(WIDTH);
  // One line of controls (about 45 CSS px), not a wrapped block that eats the 400 px window.
  expect(header.height).toBeLessThan(60);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const target of [nav.getByRole("link", { name: "ClaimCheck" }), page.getByTestId("notification-bell"), nav.getByRole("button", { name: "Menu" })]) {
    const box = (await target.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
  }
}

/** Every table on the page sits in a box no wider than the window that scrolls sideways itself. */
async function expectTablesScrollWithin() {
  const tables = await page.evaluate(() =>
    [...document.querySelectorAll("main table")].map((t) => {
      let box = t.parentElement;
      while (box && getComputedStyle(box).overflowX !== "auto" && getComputedStyle(box).overflowX !== "scroll") box = box.parentElement;
      return box ? { boxWidth: box.getBoundingClientRect().width, tableWidth: t.scrollWidth } : null;
    }),
  );
  expect(tables.length).toBeGreaterThan(0);
  for (const t of tables) {
    expect(t).not.toBeNull();
    expect(t!.boxWidth).toBeLessThanOrEqual(WIDTH);
  }
}

test("the claims list: the header fits, the table scrolls within itself, no serious axe violation", async () => {
  await page.goto(`${server.url}/claims`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await expectHeaderFits();
  await expectTablesScrollWithin();
  await page.screenshot({ path: `${SHOTS}/claimcheck-zoom200-claims.png` });
  expect(await seriousViolations()).toEqual([]);
});

test("the admin audit page: the header fits, the table scrolls within itself, no serious axe violation", async () => {
  await page.goto(`${server.url}/admin/audit`);
  await page.getByRole("heading", { name: "Audit log" }).waitFor();
  await expectHeaderFits();
  await expectTablesScrollWithin();
  expect(await seriousViolations()).toEqual([]);
});

test("the header menu at 200 %: every page by keyboard, Escape closes it and gives the focus back", async () => {
  await page.goto(`${server.url}/admin/audit`);
  await waitForHydration(page, "nav[aria-label=Main] button[aria-expanded]");
  const nav = page.getByRole("navigation", { name: "Main" });
  const menu = nav.getByRole("button", { name: "Menu" });
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu.getAttribute("aria-expanded")).resolves.toBe("true");
  for (const name of ["Articles", "Claims", "My queue", "Review queue", "Dashboard", "Anchors to check", "Users", "Audit log", "Status scale", "Backups", "Settings"]) {
    await expect(nav.getByRole("link", { name, exact: true }).isVisible()).resolves.toBe(true);
  }
  await expect(nav.getByRole("button", { name: "Sign out" }).isVisible()).resolves.toBe(true);
  // The open menu stays within the window.
  const panel = (await page.locator(`[id="${await menu.getAttribute("aria-controls")}"]`).boundingBox())!;
  expect(panel.x).toBeGreaterThanOrEqual(0);
  expect(panel.x + panel.width).toBeLessThanOrEqual(WIDTH);
  await page.screenshot({ path: `${SHOTS}/claimcheck-zoom200-menu.png` });
  // Tab reaches the links in order; Escape closes and the focus is back on the button.
  await page.keyboard.press("Tab");
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Articles");
  await page.keyboard.press("Escape");
  await expect(menu.getAttribute("aria-expanded")).resolves.toBe("false");
  await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe("Menu");
  await expect(nav.getByRole("link", { name: "Settings" }).count()).resolves.toBe(0);
  // Enter on a link inside follows it, and the menu is closed on the new page.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await Promise.all([page.waitForURL(/\/claims$/), page.keyboard.press("Enter")]);
  await expect(menu.getAttribute("aria-expanded")).resolves.toBe("false");
});

test("the article page: the header fits, a clicked claim's panel shows next to it, no serious axe violation", async () => {
  await page.goto(`${server.url}/articles/${articleId}`);
  await waitForHydration(page, "[role=document]");
  await expectHeaderFits();
  const badge = page.locator(`[data-badge][data-claim-id="${claimId}"]`);
  await badge.scrollIntoViewIfNeeded();
  await badge.click();
  const panel = page.getByTestId("claim-panel");
  await panel.locator("section[aria-labelledby=claim-editor-title]").waitFor();
  // The panel is on screen together with the claim (above it), not pages further down.
  await page.waitForFunction((id) => {
    const b = document.querySelector(`[data-badge][data-claim-id="${id}"]`)!.getBoundingClientRect();
    const p = document.querySelector("[data-testid=claim-panel]")!.getBoundingClientRect();
    return b.top >= 0 && b.bottom <= p.top && p.top < window.innerHeight;
  }, claimId);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
  await page.screenshot({ path: `${SHOTS}/claimcheck-zoom200-article.png` });
  expect(await seriousViolations()).toEqual([]);
});

test.each([
  [1400, 900],
  [390, 844],
])("at %i px wide the header is one line with the menu, which opens within the window", async (width, height) => {
  const context = await browser.newContext({ viewport: { width, height } });
  const wide = await context.newPage();
  await signInThroughForm(wide, server.url, users.admin.email, PASSWORD);
  await waitForHydration(wide, "nav[aria-label=Main] button[aria-expanded]");
  expect(await wide.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  expect((await wide.locator("header").boundingBox())!.height).toBeLessThan(60);
  const nav = wide.getByRole("navigation", { name: "Main" });
  // The daily pages are in the header itself when there is room.
  await expect(nav.getByRole("link", { name: "Claims", exact: true }).isVisible()).resolves.toBe(width >= 768);
  await wide.screenshot({ path: `${SHOTS}/claimcheck-header-${width}.png` });
  const menu = nav.getByRole("button", { name: "Menu" });
  await menu.click();
  const panel = (await wide.locator(`[id="${await menu.getAttribute("aria-controls")}"]`).boundingBox())!;
  expect(panel.x).toBeGreaterThanOrEqual(0);
  expect(panel.x + panel.width).toBeLessThanOrEqual(width);
  await expect(nav.getByRole("link", { name: "Audit log" }).isVisible()).resolves.toBe(true);
  await wide.screenshot({ path: `${SHOTS}/claimcheck-header-${width}-menu.png` });
  // A click elsewhere closes it.
  await wide.locator("main").click({ position: { x: 5, y: 5 } });
  await expect(menu.getAttribute("aria-expanded")).resolves.toBe("false");
  await context.close();
});
