/**
 * Report jobs run in worker threads, so a large export never holds the server's event loop:
 * the worker loads the report's data with its own database client and writes the file in
 * chunks, which are passed on to the response as the client reads them. Only the job (an
 * article id, a scope and the already-authorised options) goes to the worker, and only the
 * file's chunks come back.
 *
 * The pool keeps a core for the main thread: cores − 1 workers (at least 1; REPORT_WORKERS sets
 * the number, 0 runs jobs in this thread); further jobs wait in a queue. A job someone is looking
 * at on screen (the Export menu's preview, the report page) goes ahead of queued downloads, and
 * when every worker is busy with a download it gets one more worker of its own: a preview never
 * waits for someone else's large export. Each worker's heap is
 * capped (REPORT_WORKER_HEAP_MB, default 256): a report that does not fit fails alone (503
 * report_too_large), and what it has sent but the client has not read is bounded (1 MB, see
 * lib/reports/worker-entry.ts). Workers idle for a minute are stopped. Without the worker
 * bundle (unit tests, `next dev`) jobs run in this thread, yielding between claims.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as threads from "node:worker_threads";
import { AppError } from "@/lib/errors";
import { runReportJob, type ReportJob } from "@/lib/reports/jobs";
import { ChunkBatcher, type FileHead } from "@/lib/reports/stream";
import { isInteractive, queuePosition } from "@/lib/reports/queue";

export type { ReportJob };

/** A job's error as it crosses from the worker: an AppError keeps its status and code. */
export type SerializedError = { message: string; status?: number; code?: string; details?: Record<string, unknown> };

export type ToWorker = { type: "run"; id: number; job: ReportJob } | { type: "ack"; id: number; bytes: number } | { type: "cancel"; id: number };
export type FromWorker =
  | { type: "head"; id: number; head: FileHead }
  | { type: "chunk"; id: number; chunk: Uint8Array<ArrayBuffer> }
  | { type: "end"; id: number; value: unknown }
  | { type: "error"; id: number; error: SerializedError };

/** A job's outcome: a file (its head, and its body as the worker writes it) or a value. */
export type JobResult = { head: FileHead; body: ReadableStream<Uint8Array> } | { head: null; value: unknown };

/** Where `npm run build` puts the worker bundle. */
export const REPORT_WORKER_FILE = path.join(process.cwd(), ".next", "claimcheck-report-worker.cjs");

/** Turns a thrown value into what crosses the thread boundary. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) return { message: error.message, status: error.status, code: error.code, details: error.details };
  return { message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

function deserializeError(e: SerializedError): Error {
  return e.status && e.code ? new AppError(e.status, e.code, e.message, e.details) : new Error(`Report job failed: ${e.message}`);
}

class ReportTooLargeError extends AppError {
  constructor() {
    super(503, "report_too_large", "This report needs more memory than one export may use. Try the approved scope or a smaller selection.");
  }
}

/** One job's link between its producer (a worker, or this thread) and the HTTP response. */
class Channel {
  readonly result: Promise<JobResult>;
  private resolve!: (r: JobResult) => void;
  private reject!: (e: Error) => void;
  private queue: Uint8Array[] = [];
  private wake: (() => void) | null = null;
  private state: "waiting" | "streaming" | "done" | "failed" = "waiting";
  private failure: Error | null = null;

  constructor(
    private readonly onRead: (bytes: number) => void,
    private readonly onCancel: () => void,
  ) {
    this.result = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  get finished(): boolean {
    return this.state === "done" || this.state === "failed";
  }

  head(head: FileHead) {
    if (this.state !== "waiting") return;
    this.state = "streaming";
    const body = new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          while (!this.queue.length && this.state === "streaming") await new Promise<void>((r) => (this.wake = r));
          const chunk = this.queue.shift();
          if (chunk) {
            controller.enqueue(chunk);
            this.onRead(chunk.byteLength);
          } else if (this.failure) controller.error(this.failure);
          else controller.close();
        },
        cancel: () => {
          this.queue = [];
          if (!this.finished) this.onCancel();
        },
      },
      { highWaterMark: 0 },
    );
    this.resolve({ head, body });
  }

  chunk(chunk: Uint8Array) {
    this.queue.push(chunk);
    this.poke();
  }

  end(value: unknown) {
    if (this.state === "waiting") this.resolve({ head: null, value });
    this.state = "done";
    this.poke();
  }

  fail(error: Error) {
    if (this.state === "waiting") this.reject(error);
    this.failure = error;
    this.state = "failed";
    this.poke();
  }

  private poke() {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

// Not a plain `new Worker(file)`: the bundler would try to bundle the worker file into the route.
const WorkerThread: typeof threads.Worker = Reflect.get(threads, "Worker");

type Slot = { worker: threads.Worker; job: { id: number; channel: Channel; interactive: boolean } | null; idle: NodeJS.Timeout | null };
type Queued = { id: number; job: ReportJob; channel: Channel };

type Pool = { slots: Slot[]; queue: Queued[]; next: number };

const pool: Pool = ((globalThis as Record<string, unknown>).__claimcheckReportPool2 as Pool | undefined) ?? { slots: [], queue: [], next: 1 };
(globalThis as Record<string, unknown>).__claimcheckReportPool2 = pool;

const IDLE_MS = 60_000;

/** How many workers: REPORT_WORKERS, else one core fewer than the machine has (at least 1). */
export function reportPoolSize(): number {
  const set = Number(process.env.REPORT_WORKERS);
  if (process.env.REPORT_WORKERS && Number.isInteger(set) && set >= 0) return set;
  return Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 1);
}

