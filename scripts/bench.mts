/**
 * `npm run bench`: latency of the article route (300 claims, 2 evidence links each) against the
 * bare /api/health route under the same load, plus sign-in latency and the server's peak memory
 * during a burst of sign-ins. Uses a fresh temporary SQLite file and the production build.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { applyPendingMigrations } from "../prisma/migrator.mts";
import { seed } from "../prisma/seed-data.mts";
import { createPrismaClient } from "../lib/db-client.ts";
import { createAccount } from "../lib/users/accounts.ts";
import { startAppServer } from "./app-server.ts";
import { buildIsCurrent } from "./build-digest.mts";
import { runEventsBench } from "./bench/events.mts";
import { benchArticles } from "./bench/articles.mts";
import { benchReports } from "./bench/reports.mts";
import { seedBenchArticle } from "./bench/seed.mts";
import { BROWSER_ACCEPT_ENCODING, rawGet, startBareBytes } from "./bench/bare-bytes.mts";

// autocannon ships no type declarations; this is the part of its API used here.
type AutocannonResult = {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
  latency: { p50: number; p90: number; p97_5: number; p99: number };
};
type AutocannonRun = Promise<AutocannonResult> & {
  on(event: "response", listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void): void;
};
const autocannon = createRequire(import.meta.url)("autocannon") as (opts: Record<string, unknown>) => AutocannonRun;

const CLAIMS = 300;
const EVIDENCE_PER_CLAIM = 2;
const CONNECTIONS = 10;
const ROUNDS = 4; // rounds of (article, health), so drift over time hits both routes alike
const ROUND_SECONDS = 4; // 16 s per route in all
const WARMUP_SECONDS = 2;
const SIGN_IN_SEQUENTIAL = 10;
const UNLOADED_REQUESTS = 20;
const SIGN_IN_BURST = 20;
const TARGET_RATIO = 2;

const root = process.cwd();
const password = "bench passphrase that is long enough";
const email = "bench-checker@example.com";

function log(message: string) {
  console.log(`[bench] ${message}`);
}


function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)} ms` : "n/a");

// ---------------------------------------------------------------- database

async function prepareDatabase(dbPath: string) {
  await applyPendingMigrations(dbPath);
  const db = createPrismaClient(`file:${dbPath}`);
  try {
    await seed(db, { ...process.env, SEED_ADMIN_EMAIL: "", SEED_ADMIN_PASSWORD: "" });
    const checker = await createAccount(db, { email, name: "Bench Checker", role: "checker", password }, null);
    return await seedBenchArticle(db, { claims: CLAIMS, evidencePerClaim: EVIDENCE_PER_CLAIM, createdById: checker.id });
  } finally {
    await db.$disconnect();
  }
}

// ---------------------------------------------------------------- server

/** The server process and its descendants (in case `next start` forks a worker). */
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

/** A field of /proc/<pid>/status in kB (VmRSS, VmHWM), summed over the process tree. */
function memoryKb(pids: number[], field: "VmRSS" | "VmHWM"): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) total += Number(m[1]);
    } catch {
      /* gone */
    }
  }
  return total;
}

const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;

// ---------------------------------------------------------------- sign-in

async function signIn(base: string, as: { email: string; password: string } = { email, password }): Promise<{ status: number; cookie: string; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify(as),
  });
  await res.arrayBuffer();
  const elapsed = performance.now() - t0;
  const cookie = res.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
  return { status: res.status, cookie, ms: elapsed };
}

// ---------------------------------------------------------------- load

type Measured = {
  name: string;
  latencies: number[];
  statuses: Map<number, number>;
  errors: number;
  timeouts: number;
  non2xx: number;
  seconds: number;
  /** autocannon's own histogram percentiles, 2xx responses only, per round. */
  autocannon: AutocannonResult["latency"][];
};

function emptyMeasure(name: string): Measured {
  return { name, latencies: [], statuses: new Map(), errors: 0, timeouts: 0, non2xx: 0, seconds: 0, autocannon: [] };
}

async function load(url: string, headers: Record<string, string>, seconds: number, into?: Measured) {
  const run = autocannon({ url, headers, connections: CONNECTIONS, pipelining: 1, duration: seconds, timeout: 10 });
  if (into) {
    run.on("response", (_client, statusCode, _bytes, responseMs) => {
      into.latencies.push(responseMs);
      into.statuses.set(statusCode, (into.statuses.get(statusCode) ?? 0) + 1);
    });
  }
  const result = await run;
  if (into) {
    into.errors += result.errors;
    into.timeouts += result.timeouts;
    into.non2xx += result.non2xx;
    into.seconds += result.duration;
    into.autocannon.push(result.latency);
  }
  return result;
}

