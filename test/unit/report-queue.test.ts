import { isInteractive, queuePosition } from "@/lib/reports/queue";
import type { ReportJob } from "@/lib/reports/jobs";

const file = (articleId: string): ReportJob => ({ kind: "file", articleId, scope: "all", format: "pdf", paper: "a4", appOrigin: "https://x" });
const preview = (articleId: string): ReportJob => ({ kind: "preview", articleId, scope: "all", format: "pdf", appOrigin: "https://x" });
const page = (articleId: string): ReportJob => ({ kind: "page", articleId, scope: "all", appOrigin: "https://x" });

/** Queues the jobs in arrival order, as the pool does, and lists the order they will run in. */
function order(jobs: ReportJob[]): string[] {
  const queue: { job: ReportJob }[] = [];
  for (const job of jobs) queue.splice(queuePosition(queue, job), 0, { job });
  return queue.map(({ job }) => `${job.kind}:${"articleId" in job ? job.articleId : ""}`);
}

it("previews and report pages go ahead of downloads, each kind in arrival order", () => {
  expect(order([file("a"), file("b"), preview("c"), page("d"), file("e"), preview("f")])).toEqual(["preview:c", "page:d", "preview:f", "file:a", "file:b", "file:e"]);
  expect(order([file("a"), file("b")])).toEqual(["file:a", "file:b"]);
  expect(order([preview("a"), preview("b")])).toEqual(["preview:a", "preview:b"]);
});

it("only what someone waits for on screen counts as interactive", () => {
  expect([file("a"), preview("a"), page("a")].map(isInteractive)).toEqual([false, true, true]);
});
