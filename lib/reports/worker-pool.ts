/**
 * Report files are built in worker threads (a small pool, at most one per core), so a large
 * export never holds the server's event loop: other users' requests are served meanwhile. The
 * worker is a bundle made by `npm run build`; without it (unit tests, `next dev`) files are built
 * in this thread, yielding between claims.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as threads from "node:worker_threads";
import { buildReportFile, type ReportFile } from "@/lib/reports/build";
import type { Paper } from "@/lib/reports/html";
import type { ReportData, ReportFormat } from "@/lib/reports/model";

export type WorkerJob = { id: number; format: ReportFormat; data: ReportData; paper: Paper | null };
export type WorkerReply =
  | { id: number; ok: true; body: ArrayBuffer; contentType: string; disposition: string; fileName: ReportFile["fileName"] }
  | { id: number; ok: false; message: string };

/** Where `npm run build` puts the worker bundle. */
export const REPORT_WORKER_FILE = path.join(process.cwd(), ".next", "claimcheck-report-worker.cjs");

// Not a plain `new Worker(file)`: the bundler would try to bundle the worker file into the route.
const WorkerThread: typeof threads.Worker = Reflect.get(threads, "Worker");

type Slot = { worker: threads.Worker; busy: boolean };
type Pending = { job: WorkerJob; resolve: (f: ReportFile) => void; reject: (e: Error) => void };

const pool: { slots: Slot[]; queue: Pending[]; waiting: Map<number, Pending>; next: number } = ((globalThis as Record<string, unknown>).__claimcheckReportPool as never) ?? {
  slots: [],
  queue: [],
  waiting: new Map(),
  next: 1,
};
(globalThis as Record<string, unknown>).__claimcheckReportPool = pool;

const SIZE = Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length));

function startWorker(): Slot {
  const worker = new WorkerThread(REPORT_WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: 768 } });
  const slot: Slot = { worker, busy: false };
  worker.unref();
  worker.on("message", (reply: WorkerReply) => {
    const pending = pool.waiting.get(reply.id);
    pool.waiting.delete(reply.id);
    slot.busy = false;
    if (pending) {
      if (reply.ok) {
        pending.resolve({ body: new Uint8Array(reply.body) as Uint8Array<ArrayBuffer>, contentType: reply.contentType, disposition: reply.disposition, fileName: reply.fileName });
      } else pending.reject(new Error(`Report worker failed: ${reply.message}`));
    }
    dispatch();
  });
  worker.on("error", (error) => {
    // A crashed worker fails its job and is replaced on the next dispatch.
    pool.slots = pool.slots.filter((s) => s !== slot);
    for (const [id, pending] of pool.waiting) {
      if ((pending as Pending & { slot?: Slot }).slot === slot) {
        pool.waiting.delete(id);
        pending.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    dispatch();
  });
  pool.slots.push(slot);
  return slot;
}

function dispatch() {
  while (pool.queue.length) {
    let slot = pool.slots.find((s) => !s.busy);
    if (!slot && pool.slots.length < SIZE) slot = startWorker();
    if (!slot) return;
    const pending = pool.queue.shift()!;
    slot.busy = true;
    (pending as Pending & { slot?: Slot }).slot = slot;
    pool.waiting.set(pending.job.id, pending);
    slot.worker.postMessage(pending.job);
  }
}

/** Builds a report file in a worker thread when the worker bundle is there, else in this thread. */
export function buildReportFileOffThread(format: ReportFormat, data: ReportData, options: { paper?: Paper | null } = {}): Promise<ReportFile> {
  if (process.env.REPORT_WORKERS === "0" || !existsSync(REPORT_WORKER_FILE)) return buildReportFile(format, data, options);
  return new Promise((resolve, reject) => {
    pool.queue.push({ job: { id: pool.next++, format, data, paper: options.paper ?? null }, resolve, reject });
    dispatch();
  });
}
