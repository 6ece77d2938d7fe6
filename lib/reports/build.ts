/** Picks the builder for a report format. Pure: the data is loaded by lib/reports/data.ts. */
import { buildMarkdownReport } from "@/lib/reports/markdown";
import { reportFileName, type ReportData } from "@/lib/reports/model";

export const REPORT_FORMATS = ["md"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type ReportFile = { body: string | Uint8Array<ArrayBuffer>; contentType: string; fileName: string };

/** Builds one report file of `data` in `format`. */
export async function buildReportFile(format: ReportFormat, data: ReportData): Promise<ReportFile> {
  switch (format) {
    case "md":
      return { body: buildMarkdownReport(data), contentType: "text/markdown; charset=utf-8", fileName: reportFileName(data, "md") };
  }
}
