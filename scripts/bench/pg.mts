/**
 * Bench section `pg`: conflict-free claim writes (PATCH /api/v1/claims/:id, each connection on a
 * claim of its own, carrying the version it got back) per second and their p99, at 32 connections,
 * on SQLite and on PostgreSQL, with one app process and with two (connections alternate between
 * them, as a round-robin proxy would). PostgreSQL: BENCH_POSTGRES_URL or TEST_POSTGRES_URL (a
 * database where this role may create databases), else a scratch server from the local binaries.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { applyPendingMigrations } from "../../prisma/migrator.mts";
import { seed } from "../../prisma/seed-data.mts";
import { postgresBinDir, startScratchPostgres, type ScratchPostgres } from "../../prisma/pg-scratch.mts";
import { createPrismaClient } from "../../lib/db-client.ts";
import { createAccount } from "../../lib/users/accounts.ts";
import { quoteSelector } from "../../lib/anchoring/text.ts";
import { startAppServer, type AppServer } from "../app-server.ts";

const CONNECTIONS = 32;
const SECONDS = Number(process.env.BENCH_PG_SECONDS ?? 8);
const WARMUP_SECONDS = 2;
const email = "bench-writer@example.com";
const password = "bench passphrase that is long enough";
const secret = "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

function log(message: string) {
  console.log(`[bench pg] ${message}`);
}

async function prepare(url: string): Promise<string[]> {
  await applyPendingMigrations(url);
  const db = createPrismaClient(url);
  try {
    await seed(db, { ...process.env, SEED_ADMIN_EMAIL: "", SEED_ADMIN_PASSWORD: "" });
    const user = await createAccount(db, { email, name: "Bench Writer", role: "checker", password }, null);
    const body = Array.from({ length: CONNECTIONS }, (_, i) => `Sentence number ${i + 1} states a fact worth checking.`).join(" ");
    const article = await db.article.create({ data: { title: "Write bench", body, createdById: user.id, claimCounter: CONNECTIONS }, select: { id: true } });
    const ids: string[] = [];
    let at = 0;
    for (let i = 0; i < CONNECTIONS; i++) {
      const start = body.indexOf("Sentence", at);
      const end = body.indexOf(".", start) + 1;
      at = end;
      const claim = await db.claim.create({ data: { articleId: article.id, number: i + 1, start, end, ...quoteSelector(body, start, end), createdById: user.id }, select: { id: true } });
      ids.push(claim.id);
    }
    return ids;
  } finally {
    await db.$disconnect();
  }
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email, password }) });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  return res.headers.getSetCookie().map((l) => l.split(";")[0]).filter((p) => !p.endsWith("=")).join("; ");
}

type Result = { writes: number; perSecond: number; p50: number; p99: number; errors: number; byStatus: Record<string, number> };

/** 32 loops, each PATCHing its own claim for `seconds`; latencies of the measured part only. */
async function load(servers: AppServer[], cookies: string[], claimIds: string[], seconds: number, measure: boolean, versions: number[]): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const byStatus: Record<string, number> = {};
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    claimIds.map(async (id, i) => {
      const s = i % servers.length;
      const base = servers[s].url;
      let n = 0;
      while (performance.now() < until) {
        const t0 = performance.now();
        const res = await fetch(`${base}/api/v1/claims/${id}`, {
          method: "PATCH",
          headers: { "content-type": "application/json", origin: base, cookie: cookies[s] },
          body: JSON.stringify({ version: versions[i], summary: `write ${n++}` }),
        });
        const text = await res.text();
        if (res.status === 200) {
          versions[i] = JSON.parse(text).version;
          if (measure) latencies.push(performance.now() - t0);
        } else {
          errors++;
          byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
          if (res.status >= 500 && process.env.BENCH_DEBUG) console.error(text.slice(0, 300));
          if (res.status === 409) versions[i] = JSON.parse(text).error?.details?.current?.version ?? versions[i];
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))] ?? NaN;
  return { writes: latencies.length, perSecond: latencies.length / seconds, p50: pct(50), p99: pct(99), errors, byStatus };
}

