import { statusMark, type StatusDto } from "@/lib/statuses/scale";

/** The stripes that mark verdicts, as a CSS image (over the status's colour). */
export const VERDICT_STRIPES = "repeating-linear-gradient(45deg, rgba(255,255,255,0.35) 0 3px, transparent 3px 7px)";

const pct = (n: number) => `${Math.round(n * 100) / 100}%`;

/**
 * The stacked bar as one element's background: a hard-stop gradient with each status's colour
 * over its share, and a stripe layer sized and placed over each verdict's share. (One element
 * per row instead of one per status: the dashboard draws 25 of these on every request.)
 */
export function stripBackground(parts: { color: string; isVerdict: boolean; share: number }[]): { backgroundImage: string; backgroundSize: string; backgroundPosition: string } {
  const stops: string[] = [];
  // Verdicts next to each other share one stripe layer.
  const runs: { from: number; to: number }[] = [];
  let at = 0;
  for (const p of parts) {
    const from = at;
    at = Math.min(100, at + p.share);
    stops.push(`${p.color} ${pct(from)} ${pct(at)}`);
    if (!p.isVerdict || at <= from) continue;
    const last = runs[runs.length - 1];
    if (last && last.to === from) last.to = at;
    else runs.push({ from, to: at });
  }
  // A layer narrower than the box sits at x when its position is x / (100 - width) of the free space.
  const stripes = runs.map(({ from, to }) => {
    const width = to - from;
    return { size: `${pct(width)} 100%`, position: `${width >= 100 ? "0%" : pct((from / (100 - width)) * 100)} 0` };
  });
  return {
    backgroundImage: [...stripes.map(() => VERDICT_STRIPES), `linear-gradient(to right, ${stops.join(", ")})`].join(", "),
    backgroundSize: [...stripes.map((s) => s.size), "100% 100%"].join(", "),
    backgroundPosition: [...stripes.map((s) => s.position), "0 0"].join(", "),
  };
}

/**
 * One article's claims per status in a table cell: a stacked bar (each part in its status's
 * colour, verdicts striped) and, below it, each status's mark and count as a link to the claims
 * list filtered by that article and status, named in words for screen readers ("False: 6"). The
 * marks and numbers carry the meaning; the bar is only a picture of the same numbers, so the cell
 * reads without colour. A compact cousin of VerdictChart (which the dashboard keeps for the
 * totals, with the statuses' names).
 */
export function VerdictStrip({ byStatus, statuses, articleId, label }: { byStatus: Record<string, number>; statuses: StatusDto[]; articleId: string; label: string }) {
  const parts = statuses.map((s) => ({ status: s, count: byStatus[s.key] ?? 0 })).filter((p) => p.count > 0);
  if (parts.length === 0) return <p className="text-sm text-slate-600">No claims yet.</p>;
  const total = parts.reduce((n, p) => n + p.count, 0);
  const article = encodeURIComponent(articleId);
  return (
    <figure aria-label={label}>
      <div
        className="h-3 rounded-sm border border-slate-400 bg-no-repeat"
        aria-hidden
        style={stripBackground(parts.map(({ status, count }) => ({ color: status.color, isVerdict: status.isVerdict, share: (count / total) * 100 })))}
      />
      <p className="mt-1 flex flex-wrap gap-x-3 text-sm tabular-nums [&>a]:text-blue-800 [&>a]:underline-offset-2 [&>a:hover]:underline">
        {parts.map(({ status, count }) => (
          <a
            key={status.key}
            href={`/claims?articleId=${article}&status=${encodeURIComponent(status.key)}`}
            title={status.label}
            aria-label={`${status.label}: ${count}`}
          >
            {`${statusMark(status.key)} ${count}`}
          </a>
        ))}
      </p>
    </figure>
  );
}
