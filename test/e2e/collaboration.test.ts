/**
 * End to end, two people on one article: a colleague's verdict is never silently reverted by a
 * stale tab (per-field merge on a 409), and changes arrive live. Two browser contexts, the
 * production build, Debian's Chromium.
 */
import type { Page } from "playwright-core";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { PASSWORD, seedUsers, testDb } from "../support/fixtures";
import { openBrowser, signInThroughForm, waitForHydration } from "../support/browser";

jest.setTimeout(180_000);

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

/** A claim on the n-th sentence of the demo article, with a True verdict and a rationale, made by the checker over the API. */
async function seedClaim(sentence: number, rationale: string) {
  const api = new ApiClient(server.url);
  expect((await api.signIn(users.checker.email, PASSWORD)).status).toBe(200);
  const sentences = [...article.body.matchAll(/[A-Z][^.\n]{20,}\./g)];
  const m = sentences[sentence];
  const created = await api.request("POST", `/api/v1/articles/${article.id}/claims`, { revision: 1, start: m.index, end: m.index! + m[0].length });
  expect(created.status).toBe(201);
  const updated = await api.request("PATCH", `/api/v1/claims/${created.body.id}`, { version: created.body.version, status: "true", rationale });
  expect(updated.status).toBe(200);
  return { id: created.body.id as string, quote: m[0] };
}

async function openClaim(page: Page, email: string, claimId: string) {
  await signInThroughForm(page, server.url, email, PASSWORD);
  await page.goto(`${server.url}/articles/${article.id}`);
  await waitForHydration(page, "[role=document]");
  await page.locator(`[data-badge][data-claim-id="${claimId}"]`).click();
  const editor = page.locator("section[aria-labelledby=claim-editor-title]");
  await editor.locator("textarea[name=rationale]").waitFor();
  return editor;
}

const stored = (id: string) => testDb().claim.findUniqueOrThrow({ where: { id }, select: { statusKey: true, rationale: true, summary: true, version: true } });

test("Eve's False survives Sam's save from a tab loaded earlier: Sam sees both side by side and chooses", async () => {
  const claim = await seedClaim(0, "First look: plausible.");

  // Sam (checker) loaded the article earlier; his tab hears nothing live (the stream is blocked), the worst case.
  const sam = await browser.newPage();
  await sam.context().route(/\/api\/v1\/articles\/[^/]+\/events/, (route) => route.abort());
  const samEditor = await openClaim(sam, users.checker.email, claim.id);
  await samEditor.locator("textarea[name=rationale]").fill("Sam: the ministry's figure is quoted correctly.");

  // Eve (editor) sets False with her rationale and saves.
  const eve = await browser.newPage();
  const eveEditor = await openClaim(eve, users.editor.email, claim.id);
  await eve.selectOption("#claim-status", { label: "False" });
  await eveEditor.locator("textarea[name=rationale]").fill("Eve: the ministry corrected the figure on Monday.");
  await eveEditor.getByRole("button", { name: "Save" }).click();
  await eveEditor.getByText("Saved.").waitFor();

  // Sam saves his stale form: a conflict on the verdict group, theirs beside his, nothing saved.
  await samEditor.getByRole("button", { name: "Save" }).click();
  const conflicts = samEditor.getByTestId("merge-conflicts");
  await conflicts.waitFor();
  await expect(conflicts.locator("[data-side=theirs]").textContent()).resolves.toContain("False");
  await expect(conflicts.locator("[data-side=theirs]").textContent()).resolves.toContain("Eve: the ministry corrected");
  await expect(conflicts.locator("[data-side=mine]").textContent()).resolves.toContain("True");
  await expect(conflicts.locator("[data-side=mine]").textContent()).resolves.toContain("Sam: the ministry's figure");
  await expect(samEditor.getByRole("button", { name: "Save" }).isDisabled()).resolves.toBe(true);
  await samEditor.screenshot({ path: "/tmp/claimcheck-merge-conflict.png" });
  await expect(stored(claim.id)).resolves.toMatchObject({ statusKey: "false", rationale: "Eve: the ministry corrected the figure on Monday." });

  // He keeps Eve's: the form now shows False and her rationale, and nothing of his is sent.
  await conflicts.getByRole("button", { name: "Keep theirs" }).click();
  await expect(sam.locator("#claim-status").inputValue()).resolves.toBe("false");
  await expect(samEditor.locator("textarea[name=rationale]").inputValue()).resolves.toBe("Eve: the ministry corrected the figure on Monday.");
  await expect(stored(claim.id)).resolves.toMatchObject({ statusKey: "false" });

  // Next, a change that overlaps nothing of Sam's (Eve adds evidence): his summary is re-sent by itself, and he is told.
  await samEditor.locator("input[name=summary]").fill("Ministry export figure for 2023");
  const eveApi = new ApiClient(server.url);
  await eveApi.signIn(users.editor.email, PASSWORD);
  expect((await eveApi.request("POST", `/api/v1/claims/${claim.id}/evidence`, { url: "https://example.org/correction", stance: "refutes" })).status).toBe(201);
  await samEditor.getByRole("button", { name: "Save" }).click();
  await samEditor.getByText(/saved on top of their version/).waitFor();
  await expect(stored(claim.id)).resolves.toMatchObject({
    statusKey: "false",
    rationale: "Eve: the ministry corrected the figure on Monday.",
    summary: "Ministry export figure for 2023",
  });
});

