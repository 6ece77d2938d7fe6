/** The verdict scale: pure data and helpers, shared by the UI, the API and the reports. */

export type StatusDto = {
  key: string;
  label: string;
  color: string;
  isVerdict: boolean;
  rating?: { value: number; best: number; worst: number };
};

export const RATING_BEST = 5;
export const RATING_WORST = 1;

type ScaleEntry = { key: string; label: string; color: string; isVerdict: boolean; ratingValue: number | null };

/**
 * The default scale. Truth ratings run 5 (True) to 1 (False) for ClaimReview; Misleading sits
 * with Mostly false, and Unproven has no place on a truth scale, so it carries no number.
 */
export const DEFAULT_STATUS_SCALE: ScaleEntry[] = [
  { key: "unchecked", label: "Unchecked", color: "#6b7280", isVerdict: false, ratingValue: null },
  { key: "in_progress", label: "In progress", color: "#2563eb", isVerdict: false, ratingValue: null },
  { key: "true", label: "True", color: "#15803d", isVerdict: true, ratingValue: 5 },
  { key: "mostly_true", label: "Mostly true", color: "#4d7c0f", isVerdict: true, ratingValue: 4 },
  { key: "half_true", label: "Half true", color: "#a16207", isVerdict: true, ratingValue: 3 },
  { key: "mostly_false", label: "Mostly false", color: "#c2410c", isVerdict: true, ratingValue: 2 },
  { key: "false", label: "False", color: "#b91c1c", isVerdict: true, ratingValue: 1 },
  { key: "misleading", label: "Misleading", color: "#9333ea", isVerdict: true, ratingValue: 2 },
  { key: "unproven", label: "Unproven", color: "#475569", isVerdict: true, ratingValue: null },
];

export const DEFAULT_STATUS_KEY = "unchecked";

/** Converts a stored status row into the API's status shape. */
export function toStatusDto(row: { key: string; label: string; color: string; isVerdict: boolean; ratingValue: number | null }): StatusDto {
  return {
    key: row.key,
    label: row.label,
    color: row.color,
    isVerdict: row.isVerdict,
    ...(row.isVerdict && row.ratingValue != null
      ? { rating: { value: row.ratingValue, best: RATING_BEST, worst: RATING_WORST } }
      : {}),
  };
}

/** A light tint of a status colour for highlight backgrounds (keeps dark text readable). */
export function tint(hex: string, alpha = 0.18): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return "rgba(107,114,128,0.18)";
  const n = parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}
