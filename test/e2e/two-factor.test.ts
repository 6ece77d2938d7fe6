/**
 * End to end: two-factor sign-in in the browser, with codes computed here (RFC 6238). An admin
 * turns it on in Settings and saves the recovery codes, signs out, signs in with password and
 * code, then with a recovery code; then requires it for admins and editors, and an editor
 * without it is sent to set it up at the next sign-in, does so, and gets in.
 */
import type { Page } from "playwright-core";
import { startServer, type TestServer } from "../support/server";
import { PASSWORD, seedUsers, testDb } from "../support/fixtures";
import { openBrowser, signInThroughForm, signOutThroughMenu, waitForHydration } from "../support/browser";
import { totp } from "../support/totp";

jest.setTimeout(240_000);

const SHOTS = process.env.SCREENSHOT_DIR ?? "/tmp";

let server: TestServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let users: Awaited<ReturnType<typeof seedUsers>>;
let secret: string;
let recoveryCodes: string[];
const usedCodes = new Set<string>();

beforeAll(async () => {
  users = await seedUsers();
  server = await startServer();
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await testDb().$disconnect();
});

/** A code the app has not seen yet: waits for the next 30-second step if this one was used. */
async function freshCode(key: string): Promise<string> {
  for (;;) {
    const code = totp(key);
    if (!usedCodes.has(code)) {
      usedCodes.add(code);
      return code;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const twoFactorSection = (page: Page) => page.locator("section[aria-labelledby=two-factor-title]");

/** Signs in with the password and waits for the code step. */
async function passwordStep(page: Page, email: string) {
  await page.goto(`${server.url}/sign-in`);
  await waitForHydration(page, "form");
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", PASSWORD);
  await page.click("form button[type=submit]");
  await page.getByLabel("Code from your authenticator app").waitFor();
}

test("an admin turns on two-factor sign-in in Settings and saves the recovery codes", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.admin.email, PASSWORD);
  await page.goto(`${server.url}/settings`);
  const section = twoFactorSection(page);
  await waitForHydration(page, "section[aria-labelledby=two-factor-title] form");
  await section.getByText("Two-factor sign-in is off.", { exact: false }).waitFor();
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/claimcheck-2fa-settings-off.png` });

  await section.getByLabel("Password (to set up two-factor sign-in)").fill(PASSWORD);
  await section.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  secret = (await section.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await expect(section.getByRole("img", { name: "QR code for your authenticator app" }).isVisible()).resolves.toBe(true);
  recoveryCodes = await section.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/claimcheck-2fa-settings-enrol.png`, fullPage: true });

  // A wrong code first: it says so and nothing is turned on.
  await section.getByLabel("Code from the app").fill("000000");
  await section.getByRole("button", { name: "Confirm and turn on" }).click();
  await section.getByText("That code is not right.", { exact: false }).waitFor();
  expect((await testDb().user.findUniqueOrThrow({ where: { id: users.admin.id } })).twoFactorEnabled).toBe(false);

  await section.getByLabel("Code from the app").fill(await freshCode(secret));
  await section.getByRole("button", { name: "Confirm and turn on" }).click();
  await section.getByText("Two-factor sign-in is on. Your other sessions were signed out.").waitFor();
  // The codes are still on screen to be saved, and the page says they are shown only once.
  await section.getByText("Recovery codes: save them now, they are shown only once.").waitFor();
  await page.screenshot({ path: `${SHOTS}/claimcheck-2fa-settings-on.png`, fullPage: true });
  expect((await testDb().user.findUniqueOrThrow({ where: { id: users.admin.id } })).twoFactorEnabled).toBe(true);

  await signOutThroughMenu(page);
});

