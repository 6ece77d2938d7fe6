/**
 * The report worker thread (lib/reports/worker-pool.ts): runs one report job at a time with its
 * own database client, sending the file in chunks. While more than WINDOW bytes are sent but
 * not yet read by the response, the job waits at its next yield, so a slow client never makes
 * a whole file pile up. Bundled by scripts/build.mts into .next/claimcheck-report-worker.cjs.
 */
import { readlinkSync } from "node:fs";
import os from "node:os";
import { parentPort } from "node:worker_threads";
import { runReportJob } from "@/lib/reports/jobs";
import { setYieldHook } from "@/lib/reports/model";
import { ChunkBatcher } from "@/lib/reports/stream";
import { serializeError, type FromWorker, type ToWorker } from "@/lib/reports/worker-pool";

const WINDOW = 1024 * 1024;
const STALL_MS = 60_000;
const port = parentPort!;
let current: { id: number; unread: number; cancelled: boolean; wake: (() => void) | null } | null = null;

class Cancelled extends Error {}

// On Linux a thread has a scheduling priority of its own: the worker yields the CPU to the
// server's main thread (REPORT_WORKER_NICE, default 10), so other users' requests are answered
// first even when every core is busy. Elsewhere this is skipped.
try {
  const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
  const nice = Number(process.env.REPORT_WORKER_NICE ?? 10);
  if (Number.isInteger(tid) && tid > 0 && Number.isInteger(nice)) os.setPriority(tid, Math.max(-20, Math.min(19, nice)));
} catch {
  /* not Linux, or not allowed */
}

function post(message: FromWorker, transfer?: ArrayBuffer[]) {
  port.postMessage(message, transfer);
}

setYieldHook(async () => {
  const job = current;
  while (job && !job.cancelled && job.unread > WINDOW) {
    // A client that reads nothing for a minute has gone: the job ends and frees its worker.
    const before = job.unread;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((r) => {
      job.wake = r;
      timer = setTimeout(r, STALL_MS);
    });
    clearTimeout(timer);
    if (job.unread === before && !job.cancelled) job.cancelled = true;
  }
  if (job?.cancelled) throw new Cancelled("The download was cancelled.");
});

port.on("message", async (message: ToWorker) => {
  if (message.type !== "run") {
    if (!current || current.id !== message.id) return;
    if (message.type === "ack") current.unread -= message.bytes;
    else current.cancelled = true;
    const wake = current.wake;
    current.wake = null;
    wake?.();
    return;
  }
  const { id, job } = message;
  const state = { id, unread: 0, cancelled: false, wake: null as (() => void) | null };
  current = state;
  const batcher = new ChunkBatcher((chunk) => {
    if (state.cancelled) throw new Cancelled("The download was cancelled.");
    state.unread += chunk.byteLength;
    post({ type: "chunk", id, chunk }, [chunk.buffer]);
  });
  try {
    const value = await runReportJob(job, { head: (head) => post({ type: "head", id, head }), text: (s) => batcher.text(s), bytes: (b) => batcher.bytes(b) });
    batcher.flush();
    post({ type: "end", id, value });
  } catch (error) {
    post({ type: "error", id, error: serializeError(error) });
  } finally {
    if (current === state) current = null;
  }
});
