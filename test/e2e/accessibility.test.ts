/**
 * End to end: axe-core (injected from the npm package) finds no serious or critical violation on
 * any page the e2e suite visits, with a claim open and the shortcut list shown; and at a phone's
 * 390 px width the header fits, tables scroll within themselves, and a tapped claim's panel
 * opens as a sheet next to it.
 */
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { PASSWORD, seedUsers, testDb } from "../support/fixtures";
import { launchBrowser, signInThroughForm, waitForHydration } from "../support/browser";

jest.setTimeout(240_000);

const AXE = createRequire(__filename).resolve("axe-core/axe.min.js");

let server: TestServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let users: Awaited<ReturnType<typeof seedUsers>>;
let article: { id: string; body: string; revision: number };
let claimId: string;

beforeAll(async () => {
  users = await seedUsers();
  article = await testDb().article.findFirstOrThrow({ select: { id: true, body: true, revision: true } });
  server = await startServer();
  browser = await launchBrowser();
  const api = new ApiClient(server.url);
  await api.signIn(users.checker.email, PASSWORD);
  const start = article.body.indexOf("Xi last visited");
  const created = await api.post(`/api/v1/articles/${article.id}/claims`, { revision: article.revision, start, end: start + "Xi last visited Russia in 2019".length });
  claimId = created.body.id;
  await api.patch(`/api/v1/claims/${claimId}`, { version: 1, status: "true", rationale: "Kremlin archive." });
  await api.post(`/api/v1/claims/${claimId}/comments`, { body: "@admin please look" });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await testDb().$disconnect();
});

type Violation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe.run(document, {
      resultTypes: ["violations"],
    });
    return r.violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("no serious or critical axe violation on any page of the e2e suite", async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const found: Record<string, string[]> = {};
  await page.goto(`${server.url}/sign-in`);
  await waitForHydration(page, "form");
  found["/sign-in"] = await seriousViolations(page);
  await signInThroughForm(page, server.url, users.admin.email, PASSWORD);
  for (const path of ["/articles", "/articles/new", "/settings", "/notifications", "/admin/users", "/admin/audit"]) {
    await page.goto(server.url + path);
    await page.waitForLoadState("load");
    found[path] = await seriousViolations(page);
  }
  await page.goto(`${server.url}/articles/${article.id}?claim=${claimId}`);
  await waitForHydration(page, "[role=document]");
  await page.locator("section[aria-labelledby=claim-editor-title]").getByRole("list", { name: "Comments" }).waitFor();
  found["/articles/:id with a claim open"] = await seriousViolations(page);
  await page.locator("body").press("?");
  await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
  found["/articles/:id shortcut list"] = await seriousViolations(page);
  await context.close();
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
});

test("at 390 px the header fits, tables scroll within themselves, and a tapped claim opens its panel beside it", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await signInThroughForm(page, server.url, users.admin.email, PASSWORD);
  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await pageWidth()).toBeLessThanOrEqual(390);
  const header = await page.locator("header").boundingBox();
  expect(header!.width).toBeLessThanOrEqual(390);

  await page.goto(`${server.url}/admin/audit`);
  await page.getByRole("heading", { name: "Audit log" }).waitFor();
  expect(await pageWidth()).toBeLessThanOrEqual(390);

  await page.goto(`${server.url}/articles/${article.id}`);
  await waitForHydration(page, "[role=document]");
  const badge = page.locator(`[data-badge][data-claim-id="${claimId}"]`);
  await badge.scrollIntoViewIfNeeded();
  await badge.tap();
  const panel = page.getByTestId("claim-panel");
  await panel.locator("section[aria-labelledby=claim-editor-title]").waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector("[data-testid=claim-panel]");
    return !!el && el.getBoundingClientRect().top < window.innerHeight;
  });
  const sheet = (await panel.boundingBox())!;
  const claim = (await badge.boundingBox())!;
  // The panel is on screen at the same time as the claim, not far down the page.
  expect(sheet.y).toBeLessThan(844);
  expect(sheet.y + sheet.height).toBeLessThanOrEqual(845);
  await page.waitForFunction((id) => {
    const b = document.querySelector(`[data-badge][data-claim-id="${id}"]`)!.getBoundingClientRect();
    const p = document.querySelector("[data-testid=claim-panel]")!.getBoundingClientRect();
    return b.bottom > 0 && b.bottom <= p.top;
  }, claimId);
  void claim;
  await page.screenshot({ path: "/tmp/claimcheck-phone-claim-sheet.png" });
  await context.close();
});
