"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";
import { DataTable } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/claims/status-badge";
import { ReviewStateBadge } from "@/components/claims/review-state-badge";
import { AssignmentControl } from "@/components/claims/assignment-control";
import { DueLabel } from "@/components/claims/due-label";
import { assignClaimsAction } from "@/lib/claims/actions";
import { can, type Role } from "@/lib/permissions";
import type { ClaimDto } from "@/lib/claims/dto";
import { toClaimListRow, type ClaimListRow } from "@/lib/claims/list-row";
import type { StatusDto } from "@/lib/statuses/scale";

type Person = { id: string; name: string };

/**
 * Claims across articles: each with its status, review state (and the reviewer's note when
 * changes were requested), assignee and due time; editors select several and assign them at once.
 */
export function ClaimsTable({
  initial,
  statuses,
  viewer,
  people,
  articleTitles,
  emptyText,
}: {
  initial: ClaimListRow[];
  statuses: StatusDto[];
  viewer: { id: string; role: Role };
  people: Person[];
  articleTitles: Record<string, string>;
  emptyText: string;
}) {
  const [claims, setClaims] = useState(initial);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkAssignee, setBulkAssignee] = useState("");
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const canBulk = can(viewer, "claims:bulk-assign");
  const statusOf = new Map(statuses.map((s) => [s.key, s]));
  const replace = (c: ClaimDto) => {
    const row = toClaimListRow(c);
    setClaims((list) => list.map((x) => (x.id === row.id ? row : x)));
  };

  async function bulkAssign() {
    const result = await assignClaimsAction({ ids: [...selected], assigneeId: bulkAssignee || null });
    if (result.ok) {
      for (const c of result.data) replace(c);
      const who = bulkAssignee ? people.find((p) => p.id === bulkAssignee)?.name : "nobody";
      setMessage({ kind: "success", text: `${result.data.length} ${result.data.length === 1 ? "claim" : "claims"} assigned to ${who}.` });
      setSelected(new Set());
    } else setMessage({ kind: "error", text: result.error.message });
  }

  if (claims.length === 0) {
    return <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{emptyText}</p>;
  }
  return (
    <div className="mt-4 space-y-3">
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {canBulk ? (
        <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label="Assign selected claims">
          <span>{selected.size} selected</span>
          <label className="sr-only" htmlFor="bulk-assignee">
            Assign selected claims to
          </label>
          <select id="bulk-assignee" value={bulkAssignee} onChange={(e) => setBulkAssignee(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1">
            <option value="">Nobody (unassign)</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <Button type="button" variant="secondary" disabled={selected.size === 0} onClick={bulkAssign}>
            Assign selected
          </Button>
        </div>
      ) : null}
      <DataTable columns={[...(canBulk ? [{ label: "Select", hidden: true }] : []), "Claim", "Status", "Review", "Assigned", "Due"]}>
        {claims.map((c) => {
          const status = statusOf.get(c.status);
          return (
            <tr key={c.id} className="border-t border-slate-200 align-top" data-claim-row={c.id}>
              {canBulk ? (
                <td className="px-3 py-3">
                  <input
                    type="checkbox"
                    aria-label={`Select claim ${c.number} of ${articleTitles[c.articleId] ?? "its article"}`}
                    checked={selected.has(c.id)}
                    onChange={(e) =>
                      setSelected((s) => {
                        const next = new Set(s);
                        if (e.target.checked) next.add(c.id);
                        else next.delete(c.id);
                        return next;
                      })
                    }
                  />
                </td>
              ) : null}
              <td className="max-w-xl px-3 py-3">
                <a href={`/articles/${c.articleId}?claim=${c.id}`} className="font-medium text-blue-800 underline-offset-2 hover:underline">
                  {`Claim ${c.number}: `}
                  <span className="font-serif">{c.quote}</span>
                </a>
                <div className="mt-0.5 text-xs text-slate-600">{articleTitles[c.articleId] ?? ""}</div>
                {c.summary ? <div className="mt-1 text-slate-700">{c.summary}</div> : null}
              </td>
              <td className="px-3 py-3">{status ? <StatusBadge status={status} size="xs" /> : c.status}</td>
              <td className="px-3 py-3">
                <ReviewStateBadge state={c.reviewState} />
                {c.reviewState === "rejected" && c.reviewNote ? (
                  <p className="mt-1 max-w-xs text-xs text-slate-800" data-review-note>
                    <span className="font-semibold">{c.reviewedBy?.name ?? "Reviewer"}:</span> {c.reviewNote}
                  </p>
                ) : null}
              </td>
              <td className="px-3 py-3">
                <AssignmentControl key={`${c.id}:${c.version}`} claim={c} viewer={viewer} people={people} onChanged={replace} compact />
              </td>
              <td className="px-3 py-3">
                <DueLabel dueAt={c.dueAt} />
              </td>
            </tr>
          );
        })}
      </DataTable>
    </div>
  );
}
