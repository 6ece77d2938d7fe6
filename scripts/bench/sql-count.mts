/**
 * `npx tsx scripts/bench/sql-count.mts`: the SQL statements one claim save (PATCH /api/v1/claims/:id)
 * sends, counted from the production server's SQL_TRACE=1 output (lib/db-tuning.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAppServer } from "../app-server.ts";
import { BENCH_EMAIL, BENCH_PASSWORD, prepareBenchDatabase } from "./fixture.mts";

const dir = mkdtempSync(path.join(os.tmpdir(), "claimcheck-sql-count-"));
const dbPath = path.join(dir, "bench.db");
const fixture = await prepareBenchDatabase(dbPath, 3);
const app = await startAppServer({ DATABASE_URL: `file:${dbPath}`, BETTER_AUTH_SECRET: "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz", SQL_TRACE: "1" });
try {
  const signIn = await fetch(`${app.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.url },
    body: JSON.stringify({ email: BENCH_EMAIL, password: BENCH_PASSWORD }),
  });
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).filter((p) => !p.endsWith("=")).join("; ");
  const patch = async (version: number, summary: string) => {
    const res = await fetch(`${app.url}/api/v1/claims/${fixture.claimIds[0]}`, {
      method: "PATCH",
      headers: { cookie, origin: app.url, "content-type": "application/json" },
      body: JSON.stringify({ version, summary }),
    });
    return (await res.json()) as { version: number };
  };
  const first = await patch(1, "warm-up");
  await new Promise((r) => setTimeout(r, 300));
  const before = app.output().length;
  await patch(first.version, "counted");
  await new Promise((r) => setTimeout(r, 300));
  const lines = app.output().slice(before).split("\n").filter((l) => l.startsWith("SQL "));
  console.log(lines.join("\n"));
  console.log(`${lines.length} statements for one PATCH /api/v1/claims/:id (session lookup included)`);
} finally {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
}