function row(m: Measured) {
  const sorted = [...m.latencies].sort((a, b) => a - b);
  const ok = [...m.statuses].filter(([s]) => s >= 200 && s < 300).reduce((n, [, c]) => n + c, 0);
  return {
    route: m.name,
    requests: m.latencies.length,
    "req/s": (m.latencies.length / m.seconds).toFixed(0),
    p50: ms(percentile(sorted, 50)),
    p95: ms(percentile(sorted, 95)),
    p99: ms(percentile(sorted, 99)),
    max: ms(sorted[sorted.length - 1]),
    "2xx": ok,
    "non-2xx": m.non2xx,
    "errors+timeouts": m.errors + m.timeouts,
    p50raw: percentile(sorted, 50),
  };
}

// ---------------------------------------------------------------- main

async function main() {
  const started = performance.now();
  if (!buildIsCurrent()) {
    log("the production build is missing or stale: running npm run build");
    const build = spawnSync("npm", ["run", "-s", "build"], { stdio: "inherit", cwd: root });
    if (build.status !== 0) throw new Error("the build failed");
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-bench-"));
  const dbPath = path.join(dir, "bench.db");
  const { articleId, bodyLength } = await prepareDatabase(dbPath);
  log(`database ready: article with ${CLAIMS} claims x ${EVIDENCE_PER_CLAIM} evidence links, body ${bodyLength} chars`);

  const server = await startAppServer({ DATABASE_URL: `file:${dbPath}`, BETTER_AUTH_SECRET: "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz" }, root);
  const pids = () => processTree(server.pid);
  let floor: { url: string; stop: () => void } | null = null;
  log(`server on ${server.url}, process tree ${pids().join(", ")}`);
  try {
    // A session, and proof that the article route answers 200 with every claim before measuring.
    const session = await signIn(server.url);
    if (session.status !== 200 || !session.cookie) throw new Error(`sign-in failed: HTTP ${session.status}`);
    const articleUrl = `${server.url}/api/v1/articles/${articleId}`;
    const first = await fetch(articleUrl, { headers: { cookie: session.cookie } });
    const firstText = await first.text();
    if (first.status !== 200) throw new Error(`GET article answered ${first.status}: ${firstText.slice(0, 200)}`);
    const firstBody = JSON.parse(firstText) as { claims?: { quote: string; start: number; end: number }[]; body: string };
    if (firstBody.claims?.length !== CLAIMS) throw new Error(`GET article returned ${firstBody.claims?.length} claims, expected ${CLAIMS}`);
    if (firstBody.claims.some((c) => firstBody.body.slice(c.start, c.end) !== c.quote)) throw new Error("a returned quote is not its slice of the body");
    const evidenceInList = (firstText.match(/example\.org\/evidence/g) ?? []).length;
    log(
      `GET /api/v1/articles/:id -> 200, ${firstBody.claims.length} claims, response ${Buffer.byteLength(firstText)} bytes ` +
        `(${(Buffer.byteLength(firstText) / 1024).toFixed(1)} KiB, content-encoding: ${first.headers.get("content-encoding") ?? "none"}; ` +
        `evidence links in it: ${evidenceInList}, as the claim objects of this route carry none)`,
    );

    // Sign-in latency, one at a time.
    const sequential: number[] = [];
    for (let i = 0; i < SIGN_IN_SEQUENTIAL; i++) {
      const r = await signIn(server.url);
      if (r.status !== 200) throw new Error(`sequential sign-in ${i + 1} answered ${r.status}`);
      sequential.push(r.ms);
    }
    sequential.sort((a, b) => a - b);

    // Peak memory while a burst of sign-ins runs at once.
    const tree = pids();
    const rssBefore = memoryKb(tree, "VmRSS");
    let rssPeak = rssBefore;
    const poll = setInterval(() => {
      rssPeak = Math.max(rssPeak, memoryKb(tree, "VmRSS"));
    }, 20);
    const t0 = performance.now();
    const burst = await Promise.all(Array.from({ length: SIGN_IN_BURST }, () => signIn(server.url)));
    const burstWall = performance.now() - t0;
    clearInterval(poll);
    rssPeak = Math.max(rssPeak, memoryKb(tree, "VmRSS"));
    const hwmAfterBurst = memoryKb(tree, "VmHWM");
    const burstOk = burst.filter((r) => r.status === 200).length;
    const burstSorted = burst.map((r) => r.ms).sort((a, b) => a - b);

    // Enumeration: a wrong password and an unknown account should cost about the same.
    // Four of each stays under the per-account and per-address throttles.
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      wrong.push((await signIn(server.url, { email, password: `not the password ${i}` })).ms);
      unknown.push((await signIn(server.url, { email: `nobody-${i}@example.com`, password: `not the password ${i}` })).ms);
    }
    wrong.sort((a, b) => a - b);
    unknown.sort((a, b) => a - b);

    // Single requests without concurrency (uncompressed, like autocannon's), for context.
    const unloaded = async (url: string, headers: Record<string, string>) => {
      const times: number[] = [];
      for (let i = 0; i < UNLOADED_REQUESTS; i++) {
        const t = performance.now();
        const res = await fetch(url, { headers: { ...headers, "accept-encoding": "identity" } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        times.push(performance.now() - t);
      }
      return percentile(times.sort((a, b) => a - b), 50);
    };

    // Warm up both routes, then measure them in alternating rounds under the same load. The
    // article is asked for as a browser asks (Accept-Encoding), and the same bytes are also served
    // by a bare Node server in the same rounds: the transfer's floor.
    const auth = { cookie: session.cookie };
    const articleHeaders = { ...auth, "accept-encoding": BROWSER_ACCEPT_ENCODING };
    const wire = await rawGet(articleUrl, articleHeaders);
    floor = await startBareBytes(wire, dir, "article");
    const healthUrl = `${server.url}/api/health`;
    for (const [url, headers] of [[articleUrl, articleHeaders], [healthUrl, {}], [floor.url, {}]] as const) {
      const w = await load(url, headers, WARMUP_SECONDS);
      if (w.non2xx || w.errors) throw new Error(`warm-up of ${url} had ${w.non2xx} non-2xx and ${w.errors} errors`);
    }
    const unloadedArticle = await unloaded(articleUrl, auth);
    const unloadedHealth = await unloaded(healthUrl, {});
    const unloadedMe = await unloaded(`${server.url}/api/v1/me`, auth);
    const article = emptyMeasure("GET /api/v1/articles/:id (300 claims, cookie, gzip)");
    const health = emptyMeasure("GET /api/health (bare)");
    const floorM = emptyMeasure(`bare server, same ${wire.bytes.length} bytes (floor)`);
    // Each round's own p50 ratio too: on a shared machine, background load drifts between rounds.
    const roundRatios: number[] = [];
    const p50Of = (m: Measured, from: number) => percentile([...m.latencies.slice(from)].sort((a, b) => a - b), 50);
    for (let round = 0; round < ROUNDS; round++) {
      const a0 = article.latencies.length;
      await load(articleUrl, articleHeaders, ROUND_SECONDS, article);
      const h0 = health.latencies.length;
      await load(healthUrl, {}, ROUND_SECONDS, health);
      await load(floor.url, {}, ROUND_SECONDS, floorM);
      roundRatios.push(p50Of(article, a0) / p50Of(health, h0));
    }
    const hwmEnd = memoryKb(tree, "VmHWM");

    // ------------------------------------------------------------ report
    console.log("");
    console.log(`Machine: ${os.cpus().length} CPU(s), Node ${process.version}; autocannon runs in this process, on the same machine as the server.`);
    console.log(`Load: autocannon, ${CONNECTIONS} connections, pipelining 1, ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s per route (${ROUNDS * ROUND_SECONDS} s each), after ${WARMUP_SECONDS} s warm-up each.`);
    console.log("Latency percentiles are exact, over every response (any status), from autocannon's per-response timings.");
    const rows = [row(article), row(health), row(floorM)];
    console.table(rows.map(({ p50raw: _, ...r }) => r));
    for (const m of [article, health, floorM]) {
      const statuses = [...m.statuses].map(([s, c]) => `${s}: ${c}`).join(", ");
      const hist = m.autocannon.map((l) => `p50 ${l.p50} / p90 ${l.p90} / p97.5 ${l.p97_5} / p99 ${l.p99} ms`).join("; ");
      console.log(`  ${m.name}: status codes {${statuses}}; autocannon histogram (2xx only, whole ms) per round: ${hist}`);
    }
    const ratio = rows[0].p50raw / rows[1].p50raw;
    console.log("");
    console.log(
      `p50 ratio, article route / bare route: ${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x): ${ratio <= TARGET_RATIO ? "MET" : "NOT MET"}`,
    );
    console.log(
      `  Accept-Encoding: ${BROWSER_ACCEPT_ENCODING} (as a browser sends it): ${wire.bytes.length} bytes, Content-Encoding ${wire.headers["content-encoding"] ?? "none"}; ` +
        `floor: a bare Node server sending those bytes, p50 ${ms(rows[2].p50raw)} = ${(rows[2].p50raw / rows[1].p50raw).toFixed(2)}x the bare route`,
    );
    const sortedRounds = [...roundRatios].sort((a, b) => a - b);
    console.log(
      `  per round (article then bare, back to back): ${roundRatios.map((r) => `${r.toFixed(2)}x`).join(", ")}; ` +
        `median ${percentile(sortedRounds, 50).toFixed(2)}x`,
    );
    console.log(
      `Unloaded, ${UNLOADED_REQUESTS} sequential requests each after warm-up: article p50 ${ms(unloadedArticle)}, bare p50 ${ms(unloadedHealth)}, ` +
        `GET /api/v1/me (session lookup only) p50 ${ms(unloadedMe)} ` +
        `(ratio ${(unloadedArticle / unloadedHealth).toFixed(2)}x)`,
    );
    console.log(`Article route response size: ${Buffer.byteLength(firstText)} bytes (${(Buffer.byteLength(firstText) / 1024).toFixed(1)} KiB) uncompressed`);
    console.log("");
    console.log(
      `Sign-in (POST /api/auth/sign-in/email), ${SIGN_IN_SEQUENTIAL} sequential: p50 ${ms(percentile(sequential, 50))}, ` +
        `min ${ms(sequential[0])}, max ${ms(sequential[sequential.length - 1])}`,
    );
    console.log(
      `Failed sign-in, 4 each: wrong password p50 ${ms(percentile(wrong, 50))}, unknown account p50 ${ms(percentile(unknown, 50))} ` +
        `(ratio ${(percentile(unknown, 50) / percentile(wrong, 50)).toFixed(2)}; both hash once with argon2id)`,
    );
    console.log(
      `Sign-in burst, ${SIGN_IN_BURST} at once: ${burstOk}/${SIGN_IN_BURST} answered 200, all done in ${ms(burstWall)} ` +
        `(per request p50 ${ms(percentile(burstSorted, 50))}, max ${ms(burstSorted[burstSorted.length - 1])})`,
    );
    console.log(
      `Server memory (RSS of the server process${tree.length > 1 ? "es" : ""} ${tree.join(", ")}): before burst ${mb(rssBefore)}, ` +
        `peak during burst ${mb(rssPeak)} (+${mb(rssPeak - rssBefore)}, VmRSS polled every 20 ms); ` +
        `VmHWM after burst ${mb(hwmAfterBurst)}, after the load runs ${mb(hwmEnd)}`,
    );
    if (article.non2xx || health.non2xx || article.errors || health.errors) {
      console.log("WARNING: some responses were not 2xx or failed; see the status codes above.");
    }
    console.log(`Total bench time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(server.output().slice(-4000));
    throw error;
  } finally {
    floor?.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const section = process.argv[2];
const sections: Record<string, () => Promise<unknown>> = {
  main,
  events: runEventsBench,
  queues: () => import("./bench/queues.mts").then((m) => m.runQueuesBench()),
  articles: benchArticles,
  reports: () => benchReports(root),
  pg: () => import("./bench/pg.mts").then((m) => m.benchPostgres()),
  hash: () => import("./bench/hash.mts").then((m) => m.benchHash()),
  api: () => import("./bench/api.mts").then((m) => m.benchApi()),
  browser: () => import("./bench/browser.mts").then((m) => m.benchBrowser(root)),
};
(section && sections[section]
  ? sections[section]()
  : main()
      .then(runEventsBench)
      .then(() => sections.queues())
      .then(benchArticles)
      .then(() => benchReports(root))
      .then(() => sections.pg())
      .then(() => sections.api())
      .then(() => sections.browser())
      .then(() => sections.hash())
).then(
  () => process.exit(0),
  (error) => {
    console.error("[bench] failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
