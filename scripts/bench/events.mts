/**
 * `npm run bench -- events`: 50 event-stream subscribers on one article while claims are written
 * at 20 per second. Prints the delay from each write's acknowledgement (its HTTP 200) to each
 * subscriber receiving the event (p50, p99; target p99 < 500 ms) and the server's memory per
 * subscriber. A fresh temporary SQLite file and the production build.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyPendingMigrations } from "../../prisma/migrator.mts";
import { seed } from "../../prisma/seed-data.mts";
import { createPrismaClient } from "../../lib/db-client.ts";
import { createAccount } from "../../lib/users/accounts.ts";
import { startAppServer } from "../app-server.ts";
import { buildIsCurrent } from "../build-digest.mts";

const SUBSCRIBERS = 50;
const WRITES_PER_SECOND = 20;
const WRITE_SECONDS = 10;
const CLAIMS = 40;
const TARGET_P99_MS = 500;
const password = "bench passphrase that is long enough";

const log = (m: string) => console.log(`[bench:events] ${m}`);
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : "n/a");
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function rssKb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : NaN;
}

async function signIn(base: string, email: string): Promise<string> {
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

type Arrival = { claimId: string; version: number; at: number };

/** One SSE subscriber: records when each claim event arrives. */
function subscribe(url: string, cookie: string, arrivals: Arrival[], controller: AbortController): Promise<void> {
  return new Promise((resolve, reject) => {
    fetch(url, { headers: { cookie, accept: "text/event-stream" }, signal: controller.signal })
      .then(async (res) => {
        if (res.status !== 200 || !res.body) return reject(new Error(`stream answered ${res.status}`));
        resolve();
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = "";
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            const at = performance.now();
            buffer += decoder.decode(value, { stream: true });
            let cut;
            while ((cut = buffer.indexOf("\n\n")) >= 0) {
              const block = buffer.slice(0, cut);
              buffer = buffer.slice(cut + 2);
              const data = block.split("\n").find((l) => l.startsWith("data: "));
              if (!data || !block.includes("event: claim.updated")) continue;
              const d = JSON.parse(data.slice(6)) as { claimId: string; version: number };
              arrivals.push({ claimId: d.claimId, version: d.version, at });
            }
          }
        } catch {
          // aborted at the end
        }
      })
      .catch(reject);
  });
}

