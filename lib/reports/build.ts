/** Picks the builder for a report format. Pure: the data is loaded by lib/reports/load.ts. */
import { contentDisposition, reportFileNames, REPORT_FORMATS, type ReportData, type ReportFormat } from "@/lib/reports/model";
import { buildMarkdownReport } from "@/lib/reports/markdown";
import { buildHtmlReport, type Paper } from "@/lib/reports/html";
import { buildCsvReport } from "@/lib/reports/csv";
import { buildJsonReport } from "@/lib/reports/json";
import { buildClaimReviewReport } from "@/lib/reports/claimreview";
import { ANNO_MEDIA_TYPE, buildAnnotationsReport } from "@/lib/reports/annotations";
import type { ReportSink } from "@/lib/reports/stream";

export { REPORT_FORMATS, type ReportFormat };

export type ReportFile = { body: string | Uint8Array<ArrayBuffer>; contentType: string; fileName: { ascii: string; unicode: string }; disposition: string };

/** Each format's content type and file extension. */
export const FORMAT_INFO: Record<ReportFormat, { contentType: string; extension: string }> = {
  md: { contentType: "text/markdown; charset=utf-8", extension: "md" },
  html: { contentType: "text/html; charset=utf-8", extension: "html" },
  pdf: { contentType: "application/pdf", extension: "pdf" },
  csv: { contentType: "text/csv; charset=utf-8; header=present", extension: "csv" },
  json: { contentType: "application/json; charset=utf-8", extension: "json" },
  claimreview: { contentType: "application/ld+json; charset=utf-8", extension: "claimreview.jsonld" },
  annotations: { contentType: ANNO_MEDIA_TYPE, extension: "annotations.jsonld" },
};

/** A report file's name and type, without its body. */
export function reportFileHead(format: ReportFormat, data: ReportData): Omit<ReportFile, "body"> {
  const info = FORMAT_INFO[format];
  const fileName = reportFileNames(data.article.title, data.generatedAt, info.extension);
  return { contentType: info.contentType, fileName, disposition: contentDisposition(fileName) };
}

/** Builds one report file of `data` in `format`. */
export async function buildReportFile(format: ReportFormat, data: ReportData, options: { paper?: Paper | null } = {}): Promise<ReportFile> {
  const body = await buildBody(format, data, options.paper ?? null);
  return { body, ...reportFileHead(format, data) };
}

/**
 * Writes the body of one report file to `sink`, piece by piece where the format allows (PDF
 * pages, CSV rows, HTML and JSON claims), so a large file is never held whole.
 */
export async function writeReportBody(format: ReportFormat, data: ReportData, paper: Paper | null, sink: ReportSink): Promise<void> {
  const body = await buildBody(format, data, paper, sink);
  if (typeof body === "string") sink.text(body);
  else if (body.byteLength) sink.bytes(body);
}

async function buildBody(format: ReportFormat, data: ReportData, paper: Paper | null, sink?: ReportSink): Promise<string | Uint8Array<ArrayBuffer>> {
  switch (format) {
    case "md":
      return buildMarkdownReport(data);
    case "html":
      return buildHtmlReport(data, paper, sink);
    case "pdf": {
      // pdfkit is loaded only when a PDF is asked for.
      const { buildPdfReport } = await import("@/lib/reports/pdf");
      return buildPdfReport(data, paper === "letter" ? "LETTER" : "A4", sink);
    }
    case "csv":
      return buildCsvReport(data, sink);
    case "json":
      return buildJsonReport(data, sink);
    case "claimreview":
      return buildClaimReviewReport(data);
    case "annotations":
      return buildAnnotationsReport(data);
  }
}