/**
 * One database, prepared once: the load with one app process, then with a second process started
 * beside the first (the connections alternate between them).
 */
async function measure(label: string, url: string): Promise<Record<number, Result>> {
  const claimIds = await prepare(url);
  const servers: AppServer[] = [];
  const out: Record<number, Result> = {};
  try {
    const env = { DATABASE_URL: url, BETTER_AUTH_SECRET: secret, LOG_LEVEL: "warn", DATABASE_POOL_SIZE: "16" };
    const versions = claimIds.map(() => 1);
    for (const processes of [1, 2]) {
      while (servers.length < processes) servers.push(await startAppServer(env, process.cwd()));
      const cookies = await Promise.all(servers.map((s) => signIn(s.url)));
      await load(servers, cookies, claimIds, WARMUP_SECONDS, false, versions);
      const r = await load(servers, cookies, claimIds, SECONDS, true, versions);
      log(`${label.padEnd(12)} ${processes} process${processes > 1 ? "es" : "  "}: ${r.perSecond.toFixed(0).padStart(5)} writes/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, errors ${r.errors}${r.errors ? ` (${Object.entries(r.byStatus).map(([k, v]) => `${v}× ${k}`).join(", ")})` : ""}`);
      if (r.errors && process.env.BENCH_DEBUG) {
        for (const s of servers) console.error(s.output().split("\n").filter((l) => /rror/.test(l)).slice(0, 5).join("\n"));
      }
      out[processes] = r;
    }
    return out;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/** Runs the section: prints writes/s and p99 for each database and process count. */
export async function benchPostgres(): Promise<void> {
  let scratch: ScratchPostgres | undefined;
  let adminUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
  if (!adminUrl) {
    if (!postgresBinDir()) {
      log("skipped: PostgreSQL is not installed (apt-get install postgresql) and BENCH_POSTGRES_URL is not set");
      return;
    }
    scratch = await startScratchPostgres();
    adminUrl = scratch.adminUrl;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-bench-pg-"));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const made: string[] = [];
  const pgDatabase = async () => {
    const name = `claimcheck_bench_${process.pid}_${made.length}`;
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    made.push(name);
    const u = new URL(adminUrl!);
    u.pathname = `/${name}`;
    return u.toString();
  };
  log(`${CONNECTIONS} connections, each PATCHing a claim of its own, ${SECONDS} s measured after ${WARMUP_SECONDS} s warm-up`);
  try {
    const results: Record<string, Result> = {};
    const started = performance.now();
    for (const [label, url] of [
      ["SQLite", `file:${path.join(dir, "bench.db")}`],
      ["PostgreSQL", await pgDatabase()],
    ]) {
      const r = await measure(label, url);
      for (const processes of [1, 2]) results[`${label} ${processes}`] = r[processes];
    }
    const cell = (r: Result) => `${r.perSecond.toFixed(0).padStart(5)} w/s, p99 ${r.p99.toFixed(0).padStart(4)} ms${r.errors ? ` (${r.errors} errors)` : ""}`.padEnd(32);
    log("");
    log(`Conflict-free writes at ${CONNECTIONS} connections, under load (side by side):`);
    log(`${"".padEnd(14)}${"SQLite".padEnd(32)}PostgreSQL`);
    for (const processes of [1, 2]) {
      log(`${`${processes} process${processes > 1 ? "es" : ""}`.padEnd(14)}${cell(results[`SQLite ${processes}`])}${cell(results[`PostgreSQL ${processes}`])}`);
    }
    const pg1 = results["PostgreSQL 1"];
    const pg2 = results["PostgreSQL 2"];
    log(`PostgreSQL, two processes vs one: ${(pg2.perSecond / pg1.perSecond).toFixed(2)}x the writes/s (the two processes share this machine's cores with the database and the load generator)`);
    log(`Section time ${((performance.now() - started) / 1000).toFixed(0)} s; machine load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (figures taken while others build are noisy)`);
  } finally {
    for (const name of made) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
    scratch?.stop();
  }
}
