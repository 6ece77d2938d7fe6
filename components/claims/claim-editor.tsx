"use client";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice, Select, Textarea } from "@/components/ui/field";
import { StatusBadge } from "@/components/claims/status-badge";
import type { ClaimDetailDto, ClaimDto, EvidenceDto } from "@/lib/claims/dto";
import type { StatusDto } from "@/lib/statuses/scale";
import type { Role } from "@/lib/permissions";
import { addEvidenceAction, deleteEvidenceAction, getClaimDetailAction, reviewClaimAction, updateClaimAction } from "@/lib/claims/actions";

type Viewer = { id: string; role: Role };
export type Draft = { status: string; summary: string; claimant: string; rationale: string };
/** Edits not saved yet, and the version of the claim they were made on. */
export type Unsaved = { base: ClaimDto; draft: Draft };

const stanceText: Record<string, string> = { supports: "Supports", refutes: "Refutes", context: "Context" };
const stanceStyle: Record<string, string> = {
  supports: "border-green-700 text-green-900",
  refutes: "border-red-700 text-red-900",
  context: "border-slate-500 text-slate-800",
};

function draftOf(c: ClaimDto): Draft {
  return { status: c.status, summary: c.summary, claimant: c.claimant, rationale: c.rationale };
}

/** The editor of one claim: verdict, summary, claimant, rationale, and its evidence links. */
export function ClaimEditor({
  claim,
  number,
  statuses,
  viewer,
  onSaved,
  unsaved,
  onUnsavedChange,
}: {
  claim: ClaimDto;
  number: number;
  statuses: StatusDto[];
  viewer: Viewer;
  onSaved: (claim: ClaimDto) => void;
  /** Edits left unsaved when the user last moved to another claim: they are restored, not lost. */
  unsaved?: Unsaved;
  onUnsavedChange: (claimId: string, unsaved: Unsaved | null) => void;
}) {
  const canEdit = viewer.role !== "viewer";
  const [base, setBase] = useState<ClaimDto>(unsaved?.base ?? claim);
  const [draft, setDraft] = useState<Draft>(() => unsaved?.draft ?? draftOf(claim));
  const [detail, setDetail] = useState<ClaimDetailDto | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ kind: "error" | "success" | "info"; text: string } | null>(null);
  const [conflict, setConflict] = useState<ClaimDto | null>(null);
  const statusRef = useRef<HTMLSelectElement>(null);

  // The editor is keyed by claim, so a different claim mounts a fresh one; load its details.
  useEffect(() => {
    let live = true;
    getClaimDetailAction({ claimId: claim.id }).then((r) => {
      if (live && r.ok) setDetail(r.data);
    });
    return () => {
      live = false;
    };
  }, [claim.id]);

  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(base));

  // Keep unsaved edits with the workspace, so moving to another claim (or j/k) loses nothing.
  useEffect(() => {
    onUnsavedChange(claim.id, dirty ? { base, draft } : null);
  }, [claim.id, dirty, base, draft, onUnsavedChange]);

  async function save() {
    if (!canEdit || saving) return;
    setSaving(true);
    setNotice(null);
    const changes: Partial<Draft> = {};
    for (const key of Object.keys(draft) as (keyof Draft)[]) if (draft[key] !== base[key]) changes[key] = draft[key];
    const result = await updateClaimAction({ claimId: claim.id, version: base.version, ...changes });
    setSaving(false);
    if (result.ok) {
      setBase(result.data);
      setDraft(draftOf(result.data));
      setConflict(null);
      setNotice({ kind: "success", text: "Saved." });
      onSaved(result.data);
    } else if (result.error.code === "version_conflict") {
      const current = result.error.details?.current as ClaimDto;
      setConflict(current);
      setBase(current);
      onSaved(current);
    } else {
      setNotice({ kind: "error", text: result.error.message });
    }
  }

  function discardMine() {
    if (!conflict) return;
    setDraft(draftOf(conflict));
    setConflict(null);
  }

  const statusOf = (key: string) => statuses.find((s) => s.key === key) ?? statuses[0];

  return (
    <section aria-labelledby="claim-editor-title" className="space-y-4">
      <div>
        <h2 id="claim-editor-title" className="flex items-center gap-2 text-base font-semibold">
          Claim {number} <StatusBadge status={statusOf(base.status)} />
          {base.reviewState === "approved" ? <span className="text-xs font-medium text-green-800">✓ Approved</span> : null}
        </h2>
        <blockquote className="mt-2 border-l-4 border-slate-300 pl-3 font-serif text-[15px] leading-relaxed text-slate-800">
          {claim.quote}
        </blockquote>
      </div>

      {conflict ? (
        <Notice>
          <p className="font-medium">Someone else saved this claim while you were editing.</p>
          <p className="mt-1">
            Their version: <strong>{statusOf(conflict.status).label}</strong>
            {conflict.statusSetBy ? ` (by ${conflict.statusSetBy.name})` : ""}. Your edits are still in the form. Save again to
            replace their version with yours, or discard yours.
          </p>
          <div className="mt-2 flex gap-2">
            <Button type="button" variant="secondary" onClick={discardMine}>
              Discard mine, show theirs
            </Button>
          </div>
        </Notice>
      ) : null}
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}

      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            save();
          }
        }}
      >
        <Field label="Status">
          <Select
            ref={statusRef}
            name="status"
            value={draft.status}
            disabled={!canEdit}
            onChange={(e) => setDraft({ ...draft, status: e.target.value })}
            id="claim-status"
          >
            {statuses.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Claim, in a sentence" hint="What exactly is being checked.">
          <Input name="summary" value={draft.summary} disabled={!canEdit} onChange={(e) => setDraft({ ...draft, summary: e.target.value })} />
        </Field>
        <Field label="Claimant" hint="Who made the claim.">
          <Input name="claimant" value={draft.claimant} disabled={!canEdit} onChange={(e) => setDraft({ ...draft, claimant: e.target.value })} />
        </Field>
        <Field label="Rationale">
          <Textarea
            name="rationale"
            rows={5}
            value={draft.rationale}
            disabled={!canEdit}
            onChange={(e) => setDraft({ ...draft, rationale: e.target.value })}
          />
        </Field>
        {canEdit ? (
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={saving || (!dirty && !conflict)}>
              {saving ? "Saving…" : "Save"}
            </Button>
            <span className="text-xs text-slate-500">{dirty ? "Unsaved changes · Ctrl+Enter saves" : "All changes saved"}</span>
          </div>
        ) : null}
      </form>

      <ReviewSection claim={base} statuses={statuses} viewer={viewer} onReviewed={(c) => { setBase(c); setDraft(draftOf(c)); onSaved(c); }} />

      <EvidenceSection
        claimId={claim.id}
        viewer={viewer}
        evidence={detail?.evidence ?? null}
        onChange={(evidence) => detail && setDetail({ ...detail, evidence })}
      />
    </section>
  );
}

