/**
 * Browser helpers for the end-to-end tests: Debian's Chromium driven by playwright-core
 * (no browser download), signing in through the real form, and selecting text with the mouse.
 */
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Waits until React has hydrated the element matching `selector` (React puts its props on the
 * DOM node as a `__reactProps$…` key). Before that, a click on a form would submit it natively.
 */
export async function waitForHydration(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    return !!el && Object.keys(el).some((k) => k.startsWith("__reactProps$"));
  }, selector);
}

/** Signs in through the /sign-in form and waits for the articles list. */
export async function signInThroughForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await waitForHydration(page, "form");
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", password);
  await Promise.all([page.waitForURL(/\/articles$/), page.click("form button[type=submit]")]);
}

export type TextBoxes = {
  /** Body offset of the first character of the text. */
  start: number;
  first: { x: number; y: number; width: number; height: number };
  last: { x: number; y: number; width: number; height: number };
};

/**
 * Finds `text` in the article body (the runs of text inside [role=document]: elements with
 * data-start that are not blocks, [data-block]), scrolls it into view, and returns the viewport
 * boxes of its first and last characters, measured with DOM Ranges over the text nodes. The text
 * is drawn in blocks that the browser lays out only near the screen, so after scrolling the boxes
 * are measured again until they stop moving. Throws inside the page if the text is not there
 * exactly once.
 */
export async function characterBoxes(page: Page, text: string): Promise<TextBoxes> {
  // The article text is drawn in the browser after hydration (the server sends a placeholder).
  await page.waitForSelector("[role=document] [data-start]");
  return page.evaluate(async (needle) => {
    const root = document.querySelector<HTMLElement>("[role=document]");
    if (!root) throw new Error("no [role=document] on the page");
    // Each text node of a run, with the body offset where it starts (badge labels excluded).
    const nodes: { node: Text; at: number }[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest("[data-badge]")) continue;
      const run = parent.closest<HTMLElement>("[data-start]:not([data-block])");
      if (!run) continue;
      nodes.push({ node: n as Text, at: Number(run.dataset.start) });
    }
    const body = nodes.map((n) => n.node.data).join("");
    const index = body.indexOf(needle);
    if (index < 0 || body.indexOf(needle, index + 1) >= 0) throw new Error(`"${needle}" is not in the text exactly once`);
    const start = nodes[0].at + index;
    const locate = (offset: number) => {
      const hit = nodes.find((n) => offset >= n.at && offset < n.at + n.node.data.length);
      if (!hit) throw new Error(`no text node holds offset ${offset}`);
      return { node: hit.node, offset: offset - hit.at };
    };
    const boxOf = (offset: number) => {
      const { node, offset: o } = locate(offset);
      const range = document.createRange();
      range.setStart(node, o);
      range.setEnd(node, o + 1);
      return range;
    };
    const rect = (offset: number) => {
      const r = boxOf(offset).getClientRects()[0];
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    // A run can be taller than the window, so centre the character itself, not its element.
    let last = "";
    for (let i = 0; i < 10; i++) {
      const top = boxOf(start).getBoundingClientRect().top;
      if (top < window.innerHeight * 0.2 || top > window.innerHeight * 0.7) window.scrollBy(0, top - window.innerHeight / 2);
      await frame();
      const now = JSON.stringify([rect(start), rect(start + needle.length - 1), window.scrollY]);
      if (now === last) break;
      last = now;
    }
    return { start, first: rect(start), last: rect(start + needle.length - 1) };
  }, text);
}

/**
 * Selects `text` in the article with a real mouse drag: press in the left part of its first
 * character, move in steps, release in the right part of its last character.
 */
export async function selectWithMouse(page: Page, text: string): Promise<TextBoxes> {
  const boxes = await characterBoxes(page, text);
  const from = { x: boxes.first.x + boxes.first.width * 0.2, y: boxes.first.y + boxes.first.height / 2 };
  const to = { x: boxes.last.x + boxes.last.width * 0.8, y: boxes.last.y + boxes.last.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
  return boxes;
}

/**
 * One Chromium for a test file, handing out pages in fresh contexts (no cookies shared between
 * them); `close()` ends them all.
 */
export async function openBrowser(): Promise<{ newPage: () => Promise<Page>; close: () => Promise<void> }> {
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  return {
    newPage: async () => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
      contexts.push(context);
      return context.newPage();
    },
    close: async () => {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
    },
  };
}

/**
 * Follows a link of the header (the Main navigation), opening its menu first when the link is
 * in there (secondary pages at every width; every page on narrow screens).
 */
export async function followHeaderLink(page: Page, name: string, url: RegExp | string): Promise<void> {
  const nav = page.getByRole("navigation", { name: "Main" });
  const link = nav.getByRole("link", { name, exact: true });
  if (!(await link.isVisible())) await nav.getByRole("button", { name: "Menu" }).click();
  await Promise.all([page.waitForURL(url), link.click()]);
}

/** Signs out through the header menu and waits for the sign-in page. */
export async function signOutThroughMenu(page: Page): Promise<void> {
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("button", { name: "Menu" }).click();
  await Promise.all([page.waitForURL(/\/sign-in$/), nav.getByRole("button", { name: "Sign out" }).click()]);
}

/** A screenshot into SCREENSHOT_DIR (to look at while working on a screen); nothing when it is not set. */
export async function screenshotIfAsked(page: Page, name: string, fullPage = false): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage });
}
