/** The verdict scale: pure data and helpers, shared by the UI, the API and the reports. */

export type StatusDto = {
  key: string;
  label: string;
  color: string;
  isVerdict: boolean;
  /** Place on the scale (always set by toStatusDto). */
  position?: number;
  rating?: { value: number; best: number; worst: number };
};

/** The default scale's rating range (ClaimReview): 5 is True, 1 is False. */
export const RATING_BEST = 5;
export const RATING_WORST = 1;

export type ScaleEntry = {
  key: string;
  label: string;
  color: string;
  isVerdict: boolean;
  ratingValue: number | null;
  ratingBest?: number | null;
  ratingWorst?: number | null;
};

const range = (best: number, worst: number) => ({ ratingBest: best, ratingWorst: worst });

/**
 * The default scale. Truth ratings run 5 (True) to 1 (False) for ClaimReview; Misleading sits
 * with Mostly false, and Unproven has no place on a truth scale, so it carries no number.
 */
export const DEFAULT_STATUS_SCALE: ScaleEntry[] = [
  { key: "unchecked", label: "Unchecked", color: "#6b7280", isVerdict: false, ratingValue: null },
  { key: "in_progress", label: "In progress", color: "#2563eb", isVerdict: false, ratingValue: null },
  { key: "true", label: "True", color: "#15803d", isVerdict: true, ratingValue: 5, ...range(5, 1) },
  { key: "mostly_true", label: "Mostly true", color: "#4d7c0f", isVerdict: true, ratingValue: 4, ...range(5, 1) },
  { key: "half_true", label: "Half true", color: "#a16207", isVerdict: true, ratingValue: 3, ...range(5, 1) },
  { key: "mostly_false", label: "Mostly false", color: "#c2410c", isVerdict: true, ratingValue: 2, ...range(5, 1) },
  { key: "false", label: "False", color: "#b91c1c", isVerdict: true, ratingValue: 1, ...range(5, 1) },
  { key: "misleading", label: "Misleading", color: "#9333ea", isVerdict: true, ratingValue: 2, ...range(5, 1) },
  { key: "unproven", label: "Unproven", color: "#0e7490", isVerdict: true, ratingValue: null },
];

export const DEFAULT_STATUS_KEY = "unchecked";

const WORKFLOW: ScaleEntry[] = DEFAULT_STATUS_SCALE.slice(0, 2);

/** Scales fact-checking desks use; each carries its own rating range. */
export const STATUS_PRESETS = {
  default: { label: "Default scale", statuses: DEFAULT_STATUS_SCALE },
  politifact: {
    label: "PolitiFact Truth-O-Meter",
    statuses: [
      ...WORKFLOW,
      { key: "true", label: "True", color: "#15803d", isVerdict: true, ratingValue: 6, ...range(6, 1) },
      { key: "mostly_true", label: "Mostly True", color: "#4d7c0f", isVerdict: true, ratingValue: 5, ...range(6, 1) },
      { key: "half_true", label: "Half True", color: "#a16207", isVerdict: true, ratingValue: 4, ...range(6, 1) },
      { key: "mostly_false", label: "Mostly False", color: "#c2410c", isVerdict: true, ratingValue: 3, ...range(6, 1) },
      { key: "false", label: "False", color: "#b91c1c", isVerdict: true, ratingValue: 2, ...range(6, 1) },
      { key: "pants_on_fire", label: "Pants on Fire", color: "#7f1d1d", isVerdict: true, ratingValue: 1, ...range(6, 1) },
    ],
  },
  snopes: {
    label: "Snopes-style ratings",
    statuses: [
      ...WORKFLOW,
      { key: "true", label: "True", color: "#15803d", isVerdict: true, ratingValue: 5, ...range(5, 1) },
      { key: "mostly_true", label: "Mostly True", color: "#4d7c0f", isVerdict: true, ratingValue: 4, ...range(5, 1) },
      { key: "mixture", label: "Mixture", color: "#a16207", isVerdict: true, ratingValue: 3, ...range(5, 1) },
      { key: "mostly_false", label: "Mostly False", color: "#c2410c", isVerdict: true, ratingValue: 2, ...range(5, 1) },
      { key: "false", label: "False", color: "#b91c1c", isVerdict: true, ratingValue: 1, ...range(5, 1) },
      { key: "unproven", label: "Unproven", color: "#0e7490", isVerdict: true, ratingValue: null },
      { key: "outdated", label: "Outdated", color: "#57534e", isVerdict: true, ratingValue: null },
      { key: "miscaptioned", label: "Miscaptioned", color: "#be185d", isVerdict: true, ratingValue: null },
      { key: "correct_attribution", label: "Correct Attribution", color: "#166534", isVerdict: true, ratingValue: null },
      { key: "misattributed", label: "Misattributed", color: "#9a3412", isVerdict: true, ratingValue: null },
      { key: "satire", label: "Satire", color: "#6d28d9", isVerdict: true, ratingValue: null },
      { key: "scam", label: "Scam", color: "#991b1b", isVerdict: true, ratingValue: null },
    ],
  },
  meta: {
    label: "Meta fact-checking ratings",
    statuses: [
      ...WORKFLOW,
      { key: "false", label: "False", color: "#b91c1c", isVerdict: true, ratingValue: 1, ...range(4, 1) },
      { key: "altered", label: "Altered", color: "#9f1239", isVerdict: true, ratingValue: 1, ...range(4, 1) },
      { key: "partly_false", label: "Partly False", color: "#c2410c", isVerdict: true, ratingValue: 2, ...range(4, 1) },
      { key: "missing_context", label: "Missing Context", color: "#a16207", isVerdict: true, ratingValue: 3, ...range(4, 1) },
      { key: "satire", label: "Satire", color: "#6d28d9", isVerdict: true, ratingValue: null },
      { key: "true", label: "True", color: "#15803d", isVerdict: true, ratingValue: 4, ...range(4, 1) },
    ],
  },
} satisfies Record<string, { label: string; statuses: ScaleEntry[] }>;

