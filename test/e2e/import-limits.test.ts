/**
 * An article text over the 2 MB limit is refused in the browser, before anything is uploaded.
 */
import { startServer, type TestServer } from "../support/server";
import { PASSWORD, demoArticle, seedUsers, testDb } from "../support/fixtures";
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

test("no article form copies its text into the browser's history entry (autocomplete off on the text box)", async () => {
  // Chromium copies every form field's value into the history entry on each history change; for a
  // 2 MB text that blocked the page ~400 ms on leaving the form (article-fields.tsx). Measured by
  // `npm run bench -- browser` (the form import's "to the new article's address"); here, the setting.
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.editor.email, PASSWORD);
  const article = await demoArticle();
  const boxes: string[] = [];
  await page.goto(`${server.url}/articles/new`);
  await waitForHydration(page, "textarea[name=body]");
  boxes.push(`import: ${await page.locator("textarea[name=body]").getAttribute("autocomplete")}`);
  const html = `<html><head><title>Budget approved</title></head><body><article><h1>Budget approved</h1><p>The council approved a budget of $4.2 billion on Tuesday.</p></article></body></html>`;
  await page.getByLabel("…or upload the page as an .html file").setInputFiles({ name: "budget.html", mimeType: "text/html", buffer: Buffer.from(html) });
  const preview = page.locator("form[aria-label='Preview to correct before saving'] textarea[name=body]");
  await preview.waitFor();
  boxes.push(`web import preview: ${await preview.getAttribute("autocomplete")}`);
  await page.goto(`${server.url}/articles/${article.id}/edit`);
  await waitForHydration(page, "textarea[name=body]");
  boxes.push(`edit: ${await page.locator("textarea[name=body]").getAttribute("autocomplete")}`);
  expect(boxes).toEqual(["import: off", "web import preview: off", "edit: off"]);
}, 60_000);