test("live: Sam sees who else is here, Eve's verdict reaches his open form as a merge, and her new claim appears without a reload", async () => {
  const claim = await seedClaim(1, "Dates match the ministry's announcement.");
  const sam = await browser.newPage();
  const samEditor = await openClaim(sam, users.checker.email, claim.id);
  const typed = "Sam: both ministries announced it on Friday.";
  await samEditor.locator("textarea[name=rationale]").fill(typed);
  const listed = await sam.locator("section[aria-labelledby=claims-title] ol > li").count();

  const eve = await browser.newPage();
  await signInThroughForm(eve, server.url, users.editor.email, PASSWORD);
  await eve.goto(`${server.url}/articles/${article.id}`);
  await waitForHydration(eve, "[role=document]");
  await sam.getByTestId("presence").getByText(`Also here: ${users.editor.name}`).waitFor();

  // Eve's verdict, saved through the API: Sam's open form shows the conflict, naming her; his typing is untouched.
  const eveApi = new ApiClient(server.url);
  await eveApi.signIn(users.editor.email, PASSWORD);
  const current = await stored(claim.id);
  expect((await eveApi.patch(`/api/v1/claims/${claim.id}`, { version: current.version, status: "false", rationale: "Eve: it was Thursday." })).status).toBe(200);
  const conflicts = samEditor.getByTestId("merge-conflicts");
  await conflicts.getByText(`${users.editor.name} changed what you changed`).waitFor();
  await expect(conflicts.locator("[data-side=theirs]").textContent()).resolves.toContain("False");
  await expect(samEditor.locator("textarea[name=rationale]").inputValue()).resolves.toBe(typed);
  // The list already shows her verdict.
  await sam.locator(`aside[aria-label=Claims] li`, { hasText: claim.quote.slice(0, 30) }).getByText("False").waitFor();

  // A new claim of Eve's appears in Sam's list and text.
  const sentence = [...article.body.matchAll(/[A-Z][^.\n]{20,}\./g)][3];
  const created = await eveApi.post(`/api/v1/articles/${article.id}/claims`, { revision: 1, start: sentence.index, end: sentence.index! + sentence[0].length });
  expect(created.status).toBe(201);
  await sam.locator(`[role=document] [data-badge][data-claim-id="${created.body.id}"]`).waitFor();
  await expect(sam.locator("section[aria-labelledby=claims-title] ol > li").count()).resolves.toBe(listed + 1);
  await expect(samEditor.locator("textarea[name=rationale]").inputValue()).resolves.toBe(typed);
  await expect(stored(claim.id)).resolves.toMatchObject({ statusKey: "false" });
  await sam.screenshot({ path: "/tmp/claimcheck-live.png" });
});