test("signing in asks for the code after the password, and a wrong code is refused", async () => {
  const page = await browser.newPage();
  await passwordStep(page, users.admin.email);
  await page.getByText("Your password was right. Now the second step of signing in.").waitFor();
  await page.screenshot({ path: `${SHOTS}/claimcheck-2fa-sign-in-code.png` });
  // No session yet: the app is not reachable.
  const me = await page.evaluate(() => fetch("/api/v1/me").then((r) => r.status));
  expect(me).toBe(401);

  await page.getByLabel("Code from your authenticator app").fill("000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("That code is not right.", { exact: false }).waitFor();
  await page.getByLabel("Code from your authenticator app").fill(await freshCode(secret));
  await Promise.all([page.waitForURL(/\/articles$/), page.getByRole("button", { name: "Sign in" }).click()]);
  await page.getByRole("navigation", { name: "Main" }).waitFor();
  await signOutThroughMenu(page);
});

test("a recovery code signs in once", async () => {
  const page = await browser.newPage();
  await passwordStep(page, users.admin.email);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(recoveryCodes[0]);
  await page.screenshot({ path: `${SHOTS}/claimcheck-2fa-sign-in-recovery.png` });
  await Promise.all([page.waitForURL(/\/articles$/), page.getByRole("button", { name: "Sign in" }).click()]);
  await signOutThroughMenu(page);

  // The same code a second time is refused.
  await passwordStep(page, users.admin.email);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(recoveryCodes[0]);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("That recovery code is not valid (each works once).").waitFor();
  expect(new URL(page.url()).pathname).toBe("/sign-in");
});

test("an admin requires it for admins and editors; an editor without it is sent to set it up at the next sign-in", async () => {
  const admin = await browser.newPage();
  await passwordStep(admin, users.admin.email);
  await admin.getByLabel("Code from your authenticator app").fill(await freshCode(secret));
  await Promise.all([admin.waitForURL(/\/articles$/), admin.getByRole("button", { name: "Sign in" }).click()]);
  await admin.goto(`${server.url}/settings`);
  const security = admin.locator("section[aria-labelledby=security-title]");
  await waitForHydration(admin, "section[aria-labelledby=security-title] form");
  const group = security.getByRole("group", { name: "Require two-factor sign-in for" });
  await group.getByLabel("Admins").check();
  await group.getByLabel("Editors").check();
  await security.getByRole("button", { name: "Save security settings" }).click();
  await security.getByText("Saved. Two-factor sign-in is now required for admins and editors", { exact: false }).waitFor();
  await security.scrollIntoViewIfNeeded();
  await admin.screenshot({ path: `${SHOTS}/claimcheck-2fa-settings-require.png` });
  // The admin has a second factor, so nothing changes for them.
  await admin.goto(`${server.url}/articles`);
  await admin.getByRole("navigation", { name: "Main" }).waitFor();

  const editor = await browser.newPage();
  await editor.goto(`${server.url}/sign-in`);
  await waitForHydration(editor, "form");
  await editor.fill("input[name=email]", users.editor.email);
  await editor.fill("input[name=password]", PASSWORD);
  await Promise.all([editor.waitForURL(/\/two-factor\/setup$/), editor.click("form button[type=submit]")]);
  await editor.getByRole("heading", { name: "Set up two-factor sign-in" }).waitFor();
  await waitForHydration(editor, "form");
  await editor.screenshot({ path: `${SHOTS}/claimcheck-2fa-required-setup.png`, fullPage: true });
  // Nothing suggests going on before it is set up; signing out is the other way out.
  await expect(editor.getByRole("link", { name: /continue to the articles/ }).count()).resolves.toBe(0);
  await expect(editor.getByRole("button", { name: "Sign out" }).isVisible()).resolves.toBe(true);
  // Any other page sends them back here.
  await editor.goto(`${server.url}/claims`);
  expect(new URL(editor.url()).pathname).toBe("/two-factor/setup");

  await waitForHydration(editor, "form");
  await editor.getByLabel("Password (to set up two-factor sign-in)").fill(PASSWORD);
  await editor.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const editorSecret = (await editor.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
  await editor.getByLabel("Code from the app").fill(await freshCode(editorSecret));
  await editor.getByRole("button", { name: "Confirm and turn on" }).click();
  await editor.getByText("Two-factor sign-in is on.", { exact: false }).first().waitFor();
  await Promise.all([editor.waitForURL(/\/articles$/), editor.getByRole("link", { name: "I saved the codes: continue to the articles" }).click()]);
  await editor.getByRole("navigation", { name: "Main" }).waitFor();
  expect((await testDb().user.findUniqueOrThrow({ where: { id: users.editor.id } })).twoFactorEnabled).toBe(true);
});