function heapLimitMb(): number {
  const set = Number(process.env.REPORT_WORKER_HEAP_MB);
  return Number.isFinite(set) && set >= 32 ? set : 256;
}

function startWorker(): Slot {
  const worker = new WorkerThread(REPORT_WORKER_FILE, {
    // A small young generation (REPORT_WORKER_YOUNG_MB, default 8) keeps the worker's memory
    // low: measured with 1,000 claims, about 30 MB less at the peak than V8's default.
    resourceLimits: { maxOldGenerationSizeMb: heapLimitMb(), maxYoungGenerationSizeMb: Number(process.env.REPORT_WORKER_YOUNG_MB) || 8 },
    // A small database pool of its own (PostgreSQL); the same DATABASE_URL as the app.
    env: { ...process.env, DATABASE_POOL_SIZE: process.env.REPORT_WORKER_DB_POOL ?? "2" },
  });
  const slot: Slot = { worker, job: null, idle: null };
  worker.unref();
  worker.on("message", (message: FromWorker) => {
    const current = slot.job;
    if (!current || current.id !== message.id) return;
    if (message.type === "head") current.channel.head(message.head);
    else if (message.type === "chunk") current.channel.chunk(message.chunk);
    else {
      if (message.type === "end") current.channel.end(message.value);
      else current.channel.fail(deserializeError(message.error));
      slot.job = null;
      dispatch();
    }
  });
  const lost = (error: Error) => {
    // A worker that died (out of memory, a crash) fails its job and is replaced on the next dispatch.
    pool.slots = pool.slots.filter((s) => s !== slot);
    if (slot.idle) clearTimeout(slot.idle);
    const job = slot.job;
    slot.job = null;
    if (job && !job.channel.finished) {
      const oom = (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
      job.channel.fail(oom ? new ReportTooLargeError() : error);
    }
    dispatch();
  };
  worker.on("error", lost);
  worker.on("exit", (code) => lost(new Error(`The report worker stopped (exit code ${code}).`)));
  pool.slots.push(slot);
  return slot;
}

function dispatch() {
  const size = reportPoolSize();
  while (pool.queue.length) {
    // At most `size` downloads run at once; a job someone waits for on screen may take one
    // worker more (at most size + 1 busy in all). Interactive jobs are queued first.
    const interactive = isInteractive(pool.queue[0].job);
    const busy = pool.slots.filter((s) => s.job).length;
    const downloads = pool.slots.filter((s) => s.job && !s.job.interactive).length;
    if (busy >= size + 1 || (!interactive && downloads >= size)) break;
    const slot = pool.slots.find((s) => !s.job) ?? startWorker();
    const next = pool.queue.shift()!;
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = null;
    slot.job = { id: next.id, channel: next.channel, interactive };
    slot.worker.postMessage({ type: "run", id: next.id, job: next.job } satisfies ToWorker);
  }
  for (const slot of pool.slots) {
    if (slot.job || slot.idle) continue;
    slot.idle = setTimeout(() => {
      if (slot.job) return;
      pool.slots = pool.slots.filter((s) => s !== slot);
      void slot.worker.terminate();
    }, IDLE_MS);
    slot.idle.unref();
  }
}

function slotOf(id: number): Slot | undefined {
  return pool.slots.find((s) => s.job?.id === id);
}

function runInThisThread(job: ReportJob): Promise<JobResult> {
  const channel = new Channel(
    () => undefined,
    () => undefined,
  );
  const batcher = new ChunkBatcher((chunk) => channel.chunk(chunk));
  runReportJob(job, { head: (h) => channel.head(h), text: (s) => batcher.text(s), bytes: (b) => batcher.bytes(b) }).then(
    (value) => {
      batcher.flush();
      channel.end(value);
    },
    (error) => channel.fail(error instanceof Error ? error : new Error(String(error))),
  );
  return channel.result;
}

/**
 * Runs a report job in a worker thread (in this thread without the worker bundle). Resolves
 * once the file's head is known (its body then streams) or with the job's value; rejects with
 * the job's error (an AppError keeps its status) when it fails before its first byte.
 */
export function runReportJobOffThread(job: ReportJob): Promise<JobResult> {
  if (reportPoolSize() === 0 || !existsSync(REPORT_WORKER_FILE)) return runInThisThread(job);
  const id = pool.next++;
  const channel = new Channel(
    (bytes) => slotOf(id)?.worker.postMessage({ type: "ack", id, bytes } satisfies ToWorker),
    () => {
      const queued = pool.queue.findIndex((q) => q.id === id);
      if (queued >= 0) pool.queue.splice(queued, 1);
      else slotOf(id)?.worker.postMessage({ type: "cancel", id } satisfies ToWorker);
    },
  );
  pool.queue.splice(queuePosition(pool.queue, job), 0, { id, job, channel });
  dispatch();
  return channel.result;
}

/** Runs a value job (preview, page) off the main thread and returns its value. */
export async function reportJobValue<T>(job: ReportJob): Promise<T> {
  const result = await runReportJobOffThread(job);
  if (result.head) {
    await result.body.cancel();
    throw new Error(`Report job ${job.kind} gave a file, not a value.`);
  }
  return result.value as T;
}

/** Runs a file job off the main thread; resolves with its head and streaming body. */
export async function reportJobFile(job: ReportJob): Promise<{ head: FileHead; body: ReadableStream<Uint8Array> }> {
  const result = await runReportJobOffThread(job);
  if (!result.head) throw new Error(`Report job ${job.kind} gave no file.`);
  return result;
}
