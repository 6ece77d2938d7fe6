/**
 * `npm run bench -- queues`: the Review queue, the filtered claims list and GET /api/v1/stats with
 * 10,000 claims over 200 articles. Each route (API and page) is asked sequentially after a
 * warm-up, so a response's time is the server's time plus loopback; target p50 and p99 < 50 ms.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyPendingMigrations } from "../../prisma/migrator.mts";
import { seed } from "../../prisma/seed-data.mts";
import { createPrismaClient } from "../../lib/db-client.ts";
import { createAccount } from "../../lib/users/accounts.ts";
import { quoteSelector } from "../../lib/anchoring/text.ts";
import { DEFAULT_STATUS_SCALE } from "../../lib/statuses/scale.ts";
import { searchDocument } from "../../lib/search/fold.ts";
import { startAppServer } from "../app-server.ts";
import { buildIsCurrent } from "../build-digest.mts";

const ARTICLES = 200;
const CLAIMS_PER_ARTICLE = 50;
const WARMUP = 10;
const REQUESTS = 100;
const TARGET_MS = 50;
const password = "bench passphrase that is long enough";

const log = (m: string) => console.log(`[bench queues] ${m}`);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

const WORDS = ["minister", "budget", "Straße", "inflation", "schools", "hospital", "Ärzte", "bridge", "taxes", "record", "growth", "police", "13%", "rail", "wages"];

function sentence(i: number, j: number) {
  const w = (k: number) => WORDS[(i * 7 + j * 3 + k) % WORDS.length];
  return `Sentence ${j + 1} of article ${i + 1} says the ${w(0)} and the ${w(1)} rose by ${(i + j) % 40} percent under the ${w(2)}.`;
}

async function prepare(dbPath: string) {
  await applyPendingMigrations(dbPath);
  const db = createPrismaClient(`file:${dbPath}`);
  try {
    await seed(db, { ...process.env, SEED_ADMIN_EMAIL: "", SEED_ADMIN_PASSWORD: "" });
    const editor = await createAccount(db, { email: "bench-editor@example.com", name: "Bench Editor", role: "editor", password }, null);
    const checkers = await Promise.all(
      [1, 2, 3].map((n) => createAccount(db, { email: `bench-checker${n}@example.com`, name: `Checker ${n}`, role: "checker", password }, null)),
    );
    const t0 = Date.now() - 30 * 86_400_000;
    for (let i = 0; i < ARTICLES; i++) {
      const sentences = Array.from({ length: CLAIMS_PER_ARTICLE + 10 }, (_, j) => sentence(i, j));
      const body = sentences.join(" ");
      const article = await db.article.create({
        data: { title: `Bench article ${i + 1}: the ${WORDS[i % WORDS.length]} story`, body, outlet: `Outlet ${i % 9}`, createdById: editor.id, claimCounter: CLAIMS_PER_ARTICLE },
        select: { id: true },
      });
      let at = 0;
      const rows = [];
      for (let j = 0; j < sentences.length; j++) {
        const start = at;
        const end = at + sentences[j].length;
        at = end + 1;
        if (j >= CLAIMS_PER_ARTICLE) continue;
        const n = i * CLAIMS_PER_ARTICLE + j;
        const status = DEFAULT_STATUS_SCALE[n % DEFAULT_STATUS_SCALE.length];
        const setter = checkers[n % checkers.length];
        const sel = quoteSelector(body, start, end);
        const reviewState = !status.isVerdict ? "none" : n % 5 === 0 ? "approved" : n % 7 === 0 ? "rejected" : "pending";
        const changed = new Date(t0 + n * 60_000);
        const summary = `Claim ${j + 1}`;
        const rationale = status.isVerdict ? `Checked against the ${WORDS[n % WORDS.length]} figures (claim ${n}).` : "";
        rows.push({
          id: randomUUID(),
          articleId: article.id,
          number: j + 1,
          start,
          end,
          ...sel,
          checkedQuote: sel.quote,
          summary,
          rationale,
          statusKey: status.key,
          statusSetById: status.key === "unchecked" ? null : setter.id,
          reviewState,
          reviewChangers: reviewState === "pending" ? JSON.stringify([setter.id, ...(n % 11 === 0 ? [editor.id] : [])]) : "[]",
          assigneeId: n % 4 === 0 ? null : checkers[n % 3].id,
          dueAt: n % 6 === 0 ? new Date(t0 + 40 * 86_400_000 + n * 1000) : null,
          createdById: setter.id,
          createdAt: changed,
          updatedAt: changed,
          searchText: searchDocument([sel.quote, summary, "", rationale]),
          searchAt: changed,
        });
      }
      await db.claim.createMany({ data: rows });
    }
    return { claims: await db.claim.count(), articles: await db.article.count() };
  } finally {
    await db.$disconnect();
  }
}

async function signIn(base: string) {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: "bench-editor@example.com", password }),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((l) => l.split(";")[0])
    .filter((p) => !p.endsWith("="))
    .join("; ");
}

async function measure(url: string, cookie: string) {
  const once = async () => {
    const t = performance.now();
    const res = await fetch(url, { headers: { cookie, "accept-encoding": "identity" } });
    const text = await res.text();
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 200)}`);
    return { ms, text };
  };
  let sample = "";
  for (let i = 0; i < WARMUP; i++) sample = (await once()).text;
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) times.push((await once()).ms);
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p99: pct(times, 99), max: times[times.length - 1], sample };
}

/** The `queues` bench section. */
export async function runQueuesBench() {
  const started = performance.now();
  const root = process.cwd();
  if (!buildIsCurrent()) {
    log("the production build is missing or stale: running npm run build");
    const build = spawnSync("npm", ["run", "-s", "build"], { stdio: "inherit", cwd: root });
    if (build.status !== 0) throw new Error("the build failed");
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-bench-queues-"));
  const dbPath = path.join(dir, "bench.db");
  const t0 = performance.now();
  const counts = await prepare(dbPath);
  log(`database ready in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${counts.claims} claims over ${counts.articles} articles`);
  const server = await startAppServer({ DATABASE_URL: `file:${dbPath}`, BETTER_AUTH_SECRET: "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz" }, root);
  try {
    const cookie = await signIn(server.url);
    const routes: [string, string, (body: string) => string][] = [
      ["Review queue, API (reviewable=true, sort=due)", "/api/v1/claims?reviewable=true&sort=due", (b) => `${JSON.parse(b).claims.length} claims on the page`],
      ["Review queue, page (/review)", "/review", (b) => `${(b.match(/data-claim-row=/g) ?? []).length} rows`],
      ["Claims list, API (status + assignee=none + q)", "/api/v1/claims?status=false&assignee=none&q=minister", (b) => `${JSON.parse(b).claims.length} claims on the page`],
      ["Claims list, API (q=ärzte, sort=oldest)", `/api/v1/claims?q=${encodeURIComponent("ÄRZTE")}&sort=oldest`, (b) => `${JSON.parse(b).claims.length} claims on the page`],
      ["Claims list, page (status + review state + q)", `/claims?status=false&reviewState=pending&q=budget`, (b) => `${(b.match(/data-claim-row=/g) ?? []).length} rows`],
      ["GET /api/v1/stats (all articles)", "/api/v1/stats", (b) => `${JSON.parse(b).totals.claims} claims counted`],
    ];
    const results = [];
    for (const [name, route, describe] of routes) {
      const r = await measure(server.url + route, cookie);
      results.push({ route: name, p50: `${r.p50.toFixed(1)} ms`, p99: `${r.p99.toFixed(1)} ms`, max: `${r.max.toFixed(1)} ms`, target: r.p50 < TARGET_MS && r.p99 < TARGET_MS ? "MET" : "NOT MET", answer: describe(r.sample) });
    }
    console.log("");
    console.log(`Machine: ${os.cpus().length} CPU(s), Node ${process.version}. ${REQUESTS} sequential requests per route after ${WARMUP} warm-up, loopback, uncompressed.`);
    console.log(`Target: p50 and p99 under ${TARGET_MS} ms with ${counts.claims} claims over ${counts.articles} articles.`);
    console.table(results);
    console.log(`Total ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(server.output().slice(-3000));
    throw error;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
