/**
 * End to end: an admin invites a checker through the Users page, the invitee accepts the
 * one-time link and signs in with the password they chose; the admin disables them and their
 * open session is refused at once; a checker finds no admin pages. Runs the production build in
 * Debian's Chromium.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { startServer, type TestServer } from "../support/server";
import { PASSWORD, seedUsers, testDb } from "../support/fixtures";
import { followHeaderLink, openBrowser, signInThroughForm, signOutThroughMenu, waitForHydration } from "../support/browser";

jest.setTimeout(180_000);

const CARLA = { name: "Carla Checker", email: "carla@example.com" };
const CARLA_PASSWORD = "violet harbour lantern seventeen";

let server: TestServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let users: Awaited<ReturnType<typeof seedUsers>>;
let shotDir: string;

// Shared by the first two tests: the admin's Users page and Carla's signed-in page.
let adminPage: Page | null = null;
let carlaPage: Page | null = null;

beforeAll(async () => {
  users = await seedUsers();
  server = await startServer();
  browser = await openBrowser();
  shotDir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-e2e-"));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await testDb().$disconnect();
});

const newPage = () => browser.newPage();

async function screenshot(page: Page, name: string, what: string) {
  const file = path.join(shotDir, name);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
  console.log(`Screenshot of ${what}: ${file}`);
}

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** Follows a link in the header nav and waits for the page it leads to. */
async function followNav(page: Page, name: string, url: RegExp) {
  await followHeaderLink(page, name, url);
}

