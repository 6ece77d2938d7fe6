/**
 * `npm run bench -- queues`: the desk's pages (Review queue, the filtered claims list, My queue,
 * the dashboard), their APIs and GET /api/v1/stats with 10,000 claims over 200 articles. Each
 * route is asked sequentially after a warm-up, so a response's time is the server's time plus
 * loopback; target p50 and p99 < 50 ms. Each page alternates with an empty page inside the same
 * layout, printed beside it: the part of a page's time that is Next's own machinery.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
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

/** Builds the bench database (10,000 claims over 200 articles) at `dbPath`. */
export async function prepare(dbPath: string) {
  await applyPendingMigrations(dbPath);
  const db = createPrismaClient(`file:${dbPath}`);
  try {
    await seed(db, { ...process.env, SEED_ADMIN_EMAIL: "", SEED_ADMIN_PASSWORD: "" });
    const editor = await createAccount(db, { email: "bench-editor@example.com", name: "Bench Editor", role: "editor", password }, null);
    const checkers = await Promise.all(
      [1, 2, 3].map((n) => createAccount(db, { email: `bench-checker${n}@example.com`, name: `Checker ${n}`, role: "checker", password }, null)),
    );
    const t0 = Date.now() - 30 * 86_400_000;
    // One transaction: one commit (and fsync) instead of 400.
    await db.$transaction(async (db) => {
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
    }, { timeout: 300_000, maxWait: 60_000 });
    return { claims: await db.claim.count(), articles: await db.article.count() };
  } finally {
    await db.$disconnect();
  }
}

/** Signs the bench editor in; the session cookie header. */
export async function signIn(base: string, email = "bench-editor@example.com") {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password }),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((l) => l.split(";")[0])
    .filter((p) => !p.endsWith("="))
    .join("; ");
}

type Sample = { ms: number; text: string };

