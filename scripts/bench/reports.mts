/**
 * `npm run bench -- reports`: an article with 1,000 claims and 3 evidence links each; the time of
 * every report format over HTTP, the growth of the server's peak memory, and the p99 of
 * GET /api/v1/me while 4 large exports run at once, against its p99 with no export running.
 * Uses a fresh temporary SQLite file and the production build.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { applyPendingMigrations } from "../../prisma/migrator.mts";
import { seed } from "../../prisma/seed-data.mts";
import { createPrismaClient } from "../../lib/db-client.ts";
import { createAccount } from "../../lib/users/accounts.ts";
import { startAppServer } from "../app-server.ts";
import { buildIsCurrent } from "../build-digest.mts";
import { seedBenchArticle } from "./seed.mts";

const CLAIMS = 1000;
const EVIDENCE = 3;
const RUNS = 3;
const ME_SECONDS = 8;
const FORMATS = ["md", "html", "pdf", "csv", "json", "claimreview", "annotations"] as const;
const CONCURRENT = ["pdf", "json", "html", "csv"] as const;
const TARGET_MS: Record<string, number> = { pdf: 3000 };
const TARGET_DEFAULT_MS = 1000;
const TARGET_MEMORY_MB = 200;
const TARGET_ME_P99_MS = 50;
const TARGET_ME_RATIO = 3;

const password = "bench passphrase that is long enough";

/** Downloads each of `urls` again and again until `until`; posts how many of each finished. */
const EXPORTER = `
const { parentPort, workerData } = require("node:worker_threads");
const { urls, cookie, until } = workerData;
const counts = {};
Promise.all(Object.entries(urls).map(async ([format, url]) => {
  counts[format] = 0;
  while (Date.now() < until) {
    const res = await fetch(url, { headers: { cookie, "accept-encoding": "identity" } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(format + " answered " + res.status);
    counts[format]++;
  }
})).then(() => parentPort.postMessage(counts));
`;
const log = (m: string) => console.log(`[bench:reports] ${m}`);
const ms = (n: number) => `${n.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? "MET" : "NOT MET");

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${out[i]}/task`)) {
        const kids = readFileSync(`/proc/${out[i]}/task/${task}/children`, "utf8").trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      /* gone */
    }
  }
  return out;
}

function rssKb(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) total += Number(m[1]);
    } catch {
      /* gone */
    }
  }
  return total;
}

async function prepare(dbPath: string) {
  await applyPendingMigrations(dbPath);
  const db = createPrismaClient(`file:${dbPath}`);
  try {
    await seed(db, { ...process.env, SEED_ADMIN_EMAIL: "", SEED_ADMIN_PASSWORD: "" });
    const checker = await createAccount(db, { email: "bench-reports@example.com", name: "Bench Checker", role: "checker", password }, null);
    const editor = await createAccount(db, { email: "bench-editor@example.com", name: "Bench Editor", role: "editor", password }, null);
    await db.setting.createMany({
      data: [
        { key: "organization.name", value: "Bench Fact Desk" },
        { key: "organization.url", value: "https://factcheck.example.org" },
        { key: "reports.publicBaseUrl", value: "https://factcheck.example.org/checks" },
      ],
    });
    return await seedBenchArticle(db, { claims: CLAIMS, evidencePerClaim: EVIDENCE, createdById: checker.id, report: { reviewerId: editor.id } });
  } finally {
    await db.$disconnect();
  }
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: "bench-reports@example.com", password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: HTTP ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((l) => l.split(";")[0])
    .filter((p) => !p.endsWith("="))
    .join("; ");
}

