"use client";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice, Select, Textarea } from "@/components/ui/field";
import { StatusBadge } from "@/components/claims/status-badge";
import { ReviewStateBadge } from "@/components/claims/review-state-badge";
import type { ClaimDetailDto, ClaimDto } from "@/lib/claims/dto";
import type { StatusDto } from "@/lib/statuses/scale";
import { can, type Role } from "@/lib/permissions";
import { getClaimDetailAction, updateClaimAction } from "@/lib/claims/actions";
import { ReviewPanel } from "@/components/claims/review-panel";
import { EvidenceSection } from "@/components/evidence/evidence-section";

type Viewer = { id: string; role: Role };
export type Draft = { status: string; summary: string; claimant: string; rationale: string };
/** Edits not saved yet, and the version of the claim they were made on. */
export type Unsaved = { base: ClaimDto; draft: Draft };

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
  const canEdit = can(viewer, "claim:update");
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
    // eslint-disable-next-line react-hooks/exhaustive-deps
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
          {base.reviewState !== "none" ? <ReviewStateBadge state={base.reviewState} /> : null}
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

      <ReviewPanel claim={base} statuses={statuses} viewer={viewer} onReviewed={(c) => { setBase(c); setDraft(draftOf(c)); onSaved(c); }} />

      <EvidenceSection
        claimId={claim.id}
        viewer={viewer}
        evidence={detail?.evidence ?? null}
        onChange={(evidence) => detail && setDetail({ ...detail, evidence })}
        onClaimChanged={(c) => { setBase(c); onSaved(c); }}
      />
    </section>
  );
}