/** Runs the events section on its own server and database. */
export async function runEventsBench(): Promise<void> {
  const root = process.cwd();
  if (!buildIsCurrent()) {
    log("the production build is missing or stale: running npm run build");
    if (spawnSync("npm", ["run", "-s", "build"], { stdio: "inherit", cwd: root }).status !== 0) throw new Error("the build failed");
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-bench-events-"));
  const dbPath = path.join(dir, "bench.db");
  await applyPendingMigrations(dbPath);
  const db = createPrismaClient(`file:${dbPath}`);
  const email = "bench-events@example.com";
  let articleId: string;
  try {
    await seed(db, { ...process.env, SEED_ADMIN_EMAIL: "", SEED_ADMIN_PASSWORD: "" });
    await createAccount(db, { email, name: "Bench Writer", role: "checker", password }, null);
    articleId = (await db.article.findFirstOrThrow({ select: { id: true } })).id;
  } finally {
    await db.$disconnect();
  }
  const server = await startAppServer({ DATABASE_URL: `file:${dbPath}`, BETTER_AUTH_SECRET: "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz" }, root);
  const controllers: AbortController[] = [];
  try {
    const cookie = await signIn(server.url, email);
    const headers = { cookie, origin: server.url, "content-type": "application/json" };
    const article = (await (await fetch(`${server.url}/api/v1/articles/${articleId}`, { headers: { cookie } })).json()) as { body: string };
    // Claims to write to, each a short span; one write per claim at a time, so no write meets a 409.
    const claims: { id: string; version: number; busy: boolean }[] = [];
    for (let i = 0; i < CLAIMS; i++) {
      const start = (i * 37) % Math.max(1, article.body.length - 20);
      const r = await fetch(`${server.url}/api/v1/articles/${articleId}/claims`, { method: "POST", headers, body: JSON.stringify({ revision: 1, start, end: start + 10 }) });
      const c = (await r.json()) as { id: string; version: number };
      if (r.status !== 201) throw new Error(`creating a claim answered ${r.status}`);
      claims.push({ id: c.id, version: c.version, busy: false });
    }
    // Warm the write and stream routes.
    for (let i = 0; i < 5; i++) {
      const c = claims[i];
      const r = await fetch(`${server.url}/api/v1/claims/${c.id}`, { method: "PATCH", headers, body: JSON.stringify({ version: c.version, summary: `warm ${i}` }) });
      c.version = ((await r.json()) as { version: number }).version;
    }
    const warm = new AbortController();
    await subscribe(`${server.url}/api/v1/articles/${articleId}/events`, cookie, [], warm);
    warm.abort();
    await sleep(500);

    const rssBefore = rssKb(server.pid);
    const arrivals: Arrival[][] = Array.from({ length: SUBSCRIBERS }, () => []);
    const streamUrl = `${server.url}/api/v1/articles/${articleId}/events`;
    await Promise.all(
      arrivals.map((list) => {
        const c = new AbortController();
        controllers.push(c);
        return subscribe(streamUrl, cookie, list, c);
      }),
    );
    await sleep(1000);
    const rssConnected = rssKb(server.pid);
    log(`${SUBSCRIBERS} subscribers connected`);

    // Writes at a steady 20/s (open loop: a slow answer does not slow the schedule).
    const acks = new Map<string, number>();
    const sentAt = new Map<string, number>();
    const writeTimes: number[] = [];
    let failed = 0;
    let skipped = 0;
    const total = WRITES_PER_SECOND * WRITE_SECONDS;
    const t0 = performance.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / WRITES_PER_SECOND;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const c = claims[i % CLAIMS];
      if (c.busy) {
        skipped++;
        continue;
      }
      c.busy = true;
      const sent = performance.now();
      inflight.push(
        fetch(`${server.url}/api/v1/claims/${c.id}`, { method: "PATCH", headers, body: JSON.stringify({ version: c.version, rationale: `write ${i}` }) })
          .then(async (r) => {
            const body = (await r.json()) as { version: number };
            const at = performance.now();
            if (r.status !== 200) {
              failed++;
              return;
            }
            c.version = body.version;
            acks.set(`${c.id}@${body.version}`, at);
            sentAt.set(`${c.id}@${body.version}`, sent);
            writeTimes.push(at - sent);
          })
          .catch(() => {
            failed++;
          })
          .finally(() => {
            c.busy = false;
          }),
      );
    }
    await Promise.all(inflight);
    const writeWall = (performance.now() - t0) / 1000;
    await sleep(2000);
    const rssAfter = rssKb(server.pid);

    const delays: number[] = [];
    const fromSend: number[] = [];
    let missing = 0;
    let early = 0;
    for (const list of arrivals) {
      const seen = new Map(list.map((a) => [`${a.claimId}@${a.version}`, a.at]));
      for (const [key, ackAt] of acks) {
        const at = seen.get(key);
        if (at === undefined) missing++;
        else {
          if (at < ackAt) early++;
          delays.push(Math.max(0, at - ackAt));
          fromSend.push(at - (sentAt.get(key) ?? ackAt));
        }
      }
    }
    delays.sort((a, b) => a - b);
    fromSend.sort((a, b) => a - b);
    writeTimes.sort((a, b) => a - b);
    const p99 = percentile(delays, 99);
    console.log("");
    console.log(`Machine: ${os.cpus().length} CPU(s), Node ${process.version}; subscribers and writer run in this process, on the same machine as the server.`);
    console.log(
      `Writes: ${acks.size} acknowledged of ${total} scheduled at ${WRITES_PER_SECOND}/s over ${writeWall.toFixed(1)} s ` +
        `(${failed} failed, ${skipped} skipped because that claim's previous write was still in flight); ` +
        `write latency p50 ${ms(percentile(writeTimes, 50))}, p99 ${ms(percentile(writeTimes, 99))}`,
    );
    console.log(
      `Events: ${delays.length} deliveries to ${SUBSCRIBERS} subscribers (${missing} missing; ${early} arrived before the writer read its answer, counted as 0 ms)`,
    );
    console.log(
      `Delay from a write's acknowledgement to each subscriber's event: p50 ${ms(percentile(delays, 50))}, p90 ${ms(percentile(delays, 90))}, ` +
        `p99 ${ms(p99)}, max ${ms(delays[delays.length - 1])} (target p99 < ${TARGET_P99_MS} ms): ${p99 < TARGET_P99_MS && missing === 0 ? "MET" : "NOT MET"}`,
    );
    console.log(
      `For context, from sending each write to each subscriber's event: p50 ${ms(percentile(fromSend, 50))}, p99 ${ms(percentile(fromSend, 99))}; ` +
        `load average during the run ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} (1/5/15 min; other work on this machine counts)`,
    );
    console.log(
      `Server memory (RSS, pid ${server.pid}): before subscribers ${(rssBefore / 1024).toFixed(1)} MB, ${SUBSCRIBERS} connected ${(rssConnected / 1024).toFixed(1)} MB ` +
        `(${((rssConnected - rssBefore) / SUBSCRIBERS).toFixed(0)} KB per subscriber), after the writes ${(rssAfter / 1024).toFixed(1)} MB ` +
        `(${((rssAfter - rssBefore) / SUBSCRIBERS).toFixed(0)} KB per subscriber)`,
    );
  } catch (error) {
    console.error(server.output().slice(-4000));
    throw error;
  } finally {
    for (const c of controllers) c.abort();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
