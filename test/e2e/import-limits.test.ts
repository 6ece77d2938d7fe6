/**
 * An article text over the 2 MB limit is refused in the browser, before anything is uploaded.
 */
import { startServer, type TestServer } from "../support/server";
import { PASSWORD, seedUsers, testDb } from "../support/fixtures";
import { openBrowser, signInThroughForm, waitForHydration } from "../support/browser";

let server: TestServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let users: Awaited<ReturnType<typeof seedUsers>>;

beforeAll(async () => {
  users = await seedUsers();
  server = await startServer();
  browser = await openBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await testDb().$disconnect();
});

test("an over-size article text is refused in the form without an upload", async () => {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.editor.email, PASSWORD);
  await page.goto(`${server.url}/articles/new`);
  await waitForHydration(page, "textarea[name=body]");
  await page.fill("input[name=title]", "Too long");
  // Set the value directly: typing 2 MB would take minutes.
  await page.locator("textarea[name=body]").evaluate((el, n) => ((el as HTMLTextAreaElement).value = "word ".repeat(n)), Math.ceil((2 * 1024 * 1024 + 1) / 5));
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() !== "GET") posts.push(r.url());
  });
  await page.getByRole("button", { name: "Import article" }).click();
  await page.getByText("The article body may be at most 2 MB of text.").first().waitFor();
  expect(posts).toEqual([]);
  expect(page.url()).toMatch(/\/articles\/new$/);
  expect(await testDb().article.count({ where: { title: "Too long" } })).toBe(0);
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/import-too-long.png` });
}, 60_000);
