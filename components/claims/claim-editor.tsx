"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Notice } from "@/components/ui/field";
import { ClaimHeading, DraftTextField, SaveRow, StatusField } from "@/components/claims/claim-form-fields";
import { draftOf, useClaimDraft, type Draft, type DraftTextName } from "@/components/claims/use-claim-draft";
import type { ClaimDetailDto, ClaimDto } from "@/lib/claims/dto";
import type { StatusDto } from "@/lib/statuses/scale";
import { can, type Role } from "@/lib/permissions";
import { mergeDrafts, resolveConflict, touchedFields, FIELD_LABELS, type MergeField, type MergeResult } from "@/lib/claims/merge";
import { MergeConflicts } from "@/components/claims/merge-conflicts";
import { CommentThread } from "@/components/claims/comment-thread";
import { ClaimTimeline } from "@/components/claims/claim-timeline";
import { getClaimDetailAction, updateClaimAction } from "@/lib/claims/actions";
import { ReviewPanel } from "@/components/claims/review-panel";
import { EvidenceSection } from "@/components/evidence/evidence-section";

type Viewer = { id: string; role: Role };
export type { Draft };
/** Edits not saved yet, and the version of the claim they were made on. */
export type Unsaved = { base: ClaimDto; draft: Draft };

function fieldList(fields: MergeField[]): string {
  const names = fields.map((f) => FIELD_LABELS[f].toLowerCase());
  return names.length <= 1 ? `${names[0] ?? "edits"} was` : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]} were`;
}

function describe(fields: MergeField[], what: string): string {
  return fields.length === 0 ? "" : `${fields.map((f) => FIELD_LABELS[f].toLowerCase()).join(", ")} ${what}; `;
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
  changedBy,
  activity = 0,
  focusStatus = false,
}: {
  claim: ClaimDto;
  number: number;
  statuses: StatusDto[];
  viewer: Viewer;
  onSaved: (claim: ClaimDto) => void;
  /** Edits left unsaved when the user last moved to another claim: they are restored, not lost. */
  unsaved?: Unsaved;
  onUnsavedChange: (claimId: string, unsaved: Unsaved | null) => void;
  /** Who made the claim's latest change, when the live store knows. */
  changedBy?: { id: string; name: string } | null;
  /** Moves when something that does not change the claim's version (a comment) happened to it. */
  activity?: number;
  /** Put the focus on the status when the editor appears (a claim just added from the keyboard). */
  focusStatus?: boolean;
}) {
  const canEdit = can(viewer, "claim:update");
  // The form (use-claim-draft.ts): typing in a text box renders nothing; `form.current()` has what was typed.
  const form = useClaimDraft(unsaved?.base ?? claim, unsaved?.draft ?? draftOf(claim));
  const { base, dirty, set, current } = form;
  const [detail, setDetail] = useState<ClaimDetailDto | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ kind: "error" | "success" | "info"; text: string } | null>(null);
  const [merge, setMerge] = useState<{ result: MergeResult; who: string | null } | null>(null);
  const statusRef = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (focusStatus) statusRef.current?.focus();
  }, [focusStatus]);
  const savingRef = useRef(false);
  // The version this editor's own last save produced: its echo from the event stream is not news.
  const ownVersion = useRef(0);

  // The editor is keyed by claim, so a different claim mounts a fresh one; load its details, and
  // again whenever the claim's version moves (evidence, comments and reviews move it too).
  useEffect(() => {
    let live = true;
    getClaimDetailAction({ claimId: claim.id }).then((r) => {
      if (live && r.ok) setDetail(r.data);
    });
    return () => {
      live = false;
    };
  }, [claim.id, claim.version, activity]);

  // Number keys in the workspace set this claim's status in the form (saved with Save / Ctrl+Enter).
  useEffect(() => {
    if (!canEdit) return;
    const onSet = (e: Event) => {
      const { claimId, status } = (e as CustomEvent<{ claimId: string; status: string }>).detail;
      if (claimId === claim.id) set({ draft: (d) => ({ ...d, status }) });
    };
    window.addEventListener("claim-set-status", onSet);
    return () => window.removeEventListener("claim-set-status", onSet);
  }, [claim.id, canEdit, set]);

  // Keep unsaved edits with the workspace, so moving to another claim (or j/k) loses nothing: a
  // keystroke hands them over itself (it renders nothing), anything else that sets the form here.
  const { type } = form;
  const setText = useCallback(
    (name: DraftTextName, value: string) => {
      const now = type(name, value);
      onUnsavedChange(claim.id, now.dirty ? { base: now.base, draft: now.draft } : null);
    },
    [claim.id, onUnsavedChange, type],
  );
  const setStatus = useCallback((status: string) => set({ draft: (d) => (d.status === status ? d : { ...d, status }) }), [set]);
  useEffect(() => {
    onUnsavedChange(claim.id, dirty ? { base, draft: current() } : null);
  }, [claim.id, dirty, base, form.revision, current, onUnsavedChange]);

  /**
   * Someone else's newer version arrived (a 409 or the event stream): merge it into the form per
   * field. Returns the fields left to send, or null when a choice is needed.
   */
  function rebase(theirs: ClaimDto, who: string | null, myDraft: Draft = current()): Partial<Draft> | null {
    const result = mergeDrafts(draftOf(base), myDraft, draftOf(theirs));
    set({ base: theirs, draft: result.draft });
    if (result.conflicts.length > 0) {
      setMerge({ result, who });
      return null;
    }
    setMerge(null);
    return touchedFields(result.base, result.draft);
  }

  // A newer version from the store while this editor is open: the same per-field merge.
  useEffect(() => {
    if (claim.version <= Math.max(base.version, ownVersion.current) || savingRef.current) return;
    const who = changedBy && changedBy.id !== viewer.id ? changedBy.name : null;
    if (!dirty) {
      // The store brought a newer version from outside React (the event stream): adopt it.
      set({ base: claim, draft: draftOf(claim) });
      // eslint-disable-next-line react-hooks/set-state-in-effect -- syncing with the external store is this effect's purpose
      if (who) setNotice({ kind: "info", text: `Changed by ${who} — the form shows their version.` });
      return;
    }
    const result = mergeDrafts(draftOf(base), current(), draftOf(claim));
    set({ base: claim, draft: result.draft });
    if (result.conflicts.length > 0) setMerge({ result, who });
    else
      setNotice({
        kind: "info",
        text: `Changed by ${who ?? "someone else"} — review: ${describe(result.taken, "taken from theirs")}your unsaved edits are kept.`,
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [claim.version]);

  async function send(version: number, changes: Partial<Draft>, retried: boolean): Promise<void> {
    const result = await updateClaimAction({ claimId: claim.id, version, ...changes });
    if (result.ok) {
      ownVersion.current = result.data.version;
      set({ base: result.data, draft: draftOf(result.data) });
      setMerge(null);
      setNotice({
        kind: "success",
        text: retried
          ? `Someone else saved this claim meanwhile without touching your fields; your ${fieldList(Object.keys(changes) as MergeField[])} saved on top of their version.`
          : "Saved.",
      });
      onSaved(result.data);
      return;
    }
    if (result.error.code === "version_conflict" && result.error.details?.current) {
      const current = result.error.details.current as ClaimDto;
      onSaved(current);
      // The 409 does not say who; the verdict's setter is named when the verdict is what changed.
      const who = current.status !== base.status && current.statusSetBy && current.statusSetBy.id !== viewer.id ? current.statusSetBy.name : null;
      const left = rebase(current, who, { ...draftOf(base), ...changes });
      if (left === null) {
        setNotice(null);
        return;
      }
      if (Object.keys(left).length === 0) {
        setNotice({ kind: "info", text: "Someone else saved the same change meanwhile; nothing left to save." });
        return;
      }
      if (retried) {
        setNotice({ kind: "error", text: "The claim keeps changing; your edits are still in the form. Save again." });
        return;
      }
      return send(current.version, left, true);
    }
    setNotice({ kind: "error", text: result.error.message });
  }

  async function save() {
    if (!canEdit || saving || (merge && merge.result.conflicts.length > 0)) return;
    // Only what the person changed is sent, with the version they started from.
    const changes = touchedFields(draftOf(base), current());
    if (Object.keys(changes).length === 0) return;
    setSaving(true);
    savingRef.current = true;
    setNotice(null);
    try {
      await send(base.version, changes, false);
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  }

  function choose(index: number, choice: "theirs" | "mine") {
    if (!merge) return;
    const result = resolveConflict(merge.result, index, choice);
    set({ draft: result.draft });
    if (result.conflicts.length > 0) setMerge({ ...merge, result });
    else {
      setMerge(null);
      const left = touchedFields(draftOf(base), result.draft);
      setNotice({
        kind: "info",
        text: Object.keys(left).length > 0 ? "Chosen. Your kept edits are in the form: press Save to save them." : "Their version is kept; nothing of yours is left to save.",
      });
    }
  }

  const statusOf = (key: string) => statuses.find((s) => s.key === key) ?? statuses[0];

  // Review, evidence, comments and history do not depend on the form: a keystroke in a field
  // re-renders the form only, not them.
  const below = useMemo(
    () => (
      <>
        <ReviewPanel claim={base} statuses={statuses} viewer={viewer} onReviewed={(c) => { set({ base: c, draft: draftOf(c) }); onSaved(c); }} />

        <EvidenceSection
          claimId={claim.id}
          viewer={viewer}
          evidence={detail?.evidence ?? null}
          onChange={(evidence) => detail && setDetail({ ...detail, evidence })}
          onClaimChanged={(c) => { set({ base: c }); onSaved(c); }}
        />

        <CommentThread
          claimId={claim.id}
          comments={detail?.comments ?? null}
          canComment={canEdit}
          onAdded={(c) => detail && setDetail({ ...detail, comments: [...detail.comments.filter((x) => x.id !== c.id), c] })}
        />

        <ClaimTimeline history={detail?.history ?? null} statuses={statuses} />
      </>
    ),
    [base, canEdit, claim.id, detail, onSaved, set, statuses, viewer],
  );

  return (
    <section aria-labelledby="claim-editor-title" className="space-y-4">
      <ClaimHeading number={number} status={statusOf(base.status)} reviewState={base.reviewState} quote={claim.quote} />

      {merge && merge.result.conflicts.length > 0 ? (
        <MergeConflicts conflicts={merge.result.conflicts} who={merge.who} statuses={statuses} onChoose={choose} />
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
        <StatusField value={form.shown.status} statuses={statuses} disabled={!canEdit} onValue={setStatus} selectRef={statusRef} />
        <DraftTextField name="summary" label="Claim, in a sentence" hint="What exactly is being checked." value={form.shown.summary} revision={form.revision} disabled={!canEdit} onValue={setText} />
        <DraftTextField name="claimant" label="Claimant" hint="Who made the claim." value={form.shown.claimant} revision={form.revision} disabled={!canEdit} onValue={setText} />
        <DraftTextField name="rationale" label="Rationale" value={form.shown.rationale} revision={form.revision} disabled={!canEdit} onValue={setText} />
        {canEdit ? <SaveRow saving={saving} dirty={dirty} blocked={!!(merge && merge.result.conflicts.length > 0)} /> : null}
      </form>

      {below}
    </section>
  );
}
