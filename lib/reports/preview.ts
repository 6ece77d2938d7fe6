/** What a report file would hold, for the Export menu's preview. Pure. */
import { countByStatus, type ReportData, type ReportFormat } from "@/lib/reports/model";
import { buildClaimReviews, checkClaimReviews, type ClaimReviewCheck } from "@/lib/reports/claimreview";

export type ReportPreview = {
  format: ReportFormat;
  scope: ReportData["scope"];
  /** Claims (for ClaimReview: verdicts) the file will hold. */
  items: number;
  claims: number;
  claimsInArticle: number;
  byStatus: { key: string; label: string; count: number }[];
  claimReview: ClaimReviewCheck | null;
};

/** Counts and, for ClaimReview, the checker's errors and warnings. */
export function previewReport(format: ReportFormat, data: ReportData): ReportPreview {
  const reviews = format === "claimreview" ? buildClaimReviews(data) : null;
  return {
    format,
    scope: data.scope,
    items: reviews ? reviews.length : data.claims.length,
    claims: data.claims.length,
    claimsInArticle: data.totalClaims,
    byStatus: countByStatus(data).map((r) => ({ key: r.status.key, label: r.status.label, count: r.count })),
    claimReview: reviews ? checkClaimReviews(reviews) : null,
  };
}
