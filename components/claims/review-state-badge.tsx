import { reviewStateLabel } from "@/lib/vocabulary";

// A mark per state as well as words and colour, so the state never rests on colour alone.
const MARK: Record<string, string> = { approved: "✓", pending: "◷", rejected: "↩", none: "·" };
const TONE: Record<string, string> = {
  approved: "border-green-700 text-green-900",
  pending: "border-amber-700 text-amber-900",
  rejected: "border-red-700 text-red-900",
  none: "border-slate-400 text-slate-700",
};

/** A claim's review state in the shared words of lib/vocabulary.ts, with a mark. */
export function ReviewStateBadge({ state, className = "" }: { state: string; className?: string }) {
  return (
    <span
      data-review-state={state}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded border bg-white px-1.5 text-xs font-medium ${TONE[state] ?? TONE.none} ${className}`}
    >
      <span aria-hidden>{MARK[state] ?? "·"}</span>
      {reviewStateLabel(state)}
    </span>
  );
}
