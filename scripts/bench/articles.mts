/**
 * `npm run bench -- articles`: re-anchoring 300 claims after an edit of a 40,000-character article
 * (five sentences changed, one paragraph moved), importing a 1 MB page from a local server, and
 * the claim suggestions' precision and recall on the labelled set. Prints figures and MET/NOT MET.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { reanchorClaims } from "../../lib/anchoring/reanchor.ts";
import { quoteSelector } from "../../lib/anchoring/text.ts";
import { safeFetch } from "../../lib/fetch/safe-fetch.ts";
import { extractArticle } from "../../lib/articles/extract.ts";
import { suggestClaims } from "../../lib/suggestions/score.ts";
import { evaluateSuggestions } from "../../lib/suggestions/evaluate.ts";
import { DEMO_MUST_INCLUDE, DEMO_MUST_NOT_INCLUDE, LABELLED, labelledText } from "../../test/fixtures/suggestions/labelled.ts";
import { startPageServer } from "../../test/support/page-server.ts";

const REANCHOR_TARGET_MS = 200;
const IMPORT_TARGET_MS = 1000;

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const verdict = (ok: boolean) => (ok ? "MET" : "NOT MET");

/** A seeded pseudo-random generator, so every run edits the same article the same way. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const WORDS =
  "government minister said report percent million year city council budget police election vote party leader country war peace talks agreement deal trade export import price inflation rate bank market growth company workers union strike school hospital health water energy climate summit border army official statement visit president according accused denied announced record highest since months weeks".split(
    " ",
  );

function makeArticle(targetChars: number) {
  const r = rng(42);
  const paragraphs: string[][] = [];
  let total = 0;
  let n = 0;
  while (total < targetChars) {
    const sentences: string[] = [];
    for (let s = 0; s < 4; s++) {
      const words = Array.from({ length: 12 + Math.floor(r() * 10) }, () => WORDS[Math.floor(r() * WORDS.length)]);
      words.splice(3, 0, String(1000 + n++)); // a unique figure in each sentence, as real articles have
      const sentence = words.join(" ");
      sentences.push(sentence[0].toUpperCase() + sentence.slice(1) + ".");
    }
    paragraphs.push(sentences);
    total += sentences.join(" ").length + 2;
  }
  return paragraphs;
}

function benchReanchor() {
  const paragraphs = makeArticle(40_000);
  const body = paragraphs.map((p) => p.join(" ")).join("\n\n");
  const r = rng(7);
  // 300 claims on whole sentences or parts of them.
  const all: { start: number; end: number }[] = [];
  let offset = 0;
  for (const p of paragraphs) {
    for (const s of p) {
      all.push({ start: offset, end: offset + s.length });
      offset += s.length + 1;
    }
    offset += 1;
  }
  const picked = all.filter(() => r() < 300 / all.length * 1.05).slice(0, 300);
  while (picked.length < 300) picked.push(all[picked.length]);
  const claims = picked.map((s, i) => {
    const start = r() < 0.5 ? s.start : s.start + body.slice(s.start, s.end).indexOf(" ") + 1;
    return { id: String(i), ...quoteSelector(body, start, s.end), anchor: "exact" };
  });
  // The edit: five sentences changed (a word or a figure), one paragraph moved.
  const edited = paragraphs.map((p) => [...p]);
  for (let k = 0; k < 5; k++) {
    const pi = 3 + k * 17;
    edited[pi][1] = edited[pi][1].replace(/ (\w+) /, " revised ");
  }
  const [moved] = edited.splice(10, 1);
  edited.splice(40, 0, moved);
  const newBody = edited.map((p) => p.join(" ")).join("\n\n");

  reanchorClaims(newBody, claims); // warm-up
  const times: number[] = [];
  let results = reanchorClaims(newBody, claims);
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    results = reanchorClaims(newBody, claims);
    times.push(performance.now() - t);
  }
  const count = (k: string) => results.filter((x) => x.anchor === k).length;
  const fast = results.filter((x) => x.via === "context").length;
  const bad = results.filter((x) => x.start !== null && newBody.slice(x.start, x.end!) !== x.quote).length;
  const ms = median(times);
  console.log(
    `Re-anchoring ${claims.length} claims in a ${newBody.length.toLocaleString("en")}-character article (5 sentences changed, 1 paragraph moved): ` +
      `median ${ms.toFixed(1)} ms over ${times.length} runs (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}); ` +
      `${count("exact")} exact, ${count("moved")} moved, ${count("orphaned")} orphaned; ${fast} found by the fast path (no fuzzy search); ` +
      `${bad} with offsets that do not slice to the quote. Target < ${REANCHOR_TARGET_MS} ms: ${verdict(ms < REANCHOR_TARGET_MS && bad === 0)}`,
  );
}

async function benchImport() {
  // Shaped like a real news page of 1 MB: the article is a small part; scripts, styles, menus and
  // related-story lists are most of the bytes.
  const article = Array.from(
    { length: 60 },
    (_, i) => `<p>Paragraph ${i}: the council approved a budget of $${i}.2 billion on Tuesday, the largest in the city's history, officials said in a statement, and <a href="/x/${i}">critics</a> disagreed.</p>`,
  ).join("\n");
  const nav = `<nav><ul>${Array.from({ length: 300 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join("")}</ul></nav>`;
  const related = `<aside><h2>Most read</h2><ul>${Array.from({ length: 200 }, (_, i) => `<li><a href="/story/${i}"><img src="/i/${i}.jpg" alt="">Story number ${i} about something else</a></li>`).join("")}</ul></aside>`;
  const style = `<style>${".c{color:#123;margin:0 auto;padding:1px 2px}".repeat(5000)}</style>`;
  let html = `<!doctype html><html><head><title>Big page</title><meta property="og:site_name" content="Bench Wire">${style}</head><body>${nav}<article><h1>Big page</h1>${article}</article>${related}`;
  let k = 0;
  while (html.length < 1024 * 1024 - 100) html += `<script>window.__data${k++}=${JSON.stringify({ items: Array.from({ length: 50 }, (_, i) => ({ id: i, title: "headline " + i })) })};</script>`;
  html += "</body></html>";
  const server = await startPageServer(new Map([["/big", { body: html }]]));
  try {
    const times: number[] = [];
    let chars = 0;
    for (let k = 0; k < 5; k++) {
      const t = performance.now();
      const page = await safeFetch(`${server.url}/big`, { allowedHosts: [`127.0.0.1:${server.port}`] });
      const article = extractArticle(page.text, page.url);
      times.push(performance.now() - t);
      chars = article.body.length;
    }
    const ms = median(times);
    console.log(
      `URL import of a ${(Buffer.byteLength(html) / 1024 / 1024).toFixed(2)} MB page from a local server (safe fetch + Readability over linkedom, ${chars.toLocaleString("en")} characters of text kept): ` +
        `median ${ms.toFixed(0)} ms over ${times.length} runs (first ${times[0].toFixed(0)} ms). Target < ${IMPORT_TARGET_MS} ms: ${verdict(ms < IMPORT_TARGET_MS)}`,
    );
  } finally {
    await server.close();
  }
}

function benchSuggestions() {
  const r = evaluateSuggestions(LABELLED.map(labelledText));
  const demo = readFileSync(path.join(process.cwd(), "prisma/demo-article.txt"), "utf8").replace(/\r\n?/g, "\n").normalize("NFC");
  const s = suggestClaims(demo);
  const included = DEMO_MUST_INCLUDE.filter((q) => s.some((x) => x.quote.includes(q))).length;
  const excluded = DEMO_MUST_NOT_INCLUDE.filter((q) => !s.some((x) => x.quote.includes(q))).length;
  const sentences = LABELLED.reduce((n, a) => n + a.paragraphs.flat().length, 0);
  console.log(
    `Claim suggestions on the labelled set (${LABELLED.length} articles, ${sentences} sentences, written for this project): precision ${r.precision.toFixed(2)}, recall ${r.recall.toFixed(2)} ` +
      `(TP ${r.tp}, FP ${r.fp}, FN ${r.fn}, TN ${r.tn}). Demo article: ${included}/${DEMO_MUST_INCLUDE.length} required sentences suggested, ` +
      `${excluded}/${DEMO_MUST_NOT_INCLUDE.length} headline question left out: ${verdict(included === DEMO_MUST_INCLUDE.length && excluded === DEMO_MUST_NOT_INCLUDE.length)}`,
  );
}

/** The `articles` bench section. */
export async function benchArticles() {
  console.log("== articles ==");
  benchReanchor();
  await benchImport();
  benchSuggestions();
}
