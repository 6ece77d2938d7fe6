"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";
import { deleteClaimAction, updateClaimAction } from "@/lib/claims/actions";
import { can, type Role } from "@/lib/permissions";
import type { ClaimDto } from "@/lib/claims/dto";

type Viewer = { id: string; role: Role };

function shorten(text: string, max = 80) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Fixing a claim: correct its span to the text selected in the article (checkers and up), or
 * delete it after a confirmation that names it (editors and admins).
 */
export function ClaimActions({
  claim,
  viewer,
  revision,
  selection,
  onChanged,
  onDeleted,
  onOpen,
}: {
  claim: ClaimDto;
  viewer: Viewer;
  /** The article revision the selection's offsets refer to. */
  revision: number;
  /** The text currently selected in the article, if any. */
  selection: { start: number; end: number; text: string } | null;
  onChanged: (claim: ClaimDto) => void;
  onDeleted: (claimId: string) => void;
  onOpen: (claimId: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: "error" | "success" | "info"; text: string } | null>(null);
  const [duplicate, setDuplicate] = useState<ClaimDto | null>(null);
  const canCorrect = can(viewer, "claim:update");
  const canDelete = can(viewer, "claim:delete");
  if (!canCorrect && !canDelete) return null;
  const sameSpan = selection && selection.start === claim.start && selection.end === claim.end;

  async function correct(allowDuplicate = false) {
    if (!selection) return;
    setBusy(true);
    const result = await updateClaimAction({ claimId: claim.id, version: claim.version, revision, start: selection.start, end: selection.end, allowDuplicate });
    setBusy(false);
    setDuplicate(null);
    if (result.ok) {
      setNotice({ kind: "success", text: `Claim ${claim.number} now covers “${shorten(result.data.quote ?? result.data.checkedQuote)}”.` });
      onChanged(result.data);
    } else if (result.error.code === "duplicate_claim") {
      setDuplicate(result.error.details?.existing as ClaimDto);
    } else if (result.error.code === "version_conflict") {
      const current = result.error.details?.current as ClaimDto | undefined;
      if (current && "id" in current) onChanged(current);
      setNotice({ kind: "error", text: result.error.message });
    } else setNotice({ kind: "error", text: result.error.message });
  }

  async function remove() {
    setBusy(true);
    const result = await deleteClaimAction({ claimId: claim.id });
    setBusy(false);
    if (result.ok) onDeleted(claim.id);
    else setNotice({ kind: "error", text: result.error.message });
  }

  return (
    <section aria-labelledby="claim-actions-title" className="space-y-2 border-t border-slate-200 pt-4">
      <h3 id="claim-actions-title" className="text-sm font-semibold text-slate-800">
        Fix this claim
      </h3>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {canCorrect ? (
        selection && !sameSpan ? (
          <div className="space-y-2 rounded-md border border-blue-200 bg-blue-50 p-2 text-sm">
            <p>
              Selected: <q className="font-serif">{shorten(selection.text, 120)}</q>
            </p>
            <Button type="button" variant="secondary" disabled={busy} onMouseDown={(e) => e.preventDefault()} onClick={() => correct()}>
              Apply selection to claim {claim.number}
            </Button>
          </div>
        ) : (
          <p className="text-xs text-slate-600">To correct the span, select the right text in the article, then apply it here.</p>
        )
      ) : null}
      {duplicate ? (
        <Notice kind="info">
          <p>Claim {duplicate.number} already covers exactly that text.</p>
          <div className="mt-2 flex gap-2">
            <Button type="button" onClick={() => onOpen(duplicate.id)}>
              Open claim {duplicate.number}
            </Button>
            <Button type="button" variant="secondary" onClick={() => correct(true)}>
              Apply anyway
            </Button>
          </div>
        </Notice>
      ) : null}
      {canDelete ? (
        confirming ? (
          <div role="alertdialog" aria-labelledby="delete-claim-question" className="space-y-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm">
            <p id="delete-claim-question" className="text-red-900">
              Delete claim {claim.number}, “{shorten(claim.quote ?? claim.checkedQuote)}”, with its evidence and comments? This cannot be undone.
            </p>
            <div className="flex gap-2">
              <Button type="button" variant="danger" disabled={busy} onClick={remove} autoFocus>
                Delete claim {claim.number}
              </Button>
              <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
                Keep it
              </Button>
            </div>
          </div>
        ) : (
          <Button type="button" variant="danger" onClick={() => setConfirming(true)}>
            Delete claim…
          </Button>
        )
      ) : null}
    </section>
  );
}
