/**
 * The report jobs the worker threads run (lib/reports/worker-entry.ts), or this thread when there
 * is no worker bundle. A job loads its own data through this thread's database client and writes
 * its file piece by piece. No permission check here: the caller checks before it starts a job
 * (lib/reports/data.ts) and passes only the already-authorised options.
 */
import type { z } from "zod";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import type { listClaimsQuerySchema } from "@/lib/claims/schemas";
import { loadReportDataFrom } from "@/lib/reports/load";
import { reportFileHead, writeReportBody } from "@/lib/reports/build";
import { buildHtmlReportBody, type Paper } from "@/lib/reports/html";
import { previewReport } from "@/lib/reports/preview";
import { writeClaimsExport, type ClaimsExportFormat } from "@/lib/reports/claims-export";
import type { ReportFormat, ReportScope } from "@/lib/reports/model";
import type { FileOutput } from "@/lib/reports/stream";

export type ReportJob =
  /** A report file, written to the output. */
  | { kind: "file"; articleId: string; scope: ReportScope; format: ReportFormat; paper: Paper | null; appOrigin: string }
  /** The Export menu's preview (counts, ClaimReview checks), returned as a value. */
  | { kind: "preview"; articleId: string; scope: ReportScope; format: ReportFormat; appOrigin: string }
  /** The HTML report's markup for the /articles/:id/report page, returned as a value. */
  | { kind: "page"; articleId: string; scope: ReportScope; appOrigin: string }
  /** The claims list export across articles, written to the output. */
  | { kind: "claims"; actor: Actor; query: z.infer<typeof listClaimsQuerySchema>; format: ClaimsExportFormat; now: string };

/** Runs one job: a file job writes to `out` (its head first); a value job returns its value. */
export async function runReportJob(job: ReportJob, out: FileOutput): Promise<unknown> {
  if (job.kind === "claims") {
    await writeClaimsExport(job.actor, job.query, job.format, out, new Date(job.now));
    return undefined;
  }
  const data = await loadReportDataFrom(db, job.articleId, { scope: job.scope, appOrigin: job.appOrigin });
  if (!data) throw new NotFoundError("article");
  if (job.kind === "preview") return previewReport(job.format, data);
  if (job.kind === "page") return buildHtmlReportBody(data);
  const head = reportFileHead(job.format, data);
  out.head({
    contentType: head.contentType,
    disposition: head.disposition,
    headers: { "X-Report-Revision": String(data.article.revision), "X-Report-Scope": data.scope },
  });
  await writeReportBody(job.format, data, job.paper, out);
  return undefined;
}
