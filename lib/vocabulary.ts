/**
 * The words people read for review states and evidence stances, defined once for the UI, the API's
 * messages and every report format. Pure data.
 */

export const REVIEW_STATES = ["none", "pending", "approved", "rejected"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** How each review state is named to people ("rejected" reads as "Changes requested"). */
export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  none: "No verdict yet",
  pending: "Awaiting review",
  approved: "Approved",
  rejected: "Changes requested",
};

export const STANCES = ["supports", "refutes", "context"] as const;
export type Stance = (typeof STANCES)[number];

export const STANCE_LABELS: Record<Stance, string> = { supports: "Supports", refutes: "Refutes", context: "Context" };

/** The label of a review state, or the raw value for one this version does not know. */
export function reviewStateLabel(state: string): string {
  return REVIEW_STATE_LABELS[state as ReviewState] ?? state;
}

/** The label of an evidence stance, or the raw value for one this version does not know. */
export function stanceLabel(stance: string): string {
  return STANCE_LABELS[stance as Stance] ?? stance;
}
