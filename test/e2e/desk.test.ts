/**
 * End to end, the desk's review loop: an editor finds a verdict in the Review queue and requests
 * changes with a note; the checker sees the note in My queue, fixes the rationale; the editor
 * approves. Then an admin applies the PolitiFact preset and a claim is set to "Pants on Fire".
 */
import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { PASSWORD, seedUsers, testDb } from "../support/fixtures";
import { followHeaderLink, openBrowser, signInThroughForm, waitForHydration } from "../support/browser";

jest.setTimeout(240_000);

const QUOTE = "Putin attended the opening of the Winter Olympics in Beijing last year";
const NOTE = "Name the source for the attendance, please.";
const shots = path.join(os.tmpdir(), "claimcheck-desk-shots");

let server: TestServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let users: Awaited<ReturnType<typeof seedUsers>>;
let article: { id: string; body: string };
let claimId: string;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  users = await seedUsers();
  article = await testDb().article.findFirstOrThrow({ select: { id: true, body: true } });
  server = await startServer();
  browser = await openBrowser();
  // The checker's verdict, made over the API, assigned to themselves.
  const checker = new ApiClient(server.url);
  expect((await checker.signIn(users.checker.email, PASSWORD)).status).toBe(200);
  const start = article.body.indexOf(QUOTE);
  const made = await checker.post(`/api/v1/articles/${article.id}/claims`, { revision: 1, start, end: start + QUOTE.length });
  expect(made.status).toBe(201);
  claimId = made.body.id;
  const set = await checker.patch(`/api/v1/claims/${claimId}`, { version: 1, status: "false", rationale: "He did not attend.", assigneeId: users.checker.id });
  expect(set.body.reviewState).toBe("pending");
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await testDb().$disconnect();
});

async function shot(page: Page, name: string) {
  const file = path.join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`Screenshot: ${file}`);
}

const panel = (page: Page) => page.locator("section[aria-labelledby=claim-editor-title]");

test("the review loop: changes requested with a note, seen in My queue, fixed, approved", async () => {
  // The editor finds the verdict in the Review queue.
  const editor = await browser.newPage();
  await signInThroughForm(editor, server.url, users.editor.email, PASSWORD);
  await Promise.all([editor.waitForURL("**/review"), editor.getByRole("link", { name: "Review queue" }).click()]);
  const row = editor.locator(`tr[data-claim-row="${claimId}"]`);
  await row.waitFor();
  await shot(editor, "review-queue");
  await Promise.all([editor.waitForURL(`**/articles/${article.id}?claim=${claimId}`), row.getByRole("link", { name: /Claim \d+:/ }).click()]);
  await waitForHydration(editor, "[role=document]");
  await panel(editor).locator("blockquote", { hasText: QUOTE }).waitFor();
  await editor.getByLabel("Review note").fill(NOTE);
  await editor.getByRole("button", { name: "↩ Request changes" }).click();
  await editor.getByText(`${users.editor.name} asked for changes`).waitFor();
  expect((await testDb().claim.findUniqueOrThrow({ where: { id: claimId } })).reviewState).toBe("rejected");

  // The checker sees the note in My queue, opens the claim, sees the note there, and fixes it.
  const checker = await browser.newPage();
  await signInThroughForm(checker, server.url, users.checker.email, PASSWORD);
  await Promise.all([checker.waitForURL("**/queue"), checker.getByRole("link", { name: "My queue" }).click()]);
  const mine = checker.locator(`tr[data-claim-row="${claimId}"]`);
  await mine.getByText("Changes requested").waitFor();
  await mine.getByText(NOTE).waitFor();
  await shot(checker, "my-queue");
  await Promise.all([checker.waitForURL(`**/articles/${article.id}?claim=${claimId}`), mine.getByRole("link", { name: /Claim \d+:/ }).click()]);
  await waitForHydration(checker, "[role=document]");
  await panel(checker).getByTestId("review-panel").getByText(NOTE).waitFor();
  await checker.locator("textarea[name=rationale]").fill("He did not attend: the Kremlin's own schedule for 4 Feb 2022 lists a meeting in Moscow.");
  await panel(checker).getByRole("button", { name: "Save" }).click();
  await panel(checker).getByText("Saved.").waitFor();
  await panel(checker).getByText("Awaiting review").first().waitFor();
  await shot(checker, "claim-panel-after-fix");

  // The editor finds it in the Review queue again and approves the version they see.
  await editor.goto(`${server.url}/review`);
  await editor.locator(`tr[data-claim-row="${claimId}"]`).waitFor();
  await editor.goto(`${server.url}/articles/${article.id}?claim=${claimId}`);
  await waitForHydration(editor, "[role=document]");
  await panel(editor).getByText("the Kremlin's own schedule").waitFor({ state: "attached" }).catch(() => undefined);
  await editor.getByRole("button", { name: "✓ Approve verdict" }).click();
  await editor.getByText(`Approved by ${users.editor.name}`).waitFor();
  const stored = await testDb().claim.findUniqueOrThrow({ where: { id: claimId } });
  expect(stored).toMatchObject({ reviewState: "approved", reviewNote: "" });
  expect(stored.rationale).toContain("Kremlin");
  await shot(editor, "article-approved");

  // It has left both queues.
  await checker.goto(`${server.url}/queue`);
  await checker.getByText("Nothing assigned to you is waiting.").waitFor();
});

test("an admin applies the PolitiFact preset and sets a claim to Pants on Fire", async () => {
  const admin = await browser.newPage();
  await signInThroughForm(admin, server.url, users.admin.email, PASSWORD);
  await followHeaderLink(admin, "Status scale", "**/admin/statuses");
  await waitForHydration(admin, "section[aria-labelledby=presets-title] button");
  await admin.getByRole("button", { name: "Apply PolitiFact Truth-O-Meter" }).click();
  await admin.getByText("Applied the PolitiFact Truth-O-Meter").waitFor();
  await admin.locator('[data-status-row="pants_on_fire"]').waitFor();
  await shot(admin, "status-scale");

  await admin.goto(`${server.url}/articles/${article.id}?claim=${claimId}`);
  await waitForHydration(admin, "[role=document]");
  await admin.selectOption("#claim-status", { label: "Pants on Fire" });
  await panel(admin).getByRole("button", { name: "Save" }).click();
  await panel(admin).getByText("Saved.").waitFor();
  const badge = admin.locator(`[role=document] [data-badge][data-claim-id="${claimId}"]`);
  await expect(badge.textContent()).resolves.toContain("Pants on Fire");
  const stored = await testDb().claim.findUniqueOrThrow({ where: { id: claimId } });
  expect(stored).toMatchObject({ statusKey: "pants_on_fire", reviewState: "pending" });
  const statuses = await admin.evaluate(async () => (await fetch("/api/v1/statuses")).json());
  expect(statuses.statuses.find((s: { key: string }) => s.key === "pants_on_fire").rating).toEqual({ value: 1, best: 6, worst: 1 });

  // The dashboard and the claims list, for a look.
  await admin.goto(`${server.url}/dashboard`);
  await admin.getByRole("heading", { name: "Dashboard" }).waitFor();
  await shot(admin, "dashboard");
  await admin.goto(`${server.url}/claims?q=${encodeURIComponent("winter olympics")}`);
  await admin.locator(`tr[data-claim-row="${claimId}"]`).waitFor();
  await shot(admin, "claims-list");
});
