"use client";
import { Button } from "@/components/ui/button";
import { FIELD_LABELS, type MergeConflict, type MergeField } from "@/lib/claims/merge";
import type { StatusDto } from "@/lib/statuses/scale";

/**
 * The groups both people changed, theirs beside yours, each with a choice. Nothing is saved
 * until every conflict is settled.
 */
export function MergeConflicts({
  conflicts,
  who,
  statuses,
  onChoose,
}: {
  conflicts: MergeConflict[];
  /** Who made the other change, when known. */
  who: string | null;
  statuses: StatusDto[];
  onChoose: (index: number, choice: "theirs" | "mine") => void;
}) {
  const show = (field: MergeField, value: string | undefined) =>
    field === "status" ? (statuses.find((s) => s.key === value)?.label ?? value) : value ? value : <em className="text-slate-500">(empty)</em>;
  const them = who ?? "Someone else";
  return (
    <section aria-labelledby="merge-title" className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950" data-testid="merge-conflicts">
      <h3 id="merge-title" className="font-semibold">
        {them} changed what you changed. Choose which to keep — nothing is saved until you do.
      </h3>
      {conflicts.map((c, i) => (
        <div key={c.fields.join("+")} className="mt-3" role="group" aria-label={`Conflict: ${c.fields.map((f) => FIELD_LABELS[f]).join(" and ")}`}>
          <div className="grid gap-2 sm:grid-cols-2">
            {(["theirs", "mine"] as const).map((side) => (
              <div key={side} className="rounded border border-amber-300 bg-white p-2" data-side={side}>
                <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{side === "theirs" ? `Theirs (${them})` : "Yours"}</p>
                <dl className="mt-1 space-y-1">
                  {c.fields.map((f) => (
                    <div key={f}>
                      <dt className="text-xs text-slate-600">{FIELD_LABELS[f]}</dt>
                      <dd className="whitespace-pre-wrap break-words text-slate-900">{show(f, c[side][f])}</dd>
                    </div>
                  ))}
                </dl>
                <Button type="button" variant={side === "theirs" ? "secondary" : "secondary"} className="mt-2" onClick={() => onChoose(i, side)}>
                  {side === "theirs" ? "Keep theirs" : "Keep yours"}
                </Button>
              </div>
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}
