/**
 * Where a desk page's time goes: `npx tsx scripts/bench/queues-profile.mts /review /claims?q=x …`
 * Builds the queues bench database once (kept in $PROFILE_DIR, default a temp folder), starts
 * the production server under `node --cpu-prof`, asks each route sequentially, and prints the
 * CPU profile's self time by area and the heaviest functions (inclusive).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../app-server.ts";
import { applyPendingMigrations } from "../../prisma/migrator.mts";
import { prepare, signIn } from "./queues.mts";

const dir = process.env.PROFILE_DIR ?? path.join(os.tmpdir(), "claimcheck-queues-profile");
const REQUESTS = Number(process.env.PROFILE_REQUESTS ?? 200);
const routes = process.argv.slice(2);
if (routes.length === 0) throw new Error("name one or more routes");
mkdirSync(dir, { recursive: true });
const dbPath = path.join(dir, "bench.db");
if (!existsSync(dbPath)) await prepare(dbPath);
else await applyPendingMigrations(dbPath);
const profDir = path.join(dir, `prof-${Date.now()}`);
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const child = spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profDir}`, "scripts/serve.mjs"], {
  env: { ...process.env, NODE_ENV: "production", APP_ORIGIN: url, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `file:${dbPath}`, BETTER_AUTH_SECRET: "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz", LOG_LEVEL: "warn", BENCH_EMPTY_PAGE: "1" },
  stdio: ["ignore", "inherit", process.env.PROFILE_STDERR ? "inherit" : "ignore"],
});
for (;;) {
  try {
    if ((await fetch(`${url}/api/health`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 200));
}
const cookie = await signIn(url);
const get = async (r: string) => {
  const t = performance.now();
  const res = await fetch(url + r, { headers: { cookie, "accept-encoding": "identity" } });
  const body = await res.text();
  return { ms: performance.now() - t, status: res.status, bytes: Buffer.byteLength(body) };
};
for (const r of routes) for (let i = 0; i < 10; i++) await get(r);
const windowStart = performance.now() * 1000; // µs, this process's clock (only for duration)
const t0 = Date.now();
/** CPU time (user + system) the server process has used, in ms (Linux /proc, 10 ms ticks). */
const cpuMs = () => {
  const f = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
};
for (const r of routes) {
  const cpu0 = cpuMs();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const x = await get(r);
    if (x.status !== 200) throw new Error(`${r}: ${x.status}`);
    times.push(x.ms);
    bytes = x.bytes;
  }
  times.sort((a, b) => a - b);
  const cpu = (cpuMs() - cpu0) / REQUESTS;
  console.log(`${r}: server CPU ${cpu.toFixed(1)} ms per request; p50 ${times[Math.floor(times.length / 2)].toFixed(1)} ms, p99 ${times[Math.ceil(times.length * 0.99) - 1].toFixed(1)} ms, ${bytes} bytes`);
}
const windowMs = Date.now() - t0;
void windowStart;
const tEnd = Date.now();
const exited = new Promise((r) => child.once("exit", r));
child.kill("SIGINT");
await exited;
const tExit = Date.now();

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
const file = readdirSync(profDir).find((f) => f.endsWith(".cpuprofile"));
if (!file) throw new Error("no profile written");
const prof = JSON.parse(readFileSync(path.join(profDir, file), "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; endTime: number };
// Only the last `windowMs` of samples (the measured requests), not start-up.
// The measured requests ran from t0 to tEnd; the profile ends when the process exits (tExit).
const cutoff = prof.endTime - (tExit - t0) * 1000;
const cutEnd = prof.endTime - (tExit - tEnd) * 1000;
let t = prof.endTime - prof.timeDeltas.reduce((a, b) => a + b, 0);
const counts = new Map<number, number>();
let total = 0;
let busyUs = 0;
const idleId = prof.nodes.find((n) => n.callFrame.functionName === "(idle)")?.id;
const startAt = prof.endTime - prof.timeDeltas.reduce((a, b) => a + b, 0);
t = startAt;
for (let i = 0; i < prof.samples.length; i++) {
  t += prof.timeDeltas[i];
  if (t < cutoff || t > cutEnd) continue;
  counts.set(prof.samples[i], (counts.get(prof.samples[i]) ?? 0) + 1);
  if (prof.samples[i] !== idleId) busyUs += prof.timeDeltas[i];
  total++;
}
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const area = (u: string, fn: string) => {
  if (!u) return fn === "(garbage collector)" ? "GC" : fn === "(idle)" ? "idle" : fn === "(program)" ? "program" : `native ${fn}`;
  if (u.startsWith("node:")) return u.replace(/^node:(internal\/)?/, "node:").split("/").slice(0, 2).join("/");
  const m = u.match(/node_modules\/((@[^/]+\/)?[^/]+)(\/dist\/compiled\/[^/]+|\/dist\/server\/[^/]+|\/dist\/[^/]+)?/);
  if (m) return m[1] + (m[3] ?? "");
  if (u.includes("/.next/server/")) return `.next/server/${u.split("/.next/server/")[1]}`;
  return u.replace(process.cwd(), ".");
};
const self = new Map<string, number>();
const selfFn = new Map<string, number>();
const incl = new Map<string, number>();
for (const [id, n] of counts) {
  const node = byId.get(id)!;
  const a = area(node.callFrame.url, node.callFrame.functionName);
  self.set(a, (self.get(a) ?? 0) + n);
  const fk = `${node.callFrame.functionName || "(anonymous)"} ${a}:${node.callFrame.lineNumber + 1}`;
  selfFn.set(fk, (selfFn.get(fk) ?? 0) + n);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur)!.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${area(f.url, f.functionName)}:${f.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    incl.set(key, (incl.get(key) ?? 0) + n);
  }
}
const pctOf = (n: number) => `${((n / total) * 100).toFixed(1)}%`;
console.log(`\n${total} samples in the measured window (${windowMs} ms); server CPU ${(busyUs / 1000 / (REQUESTS * routes.length)).toFixed(1)} ms per request (non-idle samples)`);
console.log("\nSelf time by area:");
for (const [a, n] of [...self].sort((x, y) => y[1] - x[1]).slice(0, 30)) console.log(`  ${pctOf(n).padStart(6)}  ${a}`);
console.log("\nSelf time, top functions:");
for (const [a, n] of [...selfFn].sort((x, y) => y[1] - x[1]).slice(0, 30)) console.log(`  ${pctOf(n).padStart(6)}  ${a}`);
console.log("\nInclusive, top functions:");
for (const [k, n] of [...incl].sort((x, y) => y[1] - x[1]).slice(0, Number(process.env.PROFILE_TOP ?? 70))) console.log(`  ${pctOf(n).padStart(6)}  ${k}`);
