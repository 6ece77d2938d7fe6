/**
 * End to end: typing in the claim form. The text boxes are fixed-size boxes (each lays out and
 * paints apart from the page, for typing speed): a long rationale scrolls inside its box, the form
 * does not move, and all of it is saved; the article's selection is still read after typing.
 */
import type { Page } from "playwright-core";
import { startServer, type TestServer } from "../support/server";
import { PASSWORD, seedUsers, testDb } from "../support/fixtures";
import { openBrowser, screenshotIfAsked, selectWithMouse, signInThroughForm, waitForHydration } from "../support/browser";

jest.setTimeout(180_000);

let server: TestServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let article: { id: string; title: string };
let users: Awaited<ReturnType<typeof seedUsers>>;

beforeAll(async () => {
  users = await seedUsers();
  article = await testDb().article.findFirstOrThrow({ select: { id: true, title: true } });
  server = await startServer();
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await testDb().$disconnect();
});

/** Signed in as the checker, on the demo article, with a new claim on `quote` (marked with the mouse) open. */
async function openNewClaim(quote: string): Promise<Page> {
  const page = await browser.newPage();
  await signInThroughForm(page, server.url, users.checker.email, PASSWORD);
  await Promise.all([page.waitForURL(`**/articles/${article.id}`), page.getByRole("link", { name: article.title }).click()]);
  await waitForHydration(page, "[role=document]");
  await selectWithMouse(page, quote);
  await page.getByRole("button", { name: "Add claim" }).click();
  await page.locator("section[aria-labelledby=claim-editor-title] blockquote", { hasText: quote }).waitFor();
  await waitForHydration(page, "textarea[name=rationale]");
  return page;
}