/** An editor approves or rejects a verdict someone else set (four eyes). */
function ReviewSection({
  claim,
  statuses,
  viewer,
  onReviewed,
}: {
  claim: ClaimDto;
  statuses: StatusDto[];
  viewer: Viewer;
  onReviewed: (claim: ClaimDto) => void;
}) {
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const isVerdict = statuses.find((s) => s.key === claim.status)?.isVerdict ?? false;
  const isEditor = viewer.role === "editor" || viewer.role === "admin";
  if (!isVerdict) return null;
  const ownVerdict = claim.statusSetBy?.id === viewer.id;
  const stateText =
    claim.reviewState === "approved"
      ? `Approved by ${claim.reviewedBy?.name ?? "an editor"}`
      : claim.reviewState === "rejected"
        ? `Sent back by ${claim.reviewedBy?.name ?? "an editor"}`
        : "Awaiting an editor's review";

  async function review(decision: "approve" | "reject") {
    setPending(true);
    const result = await reviewClaimAction({ claimId: claim.id, decision, note });
    setPending(false);
    if (result.ok) {
      setNote("");
      setError(null);
      onReviewed(result.data);
    } else setError(result.error.message);
  }

  return (
    <section aria-labelledby="review-title" className="rounded-md border border-slate-200 bg-slate-50 p-3">
      <h3 id="review-title" className="text-sm font-semibold text-slate-800">
        Review
      </h3>
      <p className="mt-1 text-sm text-slate-700">
        {stateText}
        {claim.statusSetBy ? ` · verdict set by ${claim.statusSetBy.name}` : ""}
      </p>
      {error ? (
        <div className="mt-2">
          <Notice>{error}</Notice>
        </div>
      ) : null}
      {isEditor && claim.reviewState === "pending" ? (
        ownVerdict ? (
          <p className="mt-2 text-xs text-slate-600">You set this verdict, so another editor reviews it.</p>
        ) : (
          <div className="mt-2 space-y-2">
            <Field label="Review note (optional)">
              <Input value={note} onChange={(e) => setNote(e.target.value)} />
            </Field>
            <div className="flex gap-2">
              <Button type="button" disabled={pending} onClick={() => review("approve")}>
                ✓ Approve verdict
              </Button>
              <Button type="button" variant="secondary" disabled={pending} onClick={() => review("reject")}>
                Send back
              </Button>
            </div>
          </div>
        )
      ) : null}
    </section>
  );
}

