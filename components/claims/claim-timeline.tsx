"use client";
import type { HistoryDto } from "@/lib/claims/dto";
import type { StatusDto } from "@/lib/statuses/scale";
import { describeAuditEvent } from "@/lib/audit/describe";

const time = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The claim's history in words, newest first: "Eve set the status True → False". */
export function ClaimTimeline({ history, statuses }: { history: HistoryDto[] | null; statuses: StatusDto[] }) {
  if (!history || history.length === 0) return null;
  const statusLabel = (k: string) => statuses.find((s) => s.key === k)?.label ?? k;
  const people = new Map(history.filter((h) => h.actor).map((h) => [h.actor!.id, h.actor!.name]));
  return (
    <details className="border-t border-slate-200 pt-4" open>
      <summary className="cursor-pointer text-sm font-semibold text-slate-800">History ({history.length})</summary>
      <ol className="mt-2 space-y-1.5 text-sm" aria-label="History">
        {[...history].reverse().map((h) => (
          <li key={h.id} className="text-slate-800">
            <span className="font-semibold">{h.actor?.name ?? "Someone"}</span>{" "}
            {describeAuditEvent(h, { statusLabel, personName: (id) => people.get(id) })}
            <span className="block text-xs text-slate-500">
              <time dateTime={h.at}>{time(h.at)}</time>
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}
