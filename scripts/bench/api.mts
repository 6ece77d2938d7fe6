/**
 * `npm run bench -- api`: the JSON API under a full desk (issue 10's targets), measured side by
 * side in one run with the floors it is compared with: a bare Node http server, and a raw
 * better-sqlite3 write transaction in-process. Also the same do-nothing route through Next's
 * router (LEAN_API=0) for reference, and the cold start.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { freePort, startAppServer, type AppServer } from "../app-server.ts";
import { buildIsCurrent } from "../build-digest.mts";
import { BENCH_EMAIL, BENCH_PASSWORD, prepareBenchDatabase } from "./fixture.mts";
import { BROWSER_ACCEPT_ENCODING, rawGet, startBareBytes } from "./bare-bytes.mts";

type Latency = { p50: number; p90: number; p99: number };
type AutocannonResult = { duration: number; errors: number; timeouts: number; non2xx: number; latency: Latency; requests: { total: number } };
type AutocannonRun = Promise<AutocannonResult> & {
  on(event: "response", listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void): void;
};
const autocannon = createRequire(import.meta.url)("autocannon") as (opts: Record<string, unknown>) => AutocannonRun;
const Database = createRequire(import.meta.url)("better-sqlite3") as typeof import("better-sqlite3");

const CONNECTIONS = 32;
// The read routes: short rounds, each route once per round, the order reversed every other round,
// so that every ratio is taken between measurements made seconds apart (the host's speed drifts
// over a run: the bare Node server alone ranged 23,000–37,000 req/s between runs).
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 1);
const ROUNDS = 6;
// The write path: longer rounds (each writer needs its version answered before its next write).
const PATCH_ROUNDS = 2;
const PATCH_ROUND_SECONDS = 4;
const root = process.cwd();

const log = (m: string) => console.log(`[bench api] ${m}`);
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
const verdict = (ok: boolean) => (ok ? "MET" : "NOT MET");

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** `rounds`: the p50 of each round (each call of `load`), for ratios taken round by round. */
type Measure = { name: string; latencies: number[]; statuses: Map<number, number>; seconds: number; errors: number; bodies: string[]; rounds?: number[] };
const measure = (name: string): Measure => ({ name, latencies: [], statuses: new Map(), seconds: 0, errors: 0, bodies: [], rounds: [] });
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

function summary(m: Measure) {
  const sorted = [...m.latencies].sort((a, b) => a - b);
  const count = (pred: (s: number) => boolean) => [...m.statuses].filter(([s]) => pred(s)).reduce((n, [, c]) => n + c, 0);
  return {
    rate: m.latencies.length / m.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    ok: count((s) => s >= 200 && s < 300),
    s5xx: count((s) => s >= 500),
    other: count((s) => s < 200 || (s >= 300 && s < 500)),
    errors: m.errors,
  };
}

async function load(opts: Record<string, unknown>, into: Measure, seconds = ROUND_SECONDS) {
  const run = autocannon({ connections: CONNECTIONS, pipelining: 1, duration: seconds, timeout: 10, ...opts });
  const round: number[] = [];
  run.on("response", (_c, status, _b, ms) => {
    into.latencies.push(ms);
    round.push(ms);
    into.statuses.set(status, (into.statuses.get(status) ?? 0) + 1);
  });
  const r = await run;
  into.rounds?.push(percentile(round.sort((a, b) => a - b), 50));
  into.seconds += r.duration;
  into.errors += r.errors + r.timeouts;
}

async function startBare(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, "scripts", "bench", "bare-server.mjs")], { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

/**
 * Cold start as an operator sees it: `npm start` (migrations checked, seed, build checked, then
 * scripts/serve.mjs) on an existing database and build, to the first answered API request.
 */
async function coldStartWithNpmStart(env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn("npm", ["start", "--silent"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", ...env, PORT: String(port), HOST: "127.0.0.1", APP_ORIGIN: `http://127.0.0.1:${port}` },
    stdio: "ignore",
    detached: true,
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      if (performance.now() - t0 > 60_000) throw new Error("npm start did not answer within 60 s");
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        await res.arrayBuffer();
        if (res.ok) return performance.now() - t0;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* gone */
    }
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  }
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: BENCH_EMAIL, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).filter((p) => !p.endsWith("=")).join("; ");
}

