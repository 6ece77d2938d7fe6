import { statusMark, type StatusDto } from "@/lib/statuses/scale";

/**
 * One article's claims per status in a table cell: a stacked bar (each part in its status's
 * colour, verdicts striped) and, below it, each status's mark and count as a link to the claims
 * list filtered by that article and status. The marks and numbers carry the meaning; the bar is
 * only a picture of the same numbers, so the cell reads without colour. A compact cousin of
 * VerdictChart (which the dashboard keeps for the totals, with the statuses' names).
 */
export function VerdictStrip({ byStatus, statuses, articleId, label }: { byStatus: Record<string, number>; statuses: StatusDto[]; articleId: string; label: string }) {
  const parts = statuses.map((s) => ({ status: s, count: byStatus[s.key] ?? 0 })).filter((p) => p.count > 0);
  if (parts.length === 0) return <p className="text-sm text-slate-600">No claims yet.</p>;
  const total = parts.reduce((n, p) => n + p.count, 0);
  return (
    <figure aria-label={label}>
      <div className="flex h-3 overflow-hidden rounded-sm border border-slate-400" aria-hidden>
        {parts.map(({ status, count }) => (
          <span
            key={status.key}
            style={{
              width: `${(count / total) * 100}%`,
              backgroundColor: status.color,
              backgroundImage: status.isVerdict ? "repeating-linear-gradient(45deg, rgba(255,255,255,0.35) 0 3px, transparent 3px 7px)" : undefined,
            }}
          />
        ))}
      </div>
      <p className="mt-1 flex flex-wrap gap-x-3 text-sm tabular-nums">
        {parts.map(({ status, count }) => (
          <a key={status.key} href={`/claims?articleId=${encodeURIComponent(articleId)}&status=${encodeURIComponent(status.key)}`} className="text-blue-800 underline-offset-2 hover:underline" title={status.label}>
            <span aria-hidden>{statusMark(status.key)} </span>
            <span className="sr-only">{status.label}: </span>
            {count}
          </a>
        ))}
      </p>
    </figure>
  );
}
