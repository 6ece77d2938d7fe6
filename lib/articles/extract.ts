/**
 * A web page's main text for import: Mozilla's Readability over a linkedom DOM (no network, no
 * scripts run). Paragraphs are kept as blank-line-separated blocks; navigation, scripts and
 * boilerplate are dropped; metadata comes from the page (title, byline, published date, outlet,
 * canonical URL).
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { normalizeBody } from "@/lib/anchoring/text";

export type ExtractedArticle = {
  title: string;
  byline: string | null;
  publishedAt: string | null;
  outlet: string | null;
  sourceUrl: string | null;
  body: string;
};

const CONTAINERS = new Set(["DIV", "SECTION", "ARTICLE", "UL", "OL", "TABLE", "TBODY", "THEAD", "TR", "FIGURE", "HEADER", "FOOTER", "MAIN", "ASIDE", "DL", "HR"]);
const BLOCKS = new Set(["P", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "BLOCKQUOTE", "PRE", "FIGCAPTION", "DT", "DD", "TD", "TH"]);

function meta(doc: Document, ...names: string[]): string | null {
  for (const name of names) {
    const el = doc.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`);
    const v = el?.getAttribute("content")?.trim();
    if (v) return v;
  }
  return null;
}

function squash(text: string): string {
  return text.replace(/[ \t\f\v\u00a0]+/g, " ").replace(/ *\n */g, "\n").trim();
}

/** Text of an HTML fragment, one block (paragraph, heading, list item) per paragraph. */
export function htmlToParagraphs(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body><div id="root">${html}</div></body></html>`);
  const out: string[] = [];
  let inline = "";
  const flush = () => {
    const t = squash(inline.replace(/\n/g, " "));
    if (t) out.push(t);
    inline = "";
  };
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        inline += child.textContent ?? "";
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      const tag = el.tagName.toUpperCase();
      if (tag === "SCRIPT" || tag === "STYLE" || tag === "NOSCRIPT") continue;
      if (tag === "BR") {
        inline += " ";
        continue;
      }
      if (BLOCKS.has(tag) || CONTAINERS.has(tag)) {
        // Block boundaries end a paragraph; nested blocks simply make more boundaries.
        flush();
        walk(el);
        flush();
      } else {
        walk(el);
      }
    }
  };
  walk(document.getElementById("root")!);
  flush();
  return out.join("\n\n");
}

function toIsoDate(value: string | null): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function httpUrl(value: string | null | undefined, base: string | null): string | null {
  if (!value) return null;
  try {
    const u = base ? new URL(value, base) : new URL(value);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : null;
  } catch {
    return null;
  }
}

/**
 * Removes whole elements by tag name in one linear pass (no backtracking regex on untrusted
 * input); JSON-LD scripts stay for their metadata. An unclosed element ends the stripping.
 */
export function stripElements(html: string, tags: string[]): string {
  const lower = html.toLowerCase();
  let out = "";
  let pos = 0;
  const open = new RegExp(`<(${tags.join("|")})\\b`, "g");
  for (;;) {
    open.lastIndex = pos;
    const m = open.exec(lower);
    if (!m) break;
    const tag = m[1];
    const tagEnd = lower.indexOf(">", m.index);
    if (tagEnd === -1) break;
    if (tag === "script" && lower.slice(m.index, tagEnd).includes("application/ld+json")) {
      out += html.slice(pos, tagEnd + 1);
      pos = tagEnd + 1;
      continue;
    }
    const close = lower.indexOf(`</${tag}`, tagEnd);
    if (close === -1) break;
    const closeEnd = lower.indexOf(">", close);
    out += html.slice(pos, m.index);
    pos = closeEnd === -1 ? lower.length : closeEnd + 1;
  }
  return out + html.slice(pos);
}

/** Extracts an article from a page's HTML; `pageUrl` (where it came from) resolves relative links. */
export function extractArticle(html: string, pageUrl: string | null): ExtractedArticle {
  // Scripts, styles and inline SVG are most of a modern page's bytes and none of its text; drop
  // them before parsing (JSON-LD metadata is kept for the published date).
  html = stripElements(html, ["script", "style", "svg", "noscript", "template"]);
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;
  const canonical = httpUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute("href"), pageUrl) ?? httpUrl(meta(doc, "og:url"), pageUrl) ?? httpUrl(pageUrl, null);
  const outlet = meta(doc, "og:site_name", "application-name", "publisher") ?? (canonical ? new URL(canonical).hostname.replace(/^www\./, "") : null);
  let published = toIsoDate(meta(doc, "article:published_time", "datePublished", "date", "pubdate", "DC.date.issued", "parsely-pub-date"));
  if (!published) {
    for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
      const m = (s.textContent ?? "").match(/"datePublished"\s*:\s*"([^"]+)"/);
      if (m) {
        published = toIsoDate(m[1]);
        if (published) break;
      }
    }
  }
  if (!published) published = toIsoDate(doc.querySelector("time[datetime]")?.getAttribute("datetime") ?? null);
  const metaTitle = meta(doc, "og:title", "twitter:title") ?? doc.querySelector("title")?.textContent?.trim() ?? null;
  const metaByline = meta(doc, "author", "article:author", "byl");

  const parsed = new Readability(doc, { charThreshold: 200 }).parse();
  let body = parsed?.content ? htmlToParagraphs(parsed.content) : "";
  if (!body) {
    // Readability found no main text (a short page or a bare fragment): keep the page's own text.
    const { document: fresh } = parseHTML(html);
    for (const el of Array.from(fresh.querySelectorAll("nav, header, footer, aside, form, button"))) el.remove();
    body = htmlToParagraphs(fresh.body?.innerHTML || fresh.documentElement?.outerHTML || html);
  }
  const title = squash(parsed?.title || metaTitle || "Untitled page").slice(0, 300);
  const byline = squash(parsed?.byline || metaByline || "").replace(/^by\s+/i, "").slice(0, 200) || null;
  if (!published && parsed?.publishedTime) published = toIsoDate(parsed.publishedTime);
  return {
    title,
    byline,
    publishedAt: published,
    outlet: (parsed?.siteName || outlet)?.slice(0, 200) ?? null,
    sourceUrl: canonical,
    body: normalizeBody(body),
  };
}