export type PresetKey = keyof typeof STATUS_PRESETS;
export const PRESET_KEYS = Object.keys(STATUS_PRESETS) as PresetKey[];

type StatusRow = ScaleEntry & { position?: number };

/** Converts a stored status row into the API's status shape. */
export function toStatusDto(row: StatusRow): StatusDto {
  const best = row.ratingBest ?? RATING_BEST;
  const worst = row.ratingWorst ?? RATING_WORST;
  return {
    key: row.key,
    label: row.label,
    color: row.color,
    isVerdict: row.isVerdict,
    position: row.position ?? 0,
    ...(row.isVerdict && row.ratingValue != null ? { rating: { value: row.ratingValue, best, worst } } : {}),
  };
}

/** A light tint of a status colour for highlight backgrounds (keeps dark text readable). */
export function tint(hex: string, alpha = 0.18): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return "rgba(107,114,128,0.18)";
  const n = parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

// ---------------------------------------------------------------- telling statuses apart

/**
 * Marks for well-known statuses, chosen so close pairs differ in shape (True ✓ / Mostly true ◕,
 * Unproven ? / Unchecked ○); any other status gets a shape from SHAPES by its key.
 */
const KNOWN_MARKS: Record<string, string> = {
  unchecked: "○",
  in_progress: "◌",
  true: "✓",
  mostly_true: "◕",
  half_true: "◑",
  mixture: "◑",
  mostly_false: "◔",
  false: "✗",
  pants_on_fire: "✹",
  misleading: "⚠",
  unproven: "?",
  outdated: "⌛",
  miscaptioned: "❝",
  correct_attribution: "✎",
  misattributed: "⇄",
  satire: "☺",
  scam: "⊘",
  altered: "✂",
  partly_false: "◒",
  missing_context: "…",
};
const SHAPES = ["■", "▲", "◆", "★", "●", "▼", "◼", "✚", "⬟", "⬢"];

/** The mark shown beside a status's label, so statuses are never told apart by colour alone. */
export function statusMark(key: string): string {
  if (KNOWN_MARKS[key]) return KNOWN_MARKS[key];
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return SHAPES[h % SHAPES.length];
}

/** Relative luminance of a #rrggbb colour (WCAG 2.x). */
export function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Status labels are white text on the status colour: AA asks 4.5:1 for normal text. */
export const STATUS_TEXT_COLOR = "#ffffff";
export const AA_NORMAL_TEXT = 4.5;

/** Why a colour cannot be a status colour, or null. */
export function statusColorProblem(color: string): string | null {
  if (!/^#[0-9a-f]{6}$/i.test(color)) return "Use a colour like #1d4ed8.";
  const ratio = contrastRatio(color, STATUS_TEXT_COLOR);
  if (ratio < AA_NORMAL_TEXT) return `White text on ${color} has a contrast of ${ratio.toFixed(2)}:1; choose a darker colour (at least ${AA_NORMAL_TEXT}:1).`;
  return null;
}