function EvidenceSection({
  claimId,
  viewer,
  evidence,
  onChange,
}: {
  claimId: string;
  viewer: Viewer;
  evidence: EvidenceDto[] | null;
  onChange: (evidence: EvidenceDto[]) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const canAdd = viewer.role !== "viewer";
  const canRemove = (e: EvidenceDto) => viewer.role === "admin" || viewer.role === "editor" || (canAdd && e.addedBy?.id === viewer.id);

  async function add(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!evidence) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    setPending(true);
    const result = await addEvidenceAction({
      claimId,
      url: String(data.get("url") ?? ""),
      title: String(data.get("title") ?? ""),
      stance: String(data.get("stance") ?? "") as "supports",
      note: String(data.get("note") ?? ""),
    });
    setPending(false);
    if (result.ok) {
      onChange([...evidence, result.data]);
      form.reset();
      setError(null);
      setFields({});
    } else {
      setError(result.error.message);
      setFields((result.error.details?.fields as Record<string, string>) ?? {});
    }
  }

  async function remove(item: EvidenceDto) {
    if (!evidence) return;
    const result = await deleteEvidenceAction({ evidenceId: item.id });
    if (result.ok) onChange(evidence.filter((e) => e.id !== item.id));
    else setError(result.error.message);
  }

  return (
    <section aria-labelledby="evidence-title" className="border-t border-slate-200 pt-4">
      <h3 id="evidence-title" className="text-sm font-semibold text-slate-800">
        Evidence {evidence ? `(${evidence.length})` : ""}
      </h3>
      {evidence === null ? (
        <p className="mt-2 text-sm text-slate-500">Loading…</p>
      ) : evidence.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No evidence links yet.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {evidence.map((e) => (
            <li key={e.id} className="rounded-md border border-slate-200 bg-slate-50 p-2 text-sm">
              <div className="flex items-start gap-2">
                <span className={`mt-0.5 shrink-0 rounded border bg-white px-1.5 text-xs font-semibold ${stanceStyle[e.stance] ?? ""}`}>
                  {stanceText[e.stance] ?? e.stance}
                </span>
                <a href={e.url} target="_blank" rel="noopener noreferrer nofollow" className="min-w-0 break-words font-medium text-blue-800 underline">
                  {e.title || e.url}
                </a>
                {canRemove(e) ? (
                  <button
                    type="button"
                    onClick={() => remove(e)}
                    className="ml-auto shrink-0 rounded px-1.5 text-xs text-red-700 hover:bg-red-50"
                    aria-label={`Remove evidence ${e.title || e.url}`}
                  >
                    Remove
                  </button>
                ) : null}
              </div>
              {e.title ? <div className="mt-1 break-all text-xs text-slate-500">{e.url}</div> : null}
              {e.note ? <p className="mt-1 text-slate-700">{e.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {canAdd && evidence ? (
        <form onSubmit={add} className="mt-3 space-y-2 rounded-md border border-slate-200 p-3" noValidate>
          {error ? <Notice>{error}</Notice> : null}
          <Field label="Evidence URL" error={fields.url}>
            <Input name="url" type="url" required placeholder="https://" aria-invalid={!!fields.url} />
          </Field>
          <div className="grid grid-cols-[1fr_auto] gap-2">
            <Field label="Title" error={fields.title}>
              <Input name="title" />
            </Field>
            <Field label="Stance" error={fields.stance}>
              <Select name="stance" defaultValue="supports">
                <option value="supports">Supports</option>
                <option value="refutes">Refutes</option>
                <option value="context">Context</option>
              </Select>
            </Field>
          </div>
          <Field label="Note" error={fields.note}>
            <Input name="note" />
          </Field>
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? "Adding…" : "Add evidence"}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
