import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { appOrigin } from "@/lib/config";
import { searchNeedle } from "@/lib/search/fold";
import { refreshClaimSearch } from "@/lib/search/data";
import { loadReportDataFrom } from "@/lib/reports/load";
import type { ReportData, ReportFormat, ReportScope } from "@/lib/reports/model";
import type { Paper } from "@/lib/reports/html";
import type { ReportPreview } from "@/lib/reports/preview";
import type { ClaimsExportFormat } from "@/lib/reports/claims-export";
import type { ReportJob } from "@/lib/reports/jobs";
import { reportJobFile, reportJobValue } from "@/lib/reports/worker-pool";

// The permission checks happen here, on the main thread, before a job starts; a job gets only
// the article id, the scope and the options already checked (lib/reports/jobs.ts).

/** Loads everything a report of one article needs, in the given scope (in this thread). */
export async function loadReportData(actor: Actor, articleId: string, scope: ReportScope = "all"): Promise<ReportData> {
  if (!can(actor, "report:export")) throw new NotFoundError("article");
  const data = await loadReportDataFrom(db, articleId, { scope, appOrigin: appOrigin() });
  if (!data) throw new NotFoundError("article");
  return data;
}

/** A report file of one article, built off the main thread: its head, then its body as a stream. */
export function reportDownload(actor: Actor, articleId: string, options: { format: ReportFormat; scope: ReportScope; paper: Paper | null }) {
  if (!can(actor, "report:export")) throw new NotFoundError("article");
  return reportJobFile({ kind: "file", articleId, scope: options.scope, format: options.format, paper: options.paper, appOrigin: appOrigin() });
}

/** What a report file would hold (the Export menu's preview), worked out off the main thread. */
export function reportPreview(actor: Actor, articleId: string, format: ReportFormat, scope: ReportScope): Promise<ReportPreview> {
  if (!can(actor, "report:export")) throw new NotFoundError("article");
  return reportJobValue<ReportPreview>({ kind: "preview", articleId, scope, format, appOrigin: appOrigin() });
}

/** The HTML report's markup for the report page, built off the main thread. */
export function reportPageHtml(actor: Actor, articleId: string, scope: ReportScope): Promise<string> {
  if (!can(actor, "report:export")) throw new NotFoundError("article");
  return reportJobValue<string>({ kind: "page", articleId, scope, appOrigin: appOrigin() });
}

type ClaimsQuery = Extract<ReportJob, { kind: "claims" }>["query"];

/** The claims list's export (every claim matching its filters, across articles), built off the main thread. */
export async function claimsExportDownload(actor: Actor, query: ClaimsQuery, format: ClaimsExportFormat) {
  if (!can(actor, "article:read")) throw new ForbiddenError();
  // The search index is brought up to date here, the one writer, before the job reads it.
  if (searchNeedle(query.q)) await refreshClaimSearch();
  return reportJobFile({ kind: "claims", actor: { id: actor.id, role: actor.role }, query, format, now: new Date().toISOString() });
}