/** The raw floor: the same write as PATCH (read version, update the claim, insert an audit row) in one better-sqlite3 transaction. */
function rawTransactions(dbPath: string, claimIds: string[], seconds: number) {
  const db = new Database(dbPath);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const read = db.prepare(`SELECT "version" FROM "Claim" WHERE "id" = ?`);
  const update = db.prepare(`UPDATE "Claim" SET "summary" = ?, "version" = "version" + 1, "updatedAt" = ? WHERE "id" = ? AND "version" = ?`);
  const audit = db.prepare(`INSERT INTO "AuditEvent" ("id", "actorId", "action", "objectType", "objectId", "before", "after", "createdAt") VALUES (?, NULL, 'claim.update', 'claim', ?, ?, ?, ?)`);
  const txn = db.transaction((id: string, n: number) => {
    const { version } = read.get(id) as { version: number };
    update.run(`raw ${n}`, Date.now(), id, version);
    audit.run(`raw-${n}-${id}`, id, "{}", JSON.stringify({ summary: `raw ${n}` }), Date.now());
  });
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) txn(claimIds[n % claimIds.length], n++);
  const elapsed = (performance.now() - t0) / 1000;
  db.close();
  return n / elapsed;
}

/**
 * 32 writers, each PATCHing a claim nobody else is writing, with the version it last saw. (autocannon
 * clears a connection's context after each request, so claims are lent from a pool: one claim
 * per request in flight, returned with its new version when the answer comes.)
 */
export function patchRequests(base: string, cookie: string, claimIds: string[], into: Measure) {
  const free = claimIds.map((id) => ({ id, version: 1 }));
  let n = 0;
  type Ctx = { claim?: { id: string; version: number } };
  return {
    url: base,
    headers: { cookie, origin: base, "content-type": "application/json" },
    requests: [
      {
        method: "PATCH",
        setupRequest(req: Record<string, unknown>, context: Ctx) {
          const claim = free.pop() ?? { id: claimIds[n % claimIds.length], version: 1 };
          context.claim = claim;
          return { ...req, path: `/api/v1/claims/${claim.id}`, body: JSON.stringify({ version: claim.version, summary: `Summary edit ${n++}` }) };
        },
        onResponse(status: number, body: string, context: Ctx) {
          const claim = context.claim!;
          try {
            const parsed = JSON.parse(body);
            if (status === 200) claim.version = parsed.version;
            else if (status === 409) claim.version = parsed.error?.details?.current?.version ?? claim.version;
          } catch {
            /* not JSON */
          }
          free.push(claim);
          if (status >= 400 && into.bodies.length < 20) into.bodies.push(`${status} ${body.slice(0, 200)}`);
        },
      },
    ],
  };
}