test("an admin invites a checker, who accepts the link, chooses a password and signs in with it", async () => {
  // The admin opens Users from the header and creates the invitation.
  const admin = await newPage();
  adminPage = admin;
  await signInThroughForm(admin, server.url, users.admin.email, PASSWORD);
  await followNav(admin, "Users", /\/admin\/users$/);
  const panel = admin.locator("section[aria-labelledby=invite-title]");
  await waitForHydration(admin, "section[aria-labelledby=invite-title] form");
  await panel.getByLabel("Name", { exact: true }).fill(CARLA.name);
  await panel.getByLabel("Email", { exact: true }).fill(CARLA.email);
  // The select's accessible name includes its current option ("Role Checker").
  await panel.getByRole("combobox", { name: /^Role\b/ }).selectOption({ label: "Checker" });
  await panel.getByRole("button", { name: "Create invitation" }).click();
  const linkInput = panel.getByLabel("Invitation link");
  await linkInput.waitFor();
  const link = await linkInput.inputValue();
  expect(link).toMatch(new RegExp(`^${server.url.replace(/\./g, "\\.")}/invite/[A-Za-z0-9_-]{20,}$`));
  // Listed among the open invitations, and stored.
  await expect(panel.locator("li", { hasText: CARLA.email }).textContent()).resolves.toContain("Checker");
  await expect(testDb().invite.count({ where: { email: CARLA.email, usedAt: null } })).resolves.toBe(1);
  await screenshot(admin, "admin-users-after-invite.png", "the admin Users page after creating the invitation");

  // The invitee, in a browser that has never signed in, opens the link.
  const carla = await newPage();
  await carla.goto(link);
  await carla.getByRole("heading", { name: `Welcome, ${CARLA.name}` }).waitFor();
  await expect(carla.locator("main").textContent()).resolves.toContain(`You are invited as a checker (${CARLA.email})`);
  await waitForHydration(carla, "form");
  const password = carla.getByLabel("Choose a password");
  const repeat = carla.getByLabel("Repeat it");
  const submit = carla.getByRole("button", { name: "Create account and sign in" });

  // A too-short password is stopped by the browser (the field has minlength=12): no request, no account.
  await password.fill("short pass");
  await repeat.fill("short pass");
  await submit.click();
  const validity = await password.evaluate((el: HTMLInputElement) => ({ tooShort: el.validity.tooShort, message: el.validationMessage }));
  expect(validity.tooShort).toBe(true);
  expect(validity.message).not.toBe("");
  expect(new URL(carla.url()).pathname).toMatch(/^\/invite\//);
  await expect(testDb().user.count({ where: { email: CARLA.email } })).resolves.toBe(0);

  // A long but common password reaches the server and is refused with the policy's message.
  await password.fill("qwerty123456");
  await repeat.fill("qwerty123456");
  await submit.click();
  await carla.getByRole("alert").filter({ hasText: "This password is too common" }).first().waitFor();
  expect(new URL(carla.url()).pathname).toMatch(/^\/invite\//);
  await expect(testDb().user.count({ where: { email: CARLA.email } })).resolves.toBe(0);
  await expect(testDb().invite.count({ where: { email: CARLA.email, usedAt: null } })).resolves.toBe(1);
  await screenshot(carla, "invite-acceptance-with-policy-error.png", "the invite acceptance page showing the password policy error");

  // A good password, repeated: the account is made and signed in.
  await password.fill(CARLA_PASSWORD);
  await repeat.fill(CARLA_PASSWORD);
  await Promise.all([carla.waitForURL(/\/articles$/), submit.click()]);
  await expect(mainNav(carla).textContent()).resolves.toContain(`${CARLA.name} · Checker`);

  // Signing out and in again with the chosen password works.
  await signOutThroughMenu(carla);
  await signInThroughForm(carla, server.url, CARLA.email, CARLA_PASSWORD);
  await expect(mainNav(carla).textContent()).resolves.toContain(`${CARLA.name} · Checker`);
  carlaPage = carla;

  // The link works once only.
  const replay = await newPage();
  await replay.goto(link);
  await replay.getByRole("heading", { name: "This invitation cannot be used" }).waitFor();
  await expect(replay.getByLabel("Choose a password").count()).resolves.toBe(0);

  // The admin's Users page, reloaded, lists Carla as an active checker; her invitation is no longer open.
  await admin.reload();
  await waitForHydration(admin, "table");
  const row = admin.getByRole("row").filter({ hasText: CARLA.email });
  await expect(row.count()).resolves.toBe(1);
  await expect(row.getByRole("cell").first().textContent()).resolves.toBe(CARLA.name);
  await expect(row.getByLabel(`Role of ${CARLA.name}`).inputValue()).resolves.toBe("checker");
  await expect(row.getByLabel(`Role of ${CARLA.name}`).locator("option:checked").textContent()).resolves.toBe("Checker");
  await expect(row.getByRole("cell").nth(3).textContent()).resolves.toBe("Active");
  await expect(panel.locator("li", { hasText: CARLA.email }).count()).resolves.toBe(0);

  // The audit log records the invitation and the account it created.
  const carlaUser = await testDb().user.findUniqueOrThrow({ where: { email: CARLA.email }, select: { id: true, role: true } });
  expect(carlaUser.role).toBe("checker");
  const invite = await testDb().invite.findFirstOrThrow({ where: { email: CARLA.email }, select: { id: true, usedAt: true } });
  expect(invite.usedAt).not.toBeNull();
  await followNav(admin, "Audit log", /\/admin\/audit$/);
  await admin.getByRole("heading", { name: "Audit log" }).waitFor();
  const inviteRow = admin.getByRole("row").filter({ hasText: "invite.create" }).filter({ hasText: invite.id });
  await expect(inviteRow.count()).resolves.toBe(1);
  await expect(inviteRow.textContent()).resolves.toContain(CARLA.email);
  const createRow = admin.getByRole("row").filter({ hasText: "user.create" }).filter({ hasText: carlaUser.id });
  await expect(createRow.count()).resolves.toBe(1);
  await expect(createRow.textContent()).resolves.toContain(CARLA.email);
  await screenshot(admin, "admin-audit-log.png", "the audit log page");
});

test("an admin disables the new checker, whose open session is refused at once", async () => {
  if (!adminPage || !carlaPage) throw new Error("needs the admin and the invited checker from the previous test");
  const admin = adminPage;
  const carla = carlaPage;

  // Before: Carla's page reads her own profile through the API.
  const before = await carla.evaluate(async () => {
    const r = await fetch("/api/v1/me");
    return { status: r.status, body: await r.json() };
  });
  expect(before).toMatchObject({ status: 200, body: { email: CARLA.email, role: "checker" } });

  await followNav(admin, "Users", /\/admin\/users$/);
  await waitForHydration(admin, "table button");
  const row = admin.getByRole("row").filter({ hasText: CARLA.email });
  await row.getByRole("button", { name: "Disable" }).click();
  await admin.getByRole("status").filter({ hasText: `${CARLA.name} is disabled and signed out everywhere.` }).waitFor();
  await expect(row.getByRole("cell").nth(3).textContent()).resolves.toBe("⛔ Disabled");
  await expect(row.getByRole("button", { name: "Enable" }).count()).resolves.toBe(1);

  // Her open page can no longer use the API...
  const after = await carla.evaluate(async () => (await fetch("/api/v1/me")).status);
  expect(after).toBe(401);
  // ...and her next navigation ends on the sign-in page.
  await carla.goto(`${server.url}/articles`);
  expect(new URL(carla.url()).pathname).toBe("/sign-in");
  await carla.getByRole("heading", { name: "Sign in" }).waitFor();

  // Nor can she sign in again.
  await carla.fill("input[name=email]", CARLA.email);
  await carla.fill("input[name=password]", CARLA_PASSWORD);
  await carla.click("form button[type=submit]");
  await carla.getByRole("alert").filter({ hasText: "do not match an active account" }).waitFor();
  expect(new URL(carla.url()).pathname).toBe("/sign-in");
});

test("a checker gets the 404 page for the admin pages and sees no links to them", async () => {
  const page = await newPage();
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  const nav = mainNav(page);
  await expect(nav.getByRole("link", { name: "Articles", exact: true }).count()).resolves.toBe(1);
  // The admin pages would be in the header's menu: open it (Settings is there, for everyone).
  await nav.getByRole("button", { name: "Menu" }).click();
  await nav.getByRole("link", { name: "Settings" }).waitFor();
  await expect(nav.getByRole("link", { name: "Users" }).count()).resolves.toBe(0);
  await expect(nav.getByRole("link", { name: "Audit log" }).count()).resolves.toBe(0);

  for (const [url, heading] of [
    ["/admin/users", "Users"],
    ["/admin/audit", "Audit log"],
  ]) {
    const response = await page.goto(`${server.url}${url}`);
    expect(response?.status()).toBe(404);
    expect(new URL(page.url()).pathname).toBe(url);
    await page.getByText("This page could not be found").waitFor();
    await expect(page.getByRole("heading", { name: heading, exact: true }).count()).resolves.toBe(0);
    await expect(page.locator("table").count()).resolves.toBe(0);
    await expect(page.locator("section[aria-labelledby=invite-title]").count()).resolves.toBe(0);
  }
  // Still signed in: the 404 is about the role, not the session.
  const me = await page.evaluate(async () => (await fetch("/api/v1/me")).status);
  expect(me).toBe(200);
});
