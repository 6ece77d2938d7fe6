/**
 * The one place anchor operations ask "what does a reviewable change do to the review state?"
 * (API.md "Review states": a re-attach and a confirmed move are reviewable changes). Kept to one
 * small function so it can be switched to the shared review rules (lib/claims/review-rules.ts)
 * when those land. Pure.
 */
export function reviewPatchForReviewableChange(
  claim: { reviewState: string; reviewChangers: string },
  actorId: string,
  statusIsVerdict: boolean,
): { reviewState: string; reviewChangers: string } {
  let changers: string[] = [];
  try {
    const parsed = JSON.parse(claim.reviewChangers);
    if (Array.isArray(parsed)) changers = parsed.filter((x): x is string => typeof x === "string");
  } catch {
    changers = [];
  }
  if (!changers.includes(actorId)) changers.push(actorId);
  const reviewState =
    claim.reviewState === "approved" || claim.reviewState === "rejected" ? (statusIsVerdict ? "pending" : "none") : claim.reviewState;
  return { reviewState, reviewChangers: JSON.stringify(changers) };
}
