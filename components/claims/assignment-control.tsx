"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";
import { updateClaimAction } from "@/lib/claims/actions";
import { can, type Role } from "@/lib/permissions";
import type { ClaimDto } from "@/lib/claims/dto";

type Person = { id: string; name: string };

/** "2025-03-04T14:05:00.000Z" → "2025-03-04T14:05" for a datetime-local input (UTC). */
function toInput(iso: string | null) {
  return iso ? iso.slice(0, 16) : "";
}

/** Who checks this claim and by when: assign to someone or yourself, unassign, set or clear a due time (UTC). */
export function AssignmentControl({
  claim,
  viewer,
  people,
  onChanged,
  compact = false,
}: {
  claim: Pick<ClaimDto, "id" | "number" | "version" | "dueAt" | "assignee">;
  viewer: { id: string; role: Role };
  people: Person[];
  onChanged: (claim: ClaimDto) => void;
  compact?: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [due, setDue] = useState(toInput(claim.dueAt));
  const canAssign = can(viewer, "claim:update");

  async function change(input: { assigneeId?: string | null; dueAt?: string | null }) {
    setBusy(true);
    const result = await updateClaimAction({ claimId: claim.id, version: claim.version, ...input });
    setBusy(false);
    if (result.ok) {
      setError(null);
      onChanged(result.data);
    } else if (result.error.code === "version_conflict") {
      const current = result.error.details?.current as ClaimDto;
      onChanged(current);
      setError("This claim changed meanwhile; here is its current state. Try again.");
    } else setError(result.error.message);
  }

  const who = claim.assignee ? (claim.assignee.id === viewer.id ? "you" : claim.assignee.name) : "nobody";
  if (!canAssign) {
    return <p className="text-sm text-slate-700">{`Assigned to ${who}`}</p>;
  }
  const options = [
    <option key="" value="">
      Nobody
    </option>,
    ...people.map((p) => (
      <option key={p.id} value={p.id}>
        {p.id === viewer.id ? `${p.name} (you)` : p.name}
      </option>
    )),
  ];
  if (compact) {
    // In a list (50 rows a page) the menu alone: choosing yourself ("(you)") or Nobody assigns to
    // yourself or unassigns, and each row stays light to draw.
    return (
      <div className="text-sm">
        {error ? <Notice>{error}</Notice> : null}
        <select
          aria-label={`Assignee of claim ${claim.number}`}
          value={claim.assignee?.id ?? ""}
          disabled={busy}
          onChange={(e) => change({ assigneeId: e.target.value || null })}
          className="rounded-md border border-slate-300 bg-white px-2 py-1"
        >
          {options}
        </select>
      </div>
    );
  }
  return (
    <section aria-label={`Assignment of claim ${claim.number}`} className="space-y-2 border-t border-slate-200 pt-4">
      <h3 className="text-sm font-semibold text-slate-800">Assignment</h3>
      {error ? <Notice>{error}</Notice> : null}
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="sr-only" htmlFor={`assignee-${claim.id}`}>
          Assignee of claim {claim.number}
        </label>
        <select
          id={`assignee-${claim.id}`}
          value={claim.assignee?.id ?? ""}
          disabled={busy}
          onChange={(e) => change({ assigneeId: e.target.value || null })}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        >
          {options}
        </select>
        {claim.assignee?.id !== viewer.id ? (
          <Button type="button" variant="secondary" disabled={busy} onClick={() => change({ assigneeId: viewer.id })}>
            Assign to me
          </Button>
        ) : null}
        {claim.assignee ? (
          <Button type="button" variant="ghost" disabled={busy} onClick={() => change({ assigneeId: null })}>
            Unassign
          </Button>
        ) : null}
      </div>
      <form
        className="flex flex-wrap items-end gap-2 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          change({ dueAt: due ? `${due}:00Z` : null });
        }}
      >
        <label className="block">
          <span className="block text-xs font-medium text-slate-700">Due (UTC, optional)</span>
          <input type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} className="mt-1 rounded-md border border-slate-300 px-2 py-1 text-sm" />
        </label>
        <Button type="submit" variant="secondary" disabled={busy}>
          {due ? "Set due time" : "Clear due time"}
        </Button>
      </form>
    </section>
  );
}