export async function benchApi() {
  const started = performance.now();
  if (!buildIsCurrent()) {
    log("the production build is missing or stale: running npm run build");
    if (spawnSync("npm", ["run", "-s", "build"], { stdio: "inherit", cwd: root }).status !== 0) throw new Error("the build failed");
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-bench-api-"));
  const dbPath = path.join(dir, "bench.db");
  const fixture = await prepareBenchDatabase(dbPath, 300);
  log(`database ready: ${fixture.claimIds.length} claims, body ${fixture.bodyLength} chars`);
  const env = { DATABASE_URL: `file:${dbPath}`, BETTER_AUTH_SECRET: "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz" };

  const bare = await startBare();
  const floors: { stop: () => void }[] = [];
  let app: AppServer | null = null;
  let nextOnly: AppServer | null = null;
  try {
    // Cold start: spawn to the first answered request (the migrated database and the build exist).
    const t0 = performance.now();
    app = await startAppServer(env, root);
    const coldApi = performance.now() - t0;
    const page = await fetch(`${app.url}/sign-in`);
    await page.arrayBuffer();
    const coldPage = performance.now() - t0;
    log(`app on ${app.url}`);

    const cookie = await signIn(app.url);
    const tokenRes = await fetch(`${app.url}/api/v1/tokens`, { method: "POST", headers: { cookie, origin: app.url, "content-type": "application/json" }, body: JSON.stringify({ name: "bench" }) });
    const token = ((await tokenRes.json()) as { token?: string }).token;
    if (!token) throw new Error(`token creation answered ${tokenRes.status}`);

    // The article as a browser asks for it (Accept-Encoding: the app sends its kept compressed bytes),
    // and the same bytes from a bare Node server: the transfer's floor, measured in the same rounds.
    const articleUrl = `${app.url}/api/v1/articles/${fixture.articleId}`;
    const browserArticle = { cookie, "accept-encoding": BROWSER_ACCEPT_ENCODING };
    // The app makes quick compressed bytes on the first request and, once the version has stood a
    // second, its smallest brotli (lib/articles/representation.ts): the floor gets those bytes.
    const quick = await rawGet(articleUrl, browserArticle);
    let gz = quick;
    for (let i = 0; i < 40 && gz.bytes.length >= quick.bytes.length; i++) {
      await new Promise((r) => setTimeout(r, 250));
      gz = await rawGet(articleUrl, browserArticle);
    }
    const plain = await rawGet(articleUrl, { cookie });
    if (gz.status !== 200 || plain.status !== 200) throw new Error(`GET article answered ${gz.status} / ${plain.status}`);
    const bareGz = await startBareBytes(gz, dir, "article-compressed");
    const barePlain = await startBareBytes(plain, dir, "article-identity");
    floors.push(bareGz, barePlain);
    log(`article: ${plain.bytes.length} bytes as JSON, ${gz.bytes.length} bytes with Content-Encoding ${gz.headers["content-encoding"] ?? "none"} (first answer ${quick.bytes.length} bytes; Accept-Encoding: ${BROWSER_ACCEPT_ENCODING})`);
    const routes: { m: Measure; opts: Record<string, unknown> }[] = [
      { m: measure("bare Node http server (floor)"), opts: { url: `${bare.url}/` } },
      { m: measure("GET /api/health (does nothing)"), opts: { url: `${app.url}/api/health` } },
      { m: measure("GET /api/v1/me (token)"), opts: { url: `${app.url}/api/v1/me`, headers: { authorization: `Bearer ${token}` } } },
      { m: measure("GET /api/v1/me (cookie)"), opts: { url: `${app.url}/api/v1/me`, headers: { cookie } } },
      { m: measure("GET /api/v1/articles/:id (300 claims, as a browser asks)"), opts: { url: articleUrl, headers: browserArticle } },
      { m: measure("  bare server, same compressed bytes (floor)"), opts: { url: bareGz.url } },
      { m: measure("  same article, If-None-Match (304)"), opts: { url: articleUrl, headers: { ...browserArticle, "if-none-match": String(gz.headers.etag) } } },
      { m: measure("  same article, no Accept-Encoding"), opts: { url: articleUrl, headers: { cookie } } },
      { m: measure("  bare server, same JSON bytes (floor)"), opts: { url: barePlain.url } },
    ];
    for (const r of routes) await load(r.opts, measure("warm-up"), 1);
    for (let round = 0; round < ROUNDS; round++) for (const r of round % 2 ? [...routes].reverse() : routes) await load(r.opts, r.m);

    // The write path: 32 writers on their own claims, after a warm-up on other claims.
    const patch = measure("PATCH /api/v1/claims/:id (32 writers)");
    await load(patchRequests(app.url, cookie, fixture.claimIds.slice(200), measure("warm-up")), measure("warm-up"), 1);
    for (let round = 0; round < PATCH_ROUNDS; round++) await load(patchRequests(app.url, cookie, fixture.claimIds.slice(round * 32, round * 32 + 32), patch), patch, PATCH_ROUND_SECONDS);
    await app.stop();
    app = null;

    // References: the raw transaction on the same file, and Next's router for the same routes.
    const raw = rawTransactions(dbPath, fixture.claimIds.slice(100, 132), 3);
    const coldNpm = await coldStartWithNpmStart(env);
    nextOnly = await startAppServer({ ...env, LEAN_API: "0" }, root);
    const nextHealth = measure("GET /api/health through Next's router (LEAN_API=0)");
    const nextMe = measure("GET /api/v1/me (token) through Next's router");
    await load({ url: `${nextOnly.url}/api/health` }, measure("warm-up"), 1);
    await load({ url: `${nextOnly.url}/api/health` }, nextHealth);
    await load({ url: `${nextOnly.url}/api/v1/me`, headers: { authorization: `Bearer ${token}` } }, nextMe);

    // ---------------------------------------------------------------- report
    console.log("");
    console.log(`Machine: ${os.cpus().length} CPU(s), Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}; autocannon in this process, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${ROUND_SECONDS} s per read route (order reversed every other round), ${PATCH_ROUNDS} of ${PATCH_ROUND_SECONDS} s for PATCH.`);
    const rows = [...routes.map((r) => r.m), patch, nextHealth, nextMe].map((m) => {
      const s = summary(m);
      return { route: m.name, "req/s": fmt(s.rate, 0), "p50 ms": fmt(s.p50), "p99 ms": fmt(s.p99), "2xx": s.ok, "5xx": s.s5xx, "other": s.other, "errors": s.errors };
    });
    console.table(rows);
    const [bareS, healthS, meTokenS, meCookieS, articleS, bareGzS, notModifiedS, articlePlainS, barePlainS] = routes.map((r) => summary(r.m));
    const patchS = summary(patch);
    const locked = patch.bodies.filter((b) => /locked|SQLITE_BUSY/i.test(b)).length;
    console.log(`Raw better-sqlite3 write transaction in-process (read version, update, insert audit row; WAL, synchronous=NORMAL): ${fmt(raw, 0)} txn/s`);
    console.log(`Cold start on an existing database and build: npm start to the first API answer ${fmt(coldNpm, 0)} ms; scripts/serve.mjs alone: first API answer ${fmt(coldApi, 0)} ms, first page ${fmt(coldPage, 0)} ms`);
    if (patch.bodies.length) console.log(`  first non-2xx PATCH answers: ${patch.bodies.slice(0, 3).join(" | ")}`);
    console.log("");
    console.log("Targets (issue 10):");
    const t = (ok: boolean, text: string) => console.log(`  ${verdict(ok).padEnd(7)} ${text}`);
    t(patchS.rate >= 500, `PATCH, 32 writers: ${fmt(patchS.rate, 0)} writes/s (target >= 500; raw transaction ${fmt(raw, 0)} txn/s, ${fmt(raw / patchS.rate)}x faster; bare Node server ${fmt(bareS.rate, 0)} req/s; an authenticated read, GET /me (cookie), ${fmt(meCookieS.rate, 0)} req/s)`);
    t(patchS.p99 < 100, `PATCH p99 ${fmt(patchS.p99)} ms (target < 100 ms; p50 ${fmt(patchS.p50)} ms)`);
    t(patchS.s5xx === 0 && locked === 0 && patchS.errors === 0, `PATCH: ${patchS.s5xx} 5xx, ${locked} "database is locked" answers, ${patchS.errors} errors/timeouts, ${patchS.other} other non-2xx (target: none)`);
    t(healthS.rate >= 2000, `do-nothing route: ${fmt(healthS.rate, 0)} req/s at ${CONNECTIONS} connections (target >= 2000; through Next's router ${fmt(summary(nextHealth).rate, 0)} req/s)`);
    t(bareS.rate / healthS.rate <= 12, `do-nothing route vs bare Node server: ${fmt(bareS.rate / healthS.rate)}x fewer req/s (target <= 12x; bare ${fmt(bareS.rate, 0)} req/s)`);
    // Within 2x of the do-nothing route at p50: the ratio of each round's p50s (measured seconds
    // apart), the median over the rounds; the p50s over all rounds beside it.
    const health = routes[1].m;
    for (const [name, m, s] of [["GET /api/v1/me (token)", routes[2].m, meTokenS], ["GET /api/v1/me (cookie)", routes[3].m, meCookieS], [`GET /api/v1/articles/:id (300 claims, full 200, ${gz.headers["content-encoding"] ?? "uncompressed"} as a browser asks)`, routes[4].m, articleS]] as const) {
      const ratios = m.rounds!.map((p50, i) => p50 / health.rounds![i]);
      const ratio = median(ratios);
      t(ratio <= 2, `${name} p50 = ${fmt(ratio, 2)}x the do-nothing route's, median of ${ratios.length} rounds (target <= 2x; per round ${ratios.map((r) => fmt(r, 2)).join(", ")}; over all rounds ${fmt(s.p50)} ms against ${fmt(healthS.p50)} ms = ${fmt(s.p50 / healthS.p50, 2)}x)`);
    }
    const x = (a: { p50: number }) => `${fmt(a.p50)} ms = ${fmt(a.p50 / healthS.p50, 2)}x`;
    console.log(`          the article's floor, a bare server sending the same ${gz.bytes.length} ${gz.headers["content-encoding"] ?? "uncompressed"} bytes: p50 ${x(bareGzS)} the do-nothing route (${fmt(bareGzS.rate, 0)} req/s; the app's route ${fmt(articleS.rate, 0)} req/s)`);
    console.log(`          without Accept-Encoding (${plain.bytes.length} bytes): the app ${x(articlePlainS)}, a bare server with the same bytes ${x(barePlainS)}; unchanged article with If-None-Match: 304 p50 ${x(notModifiedS)}`);
    console.log(`  printed cold start: npm start ${fmt(coldNpm, 0)} ms to the first API answer (serve.mjs alone ${fmt(coldApi, 0)} ms; first page ${fmt(coldPage, 0)} ms)`);
    log(`done in ${fmt((performance.now() - started) / 1000)} s`);
  } finally {
    bare.stop();
    for (const f of floors) f.stop();
    await app?.stop();
    await nextOnly?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
