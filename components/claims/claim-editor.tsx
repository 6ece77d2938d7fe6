"use client";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice, Select, Textarea } from "@/components/ui/field";
import { StatusBadge } from "@/components/claims/status-badge";
import type { ClaimDetailDto, ClaimDto, EvidenceDto } from "@/lib/claims/dto";
import type { StatusDto } from "@/lib/statuses/scale";
import type { Role } from "@/lib/permissions";
import { mergeDrafts, resolveConflict, touchedFields, FIELD_LABELS, type MergeField, type MergeResult } from "@/lib/claims/merge";
import { MergeConflicts } from "@/components/claims/merge-conflicts";
import { CommentThread } from "@/components/claims/comment-thread";
import { ClaimTimeline } from "@/components/claims/claim-timeline";
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

function fieldList(fields: MergeField[]): string {
  const names = fields.map((f) => FIELD_LABELS[f].toLowerCase());
  return names.length <= 1 ? `${names[0] ?? "edits"} was` : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]} were`;
}

function describe(fields: MergeField[], what: string): string {
  return fields.length === 0 ? "" : `${fields.map((f) => FIELD_LABELS[f].toLowerCase()).join(", ")} ${what}; `;
}

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
  changedBy,
  activity = 0,
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
}) {
  const canEdit = viewer.role !== "viewer";
  const [base, setBase] = useState<ClaimDto>(unsaved?.base ?? claim);
  const [draft, setDraft] = useState<Draft>(() => unsaved?.draft ?? draftOf(claim));
  const [detail, setDetail] = useState<ClaimDetailDto | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ kind: "error" | "success" | "info"; text: string } | null>(null);
  const [merge, setMerge] = useState<{ result: MergeResult; who: string | null } | null>(null);
  const statusRef = useRef<HTMLSelectElement>(null);
  const savingRef = useRef(false);

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
      if (claimId === claim.id) setDraft((d) => ({ ...d, status }));
    };
    window.addEventListener("claim-set-status", onSet);
    return () => window.removeEventListener("claim-set-status", onSet);
  }, [claim.id, canEdit]);

  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(base));

  // Keep unsaved edits with the workspace, so moving to another claim (or j/k) loses nothing.
  useEffect(() => {
    onUnsavedChange(claim.id, dirty ? { base, draft } : null);
  }, [claim.id, dirty, base, draft, onUnsavedChange]);

  /**
   * Someone else's newer version arrived (a 409 or the event stream): merge it into the form per
   * field. Returns the fields left to send, or null when a choice is needed.
   */
  function rebase(current: ClaimDto, who: string | null, myDraft: Draft = draft): Partial<Draft> | null {
    const result = mergeDrafts(draftOf(base), myDraft, draftOf(current));
    setBase(current);
    setDraft(result.draft);
    if (result.conflicts.length > 0) {
      setMerge({ result, who });
      return null;
    }
    setMerge(null);
    return touchedFields(result.base, result.draft);
  }

  // A newer version from the store while this editor is open: the same per-field merge.
  useEffect(() => {
    if (claim.version <= base.version || savingRef.current) return;
    const who = changedBy && changedBy.id !== viewer.id ? changedBy.name : null;
    if (!dirty) {
      setBase(claim);
      setDraft(draftOf(claim));
      if (who) setNotice({ kind: "info", text: `Changed by ${who} — the form shows their version.` });
      return;
    }
    const result = mergeDrafts(draftOf(base), draft, draftOf(claim));
    setBase(claim);
    setDraft(result.draft);
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
      setBase(result.data);
      setDraft(draftOf(result.data));
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
    const changes = touchedFields(draftOf(base), draft);
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
    setDraft(result.draft);
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
            <Button type="submit" disabled={saving || !dirty || !!(merge && merge.result.conflicts.length > 0)}>
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

      <CommentThread
        claimId={claim.id}
        comments={detail?.comments ?? null}
        canComment={canEdit}
        onAdded={(c) => detail && setDetail({ ...detail, comments: [...detail.comments.filter((x) => x.id !== c.id), c] })}
      />

      <ClaimTimeline history={detail?.history ?? null} statuses={statuses} />
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