/** GET /api/v1/me one request after another (10 ms apart) until `until()` is false; latencies in ms. */
async function meLoop(base: string, cookie: string, until: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (until()) {
    const t = performance.now();
    const res = await fetch(`${base}/api/v1/me`, { headers: { cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/me answered ${res.status}`);
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 10));
  }
  return times;
}

/** Runs the reports section of the benchmark and prints its figures. */
export async function benchReports(root = process.cwd()): Promise<void> {
  const started = performance.now();
  if (!buildIsCurrent()) {
    log("the production build is missing or stale: running npm run build");
    const build = spawnSync("npm", ["run", "-s", "build"], { stdio: "inherit", cwd: root });
    if (build.status !== 0) throw new Error("the build failed");
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-bench-reports-"));
  const dbPath = path.join(dir, "bench.db");
  const { articleId, bodyLength } = await prepare(dbPath);
  log(`database ready: ${CLAIMS} claims x ${EVIDENCE} evidence links, body ${bodyLength} chars`);
  const server = await startAppServer({ DATABASE_URL: `file:${dbPath}`, BETTER_AUTH_SECRET: "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz" }, root);
  try {
    const cookie = await signIn(server.url);
    const url = (format: string) => `${server.url}/api/v1/articles/${articleId}/report?format=${format}&scope=all`;
    const fetchReport = async (format: string) => {
      const t = performance.now();
      const res = await fetch(url(format), { headers: { cookie, "accept-encoding": "identity" } });
      const bytes = (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`${format} answered ${res.status}`);
      return { ms: performance.now() - t, bytes };
    };
    // The server after start-up and one small request, before any report.
    await meLoop(server.url, cookie, (() => { let n = 0; return () => n++ < 20; })());
    const tree = processTree(server.pid);
    const rssBase = rssKb(tree);
    let rssPeak = rssBase;
    const poll = setInterval(() => (rssPeak = Math.max(rssPeak, rssKb(tree))), 20);

    // p99 of /me with no export running.
    let stop = performance.now() + ME_SECONDS * 1000;
    const idle = await meLoop(server.url, cookie, () => performance.now() < stop);

    // Each format: the first (cold) request, then RUNS timed ones.
    const rows: { format: string; first: number; median: number; max: number; bytes: number; target: number }[] = [];
    for (const format of FORMATS) {
      const first = await fetchReport(format);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push((await fetchReport(format)).ms);
      rows.push({ format, first: first.ms, median: percentile(times, 50), max: Math.max(...times), bytes: first.bytes, target: TARGET_MS[format] ?? TARGET_DEFAULT_MS });
    }

    // p99 of /me while 4 large exports run at once (each repeated until the window ends). The
    // exports are downloaded by a thread of their own, so reading them never delays the timing
    // of /me in this thread: what is measured is the server.
    stop = performance.now() + ME_SECONDS * 1000;
    const exporter = new Worker(EXPORTER, {
      eval: true,
      workerData: { urls: Object.fromEntries(CONCURRENT.map((f) => [f, url(f)])), cookie, until: Date.now() + ME_SECONDS * 1000 },
    });
    const exported = new Promise<Record<string, number>>((resolve, reject) => {
      exporter.once("message", resolve);
      exporter.once("error", reject);
    });
    const busy = await meLoop(server.url, cookie, () => performance.now() < stop);
    const finished = new Map(Object.entries(await exported));
    await exporter.terminate();
    clearInterval(poll);
    rssPeak = Math.max(rssPeak, rssKb(tree));

    console.log("");
    console.log(`Reports: one article with ${CLAIMS} claims x ${EVIDENCE} evidence links; machine ${os.cpus().length} CPU(s), load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")}.`);
    console.table(
      rows.map((r) => ({
        format: r.format,
        "first (cold)": ms(r.first),
        [`median of ${RUNS}`]: ms(r.median),
        max: ms(r.max),
        size: `${(r.bytes / 1024).toFixed(0)} KiB`,
        target: `< ${r.target} ms`,
        result: verdict(r.median < r.target),
      })),
    );
    const growthMb = (rssPeak - rssBase) / 1024;
    console.log(
      `Server memory (RSS of the server process, its worker threads included, polled every 20 ms through every request above): ${(rssBase / 1024).toFixed(1)} MB before the reports, peak ${(rssPeak / 1024).toFixed(1)} MB.`,
    );
    const idleP99 = percentile(idle, 99);
    const busyP99 = percentile(busy, 99);
    console.log(`GET /api/v1/me, one request after another (10 ms apart) for ${ME_SECONDS} s:`);
    console.log(`  no export running: ${idle.length} requests, p50 ${ms(percentile(idle, 50))}, p99 ${ms(idleP99)}, max ${ms(Math.max(...idle))}`);
    console.log(
      `  while ${CONCURRENT.length} exports run at once (finished: ${[...finished].map(([f, n]) => `${f} ${n}`).join(", ")}): ${busy.length} requests, p50 ${ms(percentile(busy, 50))}, p99 ${ms(busyP99)}, max ${ms(Math.max(...busy))}`,
    );
    console.log("Targets:");
    for (const r of rows) console.log(`  ${r.format} time: median ${ms(r.median)} (target < ${r.target} ms): ${verdict(r.median < r.target)}`);
    console.log(`  server peak memory growth: ${growthMb.toFixed(1)} MB (target < ${TARGET_MEMORY_MB} MB): ${verdict(growthMb < TARGET_MEMORY_MB)}`);
    console.log(`  /me p99 during ${CONCURRENT.length} concurrent exports: ${ms(busyP99)} (target < ${TARGET_ME_P99_MS} ms): ${verdict(busyP99 < TARGET_ME_P99_MS)}`);
    console.log(
      `  /me p99 during exports vs. idle p99 ${ms(idleP99)}: ${(busyP99 / idleP99).toFixed(2)}x (target < ${TARGET_ME_RATIO}x): ${verdict(busyP99 < TARGET_ME_RATIO * idleP99)}`,
    );
    const unfinished = [...finished].filter(([, n]) => n === 0).map(([f]) => f);
    console.log(`  every one of the ${CONCURRENT.length} concurrent exports finished: ${verdict(unfinished.length === 0)}${unfinished.length ? ` (none of: ${unfinished.join(", ")})` : ""}`);
    console.log(`Reports bench time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(server.output().slice(-4000));
    throw error;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
