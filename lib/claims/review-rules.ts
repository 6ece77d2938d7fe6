/**
 * The review rules of shared/API.md ("Review states"), in one place: which changes send a claim
 * back to review, who may review it, and what a stale version means. Pure: no I/O. Used by the
 * data layer (claims, evidence, statuses) and by components through `can()`.
 */
import type { ReviewState } from "@/lib/vocabulary";

/** Every kind of change a claim can undergo. */
export type ClaimChange =
  | "status"
  | "rationale"
  | "summary"
  | "claimant"
  | "evidence"
  /** A span correction, a re-attach or a confirmed move: the text the verdict is about. */
  | "checkedText"
  | "claimType"
  | "assignee"
  | "dueAt"
  | "comment"
  /** Offsets shifted by an edit elsewhere, the quote itself unchanged. */
  | "offsets";

/** The changes that need a (new) review. Claim type, assignee, due date, comments and exact offset shifts do not. */
export const REVIEWABLE_CHANGES: ReadonlySet<ClaimChange> = new Set<ClaimChange>([
  "status",
  "rationale",
  "summary",
  "claimant",
  "evidence",
  "checkedText",
]);

/** True when any of `changes` needs a review. */
export function isReviewable(changes: Iterable<ClaimChange>): boolean {
  for (const change of changes) if (REVIEWABLE_CHANGES.has(change)) return true;
  return false;
}

/**
 * The review state after `changes`: any reviewable change puts the claim to `pending` when its
 * status (after the change) is a verdict, and to `none` when it is not. Other changes keep it.
 */
export function reviewStateAfter(current: string, changes: Iterable<ClaimChange>, statusIsVerdict: boolean): ReviewState {
  const list = [...changes];
  if (isReviewable(list)) return statusIsVerdict ? "pending" : "none";
  return (current as ReviewState) ?? "none";
}

/** The review state of a claim whose status stays but changes whether it is a verdict (a scale edit, a moved status). */
export function reviewStateAfterScaleChange(statusIsVerdict: boolean): ReviewState {
  return statusIsVerdict ? "pending" : "none";
}

/** Parses the stored JSON array of user ids (Claim.reviewChangers); anything malformed is an empty list. */
export function parseChangers(stored: string | null | undefined): string[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

/** The changers after `actorId` made `changes`: they join the list when a change is reviewable. */
export function changersAfter(changers: string[], actorId: string | null, changes: Iterable<ClaimChange>): string[] {
  if (!actorId || !isReviewable(changes) || changers.includes(actorId)) return changers;
  return [...changers, actorId];
}

/** Serialises changers for Claim.reviewChangers. */
export function storeChangers(changers: string[]): string {
  return JSON.stringify(changers);
}

/**
 * Who changed the claim since its last review. Claims saved before the list was kept have an
 * empty list; for a verdict awaiting review, the person who set it counts.
 */
export function effectiveChangers(claim: { reviewChangers: string[]; reviewState: string; statusSetById: string | null }): string[] {
  if (claim.reviewChangers.length === 0 && claim.reviewState === "pending" && claim.statusSetById) return [claim.statusSetById];
  return claim.reviewChangers;
}

export type ReviewRefusal = { status: 403 | 422; message: string };

/**
 * Why `actor` may not review `claim` now, or null when they may. Editors and admins review;
 * never one who made any reviewable change since the last review; only a verdict is reviewed.
 */
export function reviewRefusal(
  actor: { id: string; role: string },
  claim: { changers: string[]; statusIsVerdict: boolean },
): ReviewRefusal | null {
  if (actor.role !== "editor" && actor.role !== "admin") return { status: 403, message: "Only editors and admins can review verdicts." };
  if (claim.changers.includes(actor.id)) {
    return { status: 403, message: "You changed this claim since its last review, so another editor must review it." };
  }
  if (!claim.statusIsVerdict) return { status: 422, message: "Only a verdict can be reviewed; this claim has no verdict yet." };
  return null;
}

/**
 * A change or review is based on the version the person saw. A different current version means
 * someone else changed the claim in between: nothing is written, and the answer is a 409 with
 * the current claim, so nobody approves or overwrites what they have not seen.
 */
export function isStale(basedOn: number, current: number): boolean {
  return basedOn !== current;
}

/** The human message for a stale version. */
export function staleMessage(what: "change" | "review", current: number, basedOn: number): string {
  return what === "review"
    ? `This claim changed since you opened it (now version ${current}, you saw version ${basedOn}). Look at the current verdict before reviewing it.`
    : `This claim was changed by someone else (now at version ${current}, your change was based on version ${basedOn}). Review the current state and apply your change again.`;
}