test("Back after leaving the article shows the claims added meanwhile", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.viewer.email, PASSWORD);
  await page.goto(`${server.url}/articles/${article.id}`);
  await waitForHydration(page, "[role=document]");
  const before = await page.locator("section[aria-labelledby=claims-title] ol > li").count();
  await Promise.all([page.waitForURL(/\/articles$/), page.getByRole("link", { name: "← Articles" }).click()]);
  const sentence = [...article.body.matchAll(/[A-Z][^.\n]{20,}\./g)][4];
  const api = new ApiClient(server.url);
  await api.signIn(users.checker.email, PASSWORD);
  const created = await api.post(`/api/v1/articles/${article.id}/claims`, { revision: 1, start: sentence.index, end: sentence.index! + sentence[0].length });
  expect(created.status).toBe(201);
  await page.goBack();
  await page.locator(`[role=document] [data-badge][data-claim-id="${created.body.id}"]`).waitFor();
  await expect(page.locator("section[aria-labelledby=claims-title] ol > li").count()).resolves.toBe(before + 1);
});

test("discussion: a comment with an @mention reaches the open panel live, notifies, and the timeline reads in words", async () => {
  const claim = await seedClaim(2, "Checked against the Kremlin's schedule.");
  const eve = await browser.newPage();
  const eveEditor = await openClaim(eve, users.editor.email, claim.id);
  await eveEditor.getByRole("list", { name: "History" }).getByText(/set the status .+ → True/).waitFor();
  await expect(eveEditor.getByRole("list", { name: "History" }).textContent()).resolves.toContain(`${users.checker.name}set the status`.replace("set", " set"));

  const sam = await browser.newPage();
  const samEditor = await openClaim(sam, users.checker.email, claim.id);
  await samEditor.locator("textarea[name=comment]").fill(`@${users.editor.name} can you confirm the date?`);
  await samEditor.getByRole("button", { name: "Post comment" }).click();
  await samEditor.getByRole("list", { name: "Comments" }).getByText("can you confirm the date?").waitFor();

  // Eve's open panel shows it without a reload, and her header counts it.
  await eveEditor.getByRole("list", { name: "Comments" }).getByText("can you confirm the date?").waitFor();
  await eve.reload();
  await eve.getByTestId("notification-bell").getByText("1").waitFor();
  await Promise.all([eve.waitForURL(/\/notifications$/), eve.getByTestId("notification-bell").click()]);
  const link = eve.getByRole("link", { name: `${users.checker.name} mentioned you on claim` });
  await waitForHydration(eve, "ul a[href]");
  await Promise.all([eve.waitForURL(new RegExp(`claim=${claim.id}`)), link.click()]);
  await waitForHydration(eve, "[role=document]");
  await eve.locator("section[aria-labelledby=claim-editor-title]").getByRole("list", { name: "Comments" }).getByText("can you confirm the date?").waitFor();
  await expect(testDb().notification.count({ where: { userId: users.editor.id, readAt: null } })).resolves.toBe(0);
  await eve.screenshot({ path: "/tmp/claimcheck-discussion.png", fullPage: true });
  await expect(eve.getByTestId("notification-bell").getAttribute("data-unread")).resolves.toBe("0");

  // Leaving with unsaved edits through an in-app link asks first; declining stays.
  const editor = eve.locator("section[aria-labelledby=claim-editor-title]");
  await editor.locator("textarea[name=rationale]").fill("Eve: unsaved thought");
  let asked = "";
  eve.once("dialog", (d) => {
    asked = d.message();
    d.dismiss();
  });
  await eve.getByRole("link", { name: "← Articles" }).click();
  expect(asked).toContain("unsaved edits");
  expect(eve.url()).toContain(`/articles/${article.id}`);
  await expect(editor.locator("textarea[name=rationale]").inputValue()).resolves.toBe("Eve: unsaved thought");
});
