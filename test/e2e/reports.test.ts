/**
 * End to end: the article page's Export menu downloads every format, shows what the file will
 * hold and the ClaimReview checker's findings; the printable report page; an admin sets the
 * organisation. Runs the production build in Debian's Chromium.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { PASSWORD, seedUsers, testDb } from "../support/fixtures";
import { openBrowser, signInThroughForm, waitForHydration } from "../support/browser";

jest.setTimeout(240_000);

let server: TestServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let article: { id: string; title: string; body: string };
let users: Awaited<ReturnType<typeof seedUsers>>;
const shots = mkdtempSync(path.join(os.tmpdir(), "claimcheck-e2e-reports-"));

beforeAll(async () => {
  users = await seedUsers();
  article = await testDb().article.findFirstOrThrow({ select: { id: true, title: true, body: true } });
  server = await startServer();
  browser = await openBrowser();
  // Two verdicts by a checker, one approved by an editor; one claim without a verdict.
  const checker = new ApiClient(server.url);
  const editor = new ApiClient(server.url);
  expect((await checker.signIn(users.checker.email, PASSWORD)).status).toBe(200);
  expect((await editor.signIn(users.editor.email, PASSWORD)).status).toBe(200);
  const make = async (quote: string, status: string | null, approve: boolean) => {
    const start = article.body.indexOf(quote);
    const c = await checker.post(`/api/v1/articles/${article.id}/claims`, { revision: 1, start, end: start + quote.length });
    expect(c.status).toBe(201);
    if (!status) return;
    const s = await checker.patch(`/api/v1/claims/${c.body.id}`, { version: 1, status, rationale: "Checked (twice) ~ see the archive." });
    expect(s.status).toBe(200);
    await checker.post(`/api/v1/claims/${c.body.id}/evidence`, { url: "https://www.example.org/archive", title: "Archive", stance: "supports" });
    if (approve) {
      const v = (await checker.get(`/api/v1/claims/${c.body.id}`)).body.version;
      expect((await editor.post(`/api/v1/claims/${c.body.id}/review`, { version: v, decision: "approve" })).status).toBe(200);
    }
  };
  await make("Xi last visited Russia in 2019", "true", true);
  await make("nearly 13 months", "mostly_false", false);
  await make("Winter Olympics in Beijing", null, false);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await testDb().$disconnect();
});

async function openArticle(page: Page) {
  await page.goto(`${server.url}/articles/${article.id}`);
  await waitForHydration(page, "[role=document]");
  await waitForHydration(page, "button[aria-controls]");
}

test("the Export menu downloads every format and previews what each file holds", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.viewer.email, PASSWORD);
  await openArticle(page);
  await page.getByRole("button", { name: /Export report/ }).click();
  const preview = page.getByTestId("export-preview");
  await preview.getByText("3 of 3 claims.").waitFor();
  await page.screenshot({ path: path.join(shots, "export-menu.png") });
  console.log(`Screenshot of the Export menu: ${path.join(shots, "export-menu.png")}`);

  const formats: [string, string, (text: string, bytes: Buffer) => void][] = [
    ["PDF", "pdf", (_t, b) => expect(b.subarray(0, 5).toString()).toBe("%PDF-")],
    ["HTML (printable)", "html", (t) => expect(t).toContain("Xi last visited Russia in 2019")],
    ["Markdown", "md", (t) => expect(t).toContain("Checked (twice) ~ see the archive.")],
    ["CSV (spreadsheet)", "csv", (t) => expect(t.startsWith("\uFEFF")).toBe(true)],
    ["JSON (full data)", "json", (t) => expect(JSON.parse(t).claims).toHaveLength(3)],
    ["ClaimReview (schema.org, for publishing)", "claimreview.jsonld", (t) => expect(JSON.parse(t)).toHaveLength(1)],
    ["Web Annotations (W3C)", "annotations.jsonld", (t) => expect(JSON.parse(t).total).toBe(3)],
  ];
  for (const [label, ext, check] of formats) {
    await page.getByRole("radio", { name: label, exact: true }).check();
    const link = page.getByRole("link", { name: /^Download / });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^xi-to-visit-moscow-for-strategic-cooperation-talks-with-\\d{4}-\\d{2}-\\d{2}\\.${ext.replace(".", "\\.")}$`));
    const bytes = readFileSync((await download.path())!);
    check(bytes.toString("utf8"), bytes);
  }
});

test("ClaimReview defaults to approved verdicts and shows the checker's errors before the download; the scope changes the count", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  await openArticle(page);
  await page.getByRole("button", { name: /Export report/ }).click();
  await page.getByRole("radio", { name: "ClaimReview (schema.org, for publishing)" }).check();
  expect(await page.getByRole("radio", { name: "Approved verdicts only" }).isChecked()).toBe(true);
  const preview = page.getByTestId("export-preview");
  await preview.getByText("1 ClaimReview item (one per verdict), from 1 of 3 claims.").waitFor();
  // No organisation or public address is set yet: the checker says so.
  await preview.getByText(/author\.name is missing/).waitFor();
  await preview.getByText(/url is missing: set the public base URL/).waitFor();
  await page.screenshot({ path: path.join(shots, "export-claimreview.png") });
  console.log(`Screenshot of the ClaimReview check: ${path.join(shots, "export-claimreview.png")}`);
  await page.getByRole("radio", { name: "All claims" }).check();
  await preview.getByText("2 ClaimReview items (one per verdict), from 3 of 3 claims.").waitFor();
  await page.keyboard.press("Escape");
  expect(await page.getByRole("region", { name: "Export report" }).count()).toBe(0);
});

test("an admin sets the organisation, and the printable report names it (A4 and Letter)", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.admin.email, PASSWORD);
  await page.goto(`${server.url}/settings`);
  await waitForHydration(page, "form[aria-label=Organisation]");
  await page.getByLabel("Organisation web address").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Save organisation" }).click();
  await page.getByText("Enter a full web address starting with http:// or https://.").waitFor();
  await page.getByLabel("Organisation name").fill("Desk & Co Fact Check");
  await page.getByLabel("Organisation web address").fill("https://factcheck.example.org");
  await page.getByLabel("Public address of published reports").fill("https://factcheck.example.org/checks");
  await page.getByRole("button", { name: "Save organisation" }).click();
  await page.getByText("Saved. New reports use these details.").waitFor();
  await page.screenshot({ path: path.join(shots, "settings-organisation.png"), fullPage: true });

  await page.goto(`${server.url}/articles/${article.id}/report`);
  await page.getByRole("link", { name: "Desk & Co Fact Check" }).waitFor();
  await page.getByRole("heading", { name: "Claim 1 · True" }).waitFor();
  expect(await page.locator("svg.cc-chart text").allTextContents()).toEqual(expect.arrayContaining(["True", "Mostly false", "Unchecked"]));
  await page.screenshot({ path: path.join(shots, "report-page.png"), fullPage: true });
  console.log(`Screenshot of the report page: ${path.join(shots, "report-page.png")}`);
  await page.emulateMedia({ media: "print" });
  expect(await page.locator("header:has(nav[aria-label=Main])").isVisible()).toBe(false);
  const a4 = await page.pdf({ preferCSSPageSize: true });
  await page.goto(`${server.url}/articles/${article.id}/report?paper=letter`);
  const letter = await page.pdf({ preferCSSPageSize: true });
  // A4 is 595 x 842 points, Letter 612 x 792.
  const mediaBox = (pdf: Buffer) => {
    const m = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString("latin1"));
    return m ? [Math.round(Number(m[1])), Math.round(Number(m[2]))] : null;
  };
  expect(mediaBox(a4)).toEqual([595, 842]);
  expect(mediaBox(letter)).toEqual([612, 792]);
  const approvedOnly = await browser.newPage();
  await signInThroughForm(approvedOnly, server.url, users.admin.email, PASSWORD);
  await approvedOnly.goto(`${server.url}/articles/${article.id}/report?scope=approved`);
  await approvedOnly.getByText("Approved verdicts only: 1 of 3 claims.").waitFor();
  expect(await approvedOnly.getByRole("heading", { name: /Claim 2/ }).count()).toBe(0);
});
