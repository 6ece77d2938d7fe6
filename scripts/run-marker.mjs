// Where a running app server leaves a mark, so that `npm run restore` can refuse while it runs:
// one file per server process, named by its pid, in a folder beside the SQLite file (or ./data
// for PostgreSQL). Plain JavaScript: scripts/serve.mjs runs under plain node.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The folder holding the database's files: the SQLite file's folder, else ./data. */
export function dataDir(url = process.env.DATABASE_URL) {
  const raw = (url ?? "").trim() || "file:./data/claims.db";
  if (/^postgres(ql)?:\/\//i.test(raw)) return path.resolve("data");
  return path.dirname(path.resolve(raw.replace(/^file:(\/\/(?=\/))?/i, "").replace(/\?.*$/, "")));
}

function markerDir(url) {
  const raw = (url ?? "").trim();
  if (!/^postgres(ql)?:\/\//i.test(raw)) return path.join(dataDir(url), ".running");
  // Several PostgreSQL databases share ./data: one folder per server and database.
  const u = new URL(raw);
  const key = createHash("sha256").update(`${u.hostname}:${u.port}${u.pathname}`).digest("hex").slice(0, 16);
  return path.join(dataDir(url), ".running", key);
}

/** Marks this process as a running server; returns a function that removes the mark. */
export function markRunning(url, info = {}) {
  const dir = markerDir(url);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, String(process.pid));
  writeFileSync(file, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), ...info }));
  return () => rmSync(file, { force: true });
}

/** Pids of server processes that are alive and serve this database (stale marks are removed). */
export function runningServers(url) {
  const dir = markerDir(url);
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const alive = [];
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    try {
      process.kill(pid, 0);
      alive.push(pid);
    } catch (error) {
      if (error.code === "EPERM") alive.push(pid);
      else rmSync(path.join(dir, name), { force: true });
    }
  }
  return alive;
}
