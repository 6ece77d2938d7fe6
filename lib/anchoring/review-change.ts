/**
 * What a reviewable anchor change (a re-attach or a confirmed move: the checked text) does to a
 * claim's review state, through the shared review rules (lib/claims/review-rules.ts). Pure.
 */
import { changersAfter, parseChangers, reviewStateAfter, storeChangers } from "@/lib/claims/review-rules";

export function reviewPatchForReviewableChange(
  claim: { reviewState: string; reviewChangers: string },
  actorId: string,
  statusIsVerdict: boolean,
): { reviewState: string; reviewChangers: string } {
  const changes = ["checkedText"] as const;
  return {
    reviewState: reviewStateAfter(claim.reviewState, changes, statusIsVerdict),
    reviewChangers: storeChangers(changersAfter(parseChangers(claim.reviewChangers), actorId, changes)),
  };
}
