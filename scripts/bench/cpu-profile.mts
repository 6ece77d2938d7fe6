/**
 * `npx tsx scripts/bench/cpu-profile.mts [path ...]`: runs the production server under
 * `node --cpu-prof`, loads each path with autocannon (32 connections), and prints where the
 * server's CPU time went: self time by package/area and the top functions. Used to write
 * docs/perf-profile.md. `:article` in a path stands for the id of an article with 300 claims (the
 * bench's fixture); PROFILE_ACCEPT_ENCODING sets the requests' Accept-Encoding (none by default,
 * like autocannon; a browser sends "gzip, deflate, br, zstd"). The path `PATCH` profiles the claim
 * save: 32 writers, each on its own claim (the bench's fixture and writer pool, scripts/bench/api.mts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { startAppServer } from "../app-server.ts";
import { BENCH_EMAIL, BENCH_PASSWORD, prepareBenchDatabase } from "./fixture.mts";
import { patchRequests } from "./api.mts";

const autocannon = createRequire(import.meta.url)("autocannon") as (opts: Record<string, unknown>) => Promise<{ requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number }>;
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 10);

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

/** Where a script URL belongs: a package name, an area of Next, or the app's own code. */
function area(url: string): string {
  if (!url) return "(native/V8)";
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    const pkg = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    if (pkg === "next") {
      const i = rest.indexOf("dist");
      return `next/${rest.slice(i + 1, i + 3).join("/")}`;
    }
    return pkg;
  }
  if (url.includes("/.next/")) return `.next/${url.slice(url.indexOf("/.next/") + 7).replace(/^server\/chunks\//, "chunks/")}`;
  return path.relative(process.cwd(), url.replace(/^file:\/\//, ""));
}

/** Self and inclusive time of the samples taken during the measured load (the last SECONDS of the profile). */
function summarize(profile: Profile, label: string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Sample times; keep only the load window, not start-up or shutdown.
  let t = profile.startTime;
  const from = profile.endTime - (SECONDS + 0.3) * 1e6;
  const to = profile.endTime - 0.3e6;
  const samples: number[] = [];
  profile.samples.forEach((s, i) => {
    t += profile.timeDeltas[i];
    if (t >= from && t <= to) samples.push(s);
  });
  const total = samples.length;
  const self = new Map<number, number>();
  for (const s of samples) self.set(s, (self.get(s) ?? 0) + 1);
  const inclusive = new Map<string, number>();
  for (const s of samples) {
    const seen = new Set<string>();
    for (let id: number | undefined = s; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id)!;
      if (!n.callFrame.functionName || n.callFrame.functionName === "(root)") continue;
      seen.add(`${n.callFrame.functionName}  ${area(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`);
    }
    for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + 1);
  }
  const areas = new Map<string, number>();
  const funcs = new Map<string, number>();
  for (const [id, count] of self) {
    const n = byId.get(id)!;
    const a = area(n.callFrame.url);
    areas.set(a, (areas.get(a) ?? 0) + count);
    const f = `${n.callFrame.functionName || "(anonymous)"}  ${a}:${n.callFrame.lineNumber + 1}`;
    funcs.set(f, (funcs.get(f) ?? 0) + count);
  }
  const pct = (c: number) => `${((100 * c) / total).toFixed(1)}%`;
  console.log(`\n## ${label}: ${total} samples in the load window (of ${profile.samples.length})`);
  console.log("\nSelf time by area:");
  for (const [a, c] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, 18)) console.log(`  ${pct(c).padStart(6)}  ${a}`);
  console.log("\nTop functions (self):");
  for (const [f, c] of [...funcs].sort((x, y) => y[1] - x[1]).slice(0, 25)) console.log(`  ${pct(c).padStart(6)}  ${f}`);
  console.log("\nTop functions (inclusive: the sample is in them or in what they call):");
  for (const [f, c] of [...inclusive].sort((x, y) => y[1] - x[1]).slice(0, 45)) console.log(`  ${pct(c).padStart(6)}  ${f}`);
}

const dir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-prof-"));
const dbPath = path.join(dir, "prof.db");
const fixture = await prepareBenchDatabase(dbPath, 300);
const acceptEncoding = process.env.PROFILE_ACCEPT_ENCODING;

const targets = (process.argv.slice(2).length ? process.argv.slice(2) : ["/api/health", "/api/v1/me"]).map((t) => t.replace(":article", fixture.articleId));
for (const target of targets) {
  const profDir = path.join(dir, `prof-${targets.indexOf(target)}`);
  const server = await startAppServer({
    DATABASE_URL: `file:${dbPath}`,
    BETTER_AUTH_SECRET: "profile-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
  }, process.cwd(), ["--cpu-prof", `--cpu-prof-dir=${profDir}`]);
  try {
    const signIn = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ email: BENCH_EMAIL, password: BENCH_PASSWORD }),
    });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).filter((p) => !p.endsWith("=")).join("; ");
    const headers = { cookie, ...(acceptEncoding ? { "accept-encoding": acceptEncoding } : {}) };
    const load = (claims: string[]) =>
      target === "PATCH"
        ? patchRequests(server.url, cookie, claims, { name: target, latencies: [], statuses: new Map(), seconds: 0, errors: 0, bodies: [] })
        : { url: server.url + target, headers };
    await autocannon({ ...load(fixture.claimIds.slice(200)), connections: 32, duration: 2 });
    const r = await autocannon({ ...load(fixture.claimIds.slice(0, 32)), connections: 32, duration: SECONDS });
    console.log(`\n# ${target}${acceptEncoding ? ` (Accept-Encoding: ${acceptEncoding})` : ""}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}`);
  } finally {
    await server.stop();
  }
  // Give the profiler time to write its file.
  for (let i = 0; i < 50; i++) {
    try {
      if (readdirSync(profDir).some((f) => f.endsWith(".cpuprofile"))) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const f of readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile"))) {
    summarize(JSON.parse(readFileSync(path.join(profDir, f), "utf8")) as Profile, `${target} (${f})`);
  }
}
rmSync(dir, { recursive: true, force: true });
