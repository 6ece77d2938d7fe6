import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { appOrigin } from "@/lib/config";
import { loadReportDataFrom } from "@/lib/reports/load";
import type { ReportData, ReportScope } from "@/lib/reports/model";

/** Loads everything a report of one article needs, in the given scope. */
export async function loadReportData(actor: Actor, articleId: string, scope: ReportScope = "all"): Promise<ReportData> {
  if (!can(actor, "report:export")) throw new NotFoundError("article");
  const data = await loadReportDataFrom(db, articleId, { scope, appOrigin: appOrigin() });
  if (!data) throw new NotFoundError("article");
  return data;
}
