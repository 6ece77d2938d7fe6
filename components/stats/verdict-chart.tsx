import { statusMark, type StatusDto } from "@/lib/statuses/scale";
import { VERDICT_STRIPES } from "@/components/stats/verdict-strip";

/**
 * Claims per status as horizontal bars: each bar carries the status's mark and label in words and
 * its count, so the chart reads without colour; each row links to the filtered claims list.
 */
export function VerdictChart({ byStatus, statuses, articleId, label }: { byStatus: Record<string, number>; statuses: StatusDto[]; articleId?: string; label: string }) {
  const rows = statuses.map((s) => ({ status: s, count: byStatus[s.key] ?? 0 })).filter((r) => r.count > 0);
  const max = Math.max(1, ...rows.map((r) => r.count));
  if (rows.length === 0) return <p className="text-sm text-slate-600">No claims yet.</p>;
  return (
    <figure aria-label={label}>
      <ul className="space-y-1">
        {rows.map(({ status, count }) => {
          const href = `/claims?${new URLSearchParams({ status: status.key, ...(articleId ? { articleId } : {}) })}`;
          return (
            <li key={status.key} className="grid grid-cols-[10rem_1fr_3rem] items-center gap-2 text-sm">
              <a href={href} className="truncate text-blue-800 underline-offset-2 hover:underline">
                <span aria-hidden className="mr-1 inline-block w-4 text-center">
                  {statusMark(status.key)}
                </span>
                {status.label}
              </a>
              <span className="h-4 rounded-sm border border-slate-400 bg-slate-50" aria-hidden>
                <span
                  className="block h-full rounded-sm"
                  style={{
                    width: `${(count / max) * 100}%`,
                    // A stripe on verdicts as well as colour, so verdicts and workflow states differ without colour.
                    backgroundColor: status.color,
                    backgroundImage: status.isVerdict ? VERDICT_STRIPES : undefined,
                  }}
                />
              </span>
              <span className="text-right tabular-nums">{count}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
