/** The order in which report jobs wait for a worker (lib/reports/worker-pool.ts). */
import type { ReportJob } from "@/lib/reports/jobs";

/** A job whose answer someone waits for on screen (not a download). */
export function isInteractive(job: ReportJob): boolean {
  return job.kind === "preview" || job.kind === "page";
}

/**
 * Where a new job goes in the queue: an interactive job after the interactive jobs already
 * waiting and before every download; a download at the end.
 */
export function queuePosition(queue: readonly { job: ReportJob }[], job: ReportJob): number {
  if (!isInteractive(job)) return queue.length;
  const firstDownload = queue.findIndex((q) => !isInteractive(q.job));
  return firstDownload < 0 ? queue.length : firstDownload;
}