test("a long rationale scrolls inside its box, the form stays put, and Ctrl+Enter saves all of it", async () => {
  const quote = "Xi last visited Russia in 2019";
  const page = await openNewClaim(quote);
  const rationale = page.locator("textarea[name=rationale]");
  const save = page.locator("section[aria-labelledby=claim-editor-title]").getByRole("button", { name: "Save", exact: true });
  // Each text box is a layout and paint boundary of its own (contain: strict), so a keystroke in it
  // lays out and paints only the box, not the 300-claim page around it (what `npm run bench --
  // browser` times per keystroke).
  const containment = await page.evaluate(() =>
    ["summary", "claimant", "rationale"].map((name) => {
      const el = document.querySelector<HTMLElement>(`section[aria-labelledby=claim-editor-title] [name=${name}]`);
      return el ? getComputedStyle(el).contain : "missing";
    }),
  );
  expect(containment).toEqual(["strict", "strict", "strict"]);
  const boxBefore = (await rationale.boundingBox())!;
  const saveBefore = (await save.boundingBox())!;

  const paragraph = "The customs table for March shows exports of 4.1 billion, not the 5 billion the minister quoted. ";
  const text = `Checked against the customs service's own table.\n${paragraph.repeat(6)}\nSecond source: the central bank's monthly bulletin.`;
  await rationale.fill("");
  await rationale.click();
  await page.keyboard.type(text);

  // Ten lines in a five-row box: the box keeps its size and scrolls; the Save button below it stays where it was.
  const boxAfter = (await rationale.boundingBox())!;
  expect(boxAfter.height).toBeCloseTo(boxBefore.height, 0);
  expect(boxAfter.width).toBeCloseTo(boxBefore.width, 0);
  expect((await save.boundingBox())!.y - boxAfter.y).toBeCloseTo(saveBefore.y - boxBefore.y, 0);
  expect(await rationale.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  // The caret (at the end) is in view: the box scrolled down to its last line (the bottom padding may stay below).
  const scroll = await rationale.evaluate((el) => ({ top: el.scrollTop, view: el.clientHeight, height: el.scrollHeight }));
  expect(scroll.top).toBeGreaterThan(0);
  expect(scroll.height - (scroll.top + scroll.view)).toBeLessThan(20);
  await page.getByText("Unsaved changes · Ctrl+Enter saves").waitFor();

  await page.keyboard.press("Control+Enter");
  await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
  await page.reload();
  await waitForHydration(page, "[role=document]");
  await page.locator("section[aria-labelledby=claims-title] ol > li button", { hasText: quote }).click();
  await waitForHydration(page, "textarea[name=rationale]");
  expect(await page.locator("textarea[name=rationale]").inputValue()).toBe(text);
  await page.close();
});

test("after typing in the form, selecting a passage of the text with the mouse still offers Add claim", async () => {
  const page = await openNewClaim("Putin attended the opening of the Winter Olympics in Beijing last year");
  const summary = page.locator("input[name=summary]");
  await summary.click();
  await page.keyboard.press("End");
  await page.keyboard.type(" (draft)");
  expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("summary");

  await selectWithMouse(page, "the Kremlin announced on Friday");
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe("the Kremlin announced on Friday");
  await page.getByRole("button", { name: "Add claim" }).waitFor();
  // The edit typed before is still in the form, unsaved.
  expect(await summary.inputValue()).toMatch(/ \(draft\)$/);
  await page.getByText("Unsaved changes · Ctrl+Enter saves").waitFor();
  page.once("dialog", (d) => d.accept());
  await page.close({ runBeforeUnload: false });
});

test("typing in a text box renders nothing but the keystroke: the form keeps its props, and what was typed is kept and saved", async () => {
  const quote = "to restore their bilateral relations";
  const page = await openNewClaim(quote);
  const rationale = page.locator("textarea[name=rationale]");
  await rationale.click();
  // The first keystroke makes the form dirty: the save row and the list's marker change (one render).
  await page.keyboard.type("C");
  await page.getByText("Unsaved changes · Ctrl+Enter saves").waitFor();
  await page.locator("section[aria-labelledby=claims-title] ol > li button", { hasText: quote }).getByText("✎ Unsaved edits").waitFor();
  // React keeps the props of a rendered element on its DOM node (`__reactProps$…`); a render of the
  // editor or of the box gives them new ones. Twenty more keystrokes must give neither new props.
  const props = () =>
    page.evaluate(() => {
      const w = window as unknown as { __seen?: unknown[] };
      const nodes = ["section[aria-labelledby=claim-editor-title] form", "textarea[name=rationale]"].map((s) => document.querySelector(s)!);
      const now = nodes.map((n) => (n as unknown as Record<string, unknown>)[Object.keys(n).find((k) => k.startsWith("__reactProps$"))!]);
      const same = w.__seen ? now.map((p, i) => p === w.__seen![i]) : null;
      w.__seen = now;
      return same;
    });
  expect(await props()).toBeNull();
  const typed = "hecked against the customs table.";
  await page.keyboard.type(typed);
  expect(await rationale.inputValue()).toBe(`C${typed}`);
  expect(await props()).toEqual([true, true]);

  // Moving to another claim and back restores the typed text (the workspace has it), and Ctrl+Enter saves all of it.
  await page.locator("section[aria-labelledby=claims-title] ol > li button").first().click();
  await page.locator("section[aria-labelledby=claims-title] ol > li button", { hasText: quote }).click();
  await waitForHydration(page, "textarea[name=rationale]");
  expect(await page.locator("textarea[name=rationale]").inputValue()).toBe(`C${typed}`);
  await screenshotIfAsked(page, "claim-editor-unsaved");
  await page.locator("textarea[name=rationale]").click();
  await page.keyboard.press("End");
  await page.keyboard.type("!");
  await page.keyboard.press("Control+Enter");
  await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
  await page.getByText("All changes saved").waitFor();
  expect(await page.getByText("✎ Unsaved edits").count()).toBe(0);
  await page.reload();
  await waitForHydration(page, "[role=document]");
  await page.locator("section[aria-labelledby=claims-title] ol > li button", { hasText: quote }).click();
  await waitForHydration(page, "textarea[name=rationale]");
  expect(await page.locator("textarea[name=rationale]").inputValue()).toBe(`C${typed}!`);
  await page.close();
});
