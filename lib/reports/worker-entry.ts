/**
 * The report worker thread: builds report files off the main thread, so a large export never
 * stalls other requests. Bundled by scripts/build.mts into .next/claimcheck-report-worker.cjs.
 */
import { parentPort } from "node:worker_threads";
import { buildReportFile } from "@/lib/reports/build";
import type { WorkerJob, WorkerReply } from "@/lib/reports/worker-pool";

parentPort!.on("message", async (job: WorkerJob) => {
  try {
    const file = await buildReportFile(job.format, job.data, { paper: job.paper });
    const bytes = typeof file.body === "string" ? Buffer.from(file.body, "utf8") : file.body;
    // A buffer of its own, moved (not copied) to the main thread.
    const body = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(body).set(bytes);
    const reply: WorkerReply = { id: job.id, ok: true, body, contentType: file.contentType, disposition: file.disposition, fileName: file.fileName };
    parentPort!.postMessage(reply, [body]);
  } catch (error) {
    const reply: WorkerReply = { id: job.id, ok: false, message: error instanceof Error ? error.stack ?? error.message : String(error) };
    parentPort!.postMessage(reply);
  }
});
