/**
 * WAL checkpoints off the event loop. SQLite copies the write-ahead log back into the database
 * file (a checkpoint, with an fsync under synchronous=NORMAL) inside whichever commit takes the
 * log past 1,000 pages: on the app's one connection that commit then holds the event loop and
 * the write lock for several milliseconds, and every request queued behind it waits (it was the
 * largest part of a claim save's p99 at 32 writers).
 *
 * Here the app's connection stops checkpointing (wal_autocheckpoint=0) and a worker thread with
 * a connection of its own runs a PASSIVE checkpoint every CHECKPOINT_INTERVAL_MS, which never
 * blocks readers or writers. What a commit guarantees is unchanged: a committed transaction is in
 * the log either way, and the log is read by every connection. If the worker cannot start or
 * stops, the connection checkpoints by itself again. One worker per database file per process
 * (the process holds two copies of lib/, Next's and the API router's). Only where
 * SQLITE_CHECKPOINTS=background, which scripts/serve.mjs sets: report workers, migrations,
 * command-line scripts and tests keep SQLite's default (a checkpoint running beside the
 * migration engine made it fail as busy).
 */
import path from "node:path";
import * as threads from "node:worker_threads";

// Not a plain `new Worker(…)`: the bundler would try to treat its argument as a file to bundle.
const WorkerThread: typeof threads.Worker = Reflect.get(threads, "Worker");

const INTERVAL_MS = Number(process.env.SQLITE_CHECKPOINT_INTERVAL_MS ?? 250);
const DEFAULT_AUTOCHECKPOINT = 1000;

type Pragmatic = { pragma: (source: string, options?: { simple?: boolean }) => unknown; name?: string; memory?: boolean };
type Checkpointer = { worker: threads.Worker; connections: Set<Pragmatic> };

const KEY = Symbol.for("claimcheck.sqliteCheckpointers");
const registry = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map<string, Checkpointer>()) as Map<string, Checkpointer>;

// The worker's code, run with eval: it loads better-sqlite3 from the project's node_modules (as
// the report worker is found under the project's folder) and opens its own connection to the file.
const WORKER_SOURCE = `
const { workerData, parentPort } = require("node:worker_threads");
const Database = require(workerData.module);
const db = new Database(workerData.file, { timeout: 0, fileMustExist: true });
db.pragma("synchronous = NORMAL");
const tick = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    // SQLITE_BUSY: another checkpoint is running; the next tick tries again.
    if (error && error.code !== "SQLITE_BUSY") parentPort.postMessage({ error: String(error && error.message) });
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on("message", (m) => { if (m === "checkpoint") { tick(); parentPort.postMessage("checkpointed"); } });
parentPort.postMessage("ready");
`;

/** Moves `connection`'s checkpoints to a background worker (WAL databases on a file, main thread only). */
export function checkpointInBackground(connection: Pragmatic | undefined): void {
  if (process.env.SQLITE_CHECKPOINTS !== "background") return;
  if (!connection || !threads.isMainThread || INTERVAL_MS <= 0 || connection.memory) return;
  const file = connection.name;
  if (!file || file === ":memory:") return;
  if (String(connection.pragma("journal_mode", { simple: true })).toLowerCase() !== "wal") return;
  let checkpointer = registry.get(file);
  if (!checkpointer) {
    let worker: threads.Worker;
    try {
      worker = new WorkerThread(WORKER_SOURCE, { eval: true, workerData: { file, module: path.join(process.cwd(), "node_modules", "better-sqlite3"), intervalMs: INTERVAL_MS } });
    } catch {
      return; // the connection keeps checkpointing by itself
    }
    const started: Checkpointer = { worker, connections: new Set() };
    checkpointer = started;
    worker.unref();
    const stopped = () => {
      registry.delete(file);
      for (const c of started.connections) restoreAutocheckpoint(c);
    };
    worker.on("error", stopped);
    worker.on("exit", stopped);
    registry.set(file, started);
  }
  checkpointer.connections.add(connection);
  connection.pragma("wal_autocheckpoint = 0");
}

function restoreAutocheckpoint(connection: Pragmatic) {
  try {
    connection.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  } catch {
    /* closed */
  }
}

/** Tests: whether `file` has a background checkpointer in this process. */
export function hasBackgroundCheckpointer(file: string): boolean {
  return registry.has(file);
}
