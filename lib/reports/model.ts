/** The data every verification report is built from. Pure types and helpers. */
import type { StatusDto } from "@/lib/statuses/scale";

export type ReportEvidence = { url: string; title: string; stance: string; note: string; addedBy: string | null };
export type ReportClaim = {
  id: string;
  start: number;
  end: number;
  quote: string;
  summary: string;
  claimant: string;
  claimType: string;
  status: StatusDto;
  rationale: string;
  reviewState: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  checkedBy: string | null;
  updatedAt: string;
  evidence: ReportEvidence[];
};
export type ReportData = {
  article: {
    id: string;
    title: string;
    sourceUrl: string | null;
    outlet: string | null;
    author: string | null;
    publishedAt: string | null;
    revision: number;
  };
  organisation: string;
  generatedAt: string;
  statuses: StatusDto[];
  claims: ReportClaim[];
};

/** How many claims have each status, in scale order, leaving out statuses no claim has. */
export function countByStatus(data: ReportData): { status: StatusDto; count: number }[] {
  return data.statuses
    .map((status) => ({ status, count: data.claims.filter((c) => c.status.key === status.key).length }))
    .filter((row) => row.count > 0);
}

/** A file-name-safe slug of the article title, for Content-Disposition. */
export function reportFileName(data: ReportData, extension: string): string {
  const slug =
    data.article.title
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, "-")
      .slice(0, 60) || "article";
  return `verification-report-${slug}.${extension}`;
}