async function once(url: string, cookie: string): Promise<Sample> {
  const t = performance.now();
  const res = await fetch(url, { headers: { cookie, "accept-encoding": "identity" } });
  const text = await res.text();
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 200)}`);
  return { ms, text };
}

/** CPU time (user + system) process `pid` has used so far, in ms (Linux /proc; 10 ms ticks); NaN elsewhere. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
  } catch {
    return NaN;
  }
}

type Measured = { p50: number; p99: number; max: number; bytes: number; sample: string; cpu: number };
const summary = (times: number[], sample: string, cpu: number): Measured => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: pct(sorted, 50), p99: pct(sorted, 99), max: sorted[sorted.length - 1], bytes: Buffer.byteLength(sample), sample, cpu };
};

/**
 * `REQUESTS` sequential requests to `url` after a warm-up. With `floor`, each request is followed
 * by one to the empty page with the same layout, so the two are measured under the same load.
 */
async function measure(pid: number, url: string, cookie: string, floor?: string): Promise<{ route: Measured; floor?: Measured }> {
  let sample = "";
  for (let i = 0; i < WARMUP; i++) {
    sample = (await once(url, cookie)).text;
    if (floor) await once(floor, cookie);
  }
  const times: number[] = [];
  const floorTimes: number[] = [];
  let cpu = 0;
  let floorCpu = 0;
  let floorSample = "";
  for (let i = 0; i < REQUESTS; i++) {
    const c0 = cpuMs(pid);
    times.push((await once(url, cookie)).ms);
    const c1 = cpuMs(pid);
    cpu += c1 - c0;
    // The floor on every other request: enough samples for its p99, and the section stays short.
    if (floor && i % 2 === 0) {
      const f = await once(floor, cookie);
      floorTimes.push(f.ms);
      floorSample = f.text;
      floorCpu += cpuMs(pid) - c1;
    }
  }
  return { route: summary(times, sample, cpu / REQUESTS), floor: floor ? summary(floorTimes, floorSample, floorCpu / floorTimes.length) : undefined };
}

/** The `queues` bench section. */
export async function runQueuesBench() {
  const started = performance.now();
  const loadAtStart = os.loadavg();
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
  const server = await startAppServer(
    // BENCH_EMPTY_PAGE=1 serves /desk-floor: an empty page inside the same layout, the floor of Next's page machinery.
    { DATABASE_URL: `file:${dbPath}`, BETTER_AUTH_SECRET: "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz", BENCH_EMPTY_PAGE: "1", LOG_LEVEL: "warn" },
    root,
  );
  try {
    const editor = await signIn(server.url);
    // My queue is a checker's page: checker 1 has about 2,500 open claims assigned.
    const checker = await signIn(server.url, "bench-checker1@example.com");
    const rows = (b: string) => `${(b.match(/data-claim-row=/g) ?? []).length} rows`;
    const apiClaims = (b: string) => `${JSON.parse(b).claims.length} claims on the page`;
    type Route = { name: string; path: string; cookie: string; page: boolean; describe: (body: string) => string };
    const routes: Route[] = [
      { name: "Review queue, API (reviewable=true, sort=due)", path: "/api/v1/claims?reviewable=true&sort=due", cookie: editor, page: false, describe: apiClaims },
      { name: "Claims list, API (status + assignee=none + q)", path: "/api/v1/claims?status=false&assignee=none&q=minister", cookie: editor, page: false, describe: apiClaims },
      { name: "Claims list, API (q=ärzte, sort=oldest)", path: `/api/v1/claims?q=${encodeURIComponent("ÄRZTE")}&sort=oldest`, cookie: editor, page: false, describe: apiClaims },
      { name: "GET /api/v1/stats (all articles)", path: "/api/v1/stats", cookie: editor, page: false, describe: (b) => `${JSON.parse(b).totals.claims} claims counted` },
      { name: "Review queue, page (/review)", path: "/review", cookie: editor, page: true, describe: rows },
      { name: "Claims list, page (status + review state + q)", path: "/claims?status=false&reviewState=pending&q=budget", cookie: editor, page: true, describe: rows },
      { name: "My queue, page (/queue, a checker)", path: "/queue", cookie: checker, page: true, describe: rows },
      { name: "Dashboard, page (/dashboard)", path: "/dashboard", cookie: editor, page: true, describe: (b) => `${(b.match(/<tr class/g) ?? []).length} article rows` },
    ];
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
    const table = [];
    const verdicts: string[] = [];
    for (const r of routes) {
      const { route: m, floor } = await measure(server.pid, server.url + r.path, r.cookie, r.page ? `${server.url}/desk-floor` : undefined);
      const met = m.p50 < TARGET_MS && m.p99 < TARGET_MS;
      table.push({
        route: r.name,
        p50: ms(m.p50),
        p99: ms(m.p99),
        "server CPU/req": ms(m.cpu),
        size: kb(m.bytes),
        "empty page p50 / p99": floor ? `${ms(floor.p50)} / ${ms(floor.p99)}` : "",
        "p50 ratio": floor ? `${(m.p50 / floor.p50).toFixed(2)}x` : "",
        answer: r.describe(m.sample),
      });
      const beside = floor ? ` (empty page with the same layout, measured alternately: p50 ${ms(floor.p50)}, p99 ${ms(floor.p99)}, CPU ${ms(floor.cpu)}/req)` : "";
      verdicts.push(`  ${met ? "MET    " : "NOT MET"} ${r.name}: p50 ${ms(m.p50)}, p99 ${ms(m.p99)} (target both < ${TARGET_MS} ms)${beside}`);
    }
    console.log("");
    console.log(
      `Machine: ${os.cpus().length} CPU(s), Node ${process.version}; load average ${loadAtStart.map((l) => l.toFixed(1)).join(" ")} at the start, ` +
        `${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at the end.`,
    );
    console.log(`${REQUESTS} sequential requests per route after ${WARMUP} warm-up, loopback, uncompressed; ${counts.claims} claims over ${counts.articles} articles.`);
    console.log("Pages alternate with requests to /desk-floor, an empty page inside the same layout (session, header, unread count): Next's page floor.");
    console.log("Server CPU/req is the server process's CPU time per request (from /proc), which background load inflates less than latency.");
    console.table(table);
    console.log("");
    console.log("Targets (issue 7):");
    for (const v of verdicts) console.log(v);
    console.log(`Total ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(server.output().slice(-3000));
    throw error;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
