/** Sentences the human-readable formats (md, html, pdf, csv) share, built from lib/vocabulary. Pure. */
import { reviewStateLabel } from "@/lib/vocabulary";
import { day, type ReportClaim } from "@/lib/reports/model";

/** "Approved by Eve on 2026-01-02", "Changes requested by …", "Awaiting review", "No verdict yet". */
export function reviewLine(claim: Pick<ReportClaim, "reviewState" | "reviewedBy" | "reviewedAt">): string {
  const label = reviewStateLabel(claim.reviewState);
  if (claim.reviewState !== "approved" && claim.reviewState !== "rejected") return label;
  const by = claim.reviewedBy ? ` by ${claim.reviewedBy}` : "";
  const on = claim.reviewedAt ? ` on ${day(claim.reviewedAt)}` : "";
  return `${label}${by}${on}`;
}

/** Why a claim is listed apart from the text. */
export function anchorNote(claim: Pick<ReportClaim, "anchor">): string {
  return claim.anchor === "retired"
    ? "Retired: the text it was about is no longer in the article."
    : "Not found in the current revision: the text it was about has changed.";
}

/** "Claim 3" — the stable label of a claim. */
export function claimLabel(claim: Pick<ReportClaim, "number">): string {
  return `Claim ${claim.number}`;
}

export const REPORT_TITLE = "Verification report";
