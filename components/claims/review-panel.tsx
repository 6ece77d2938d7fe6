"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Notice } from "@/components/ui/field";
import { ReviewStateBadge } from "@/components/claims/review-state-badge";
import { reviewClaimAction } from "@/lib/claims/actions";
import { can, type Role } from "@/lib/permissions";
import type { ClaimDto } from "@/lib/claims/dto";
import type { StatusDto } from "@/lib/statuses/scale";

/**
 * The claim's review: its state and the last reviewer's note (kept until the next review), and
 * for an editor who may review it, approve or request changes on exactly the version shown.
 */
export function ReviewPanel({
  claim,
  statuses,
  viewer,
  onReviewed,
}: {
  claim: ClaimDto;
  statuses: StatusDto[];
  viewer: { id: string; role: Role };
  /** Called with the claim after a review, or with the current claim after a stale-version conflict. */
  onReviewed: (claim: ClaimDto) => void;
}) {
  const [note, setNote] = useState("");
  const [notice, setNotice] = useState<{ kind: "error" | "info"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const isVerdict = statuses.find((s) => s.key === claim.status)?.isVerdict ?? false;
  if (!isVerdict && !claim.reviewNote) return null;
  const isReviewer = can(viewer, "claim:review", { reviewChangers: [] });
  const mayReview = can(viewer, "claim:review", { reviewChangers: claim.reviewChangers });

  async function review(decision: "approve" | "reject") {
    setPending(true);
    const result = await reviewClaimAction({ claimId: claim.id, version: claim.version, decision, note });
    setPending(false);
    if (result.ok) {
      setNote("");
      setNotice(null);
      onReviewed(result.data);
    } else if (result.error.code === "version_conflict") {
      onReviewed(result.error.details?.current as ClaimDto);
      setNotice({ kind: "info", text: "This claim changed since you opened it. Look at the current verdict, then review it again." });
    } else setNotice({ kind: "error", text: result.error.message });
  }

  const reviewer = claim.reviewedBy?.name ?? "an editor";
  return (
    <section aria-labelledby="review-title" className="rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="review-panel">
      <h3 id="review-title" className="flex items-center gap-2 text-sm font-semibold text-slate-800">
        Review <ReviewStateBadge state={claim.reviewState} />
      </h3>
      <p className="mt-1 text-sm text-slate-700">
        {claim.reviewState === "approved"
          ? `Approved by ${reviewer}`
          : claim.reviewState === "rejected"
            ? `${reviewer} asked for changes`
            : claim.reviewState === "pending"
              ? "Waiting for an editor's review"
              : "Set a verdict to send it for review"}
        {claim.statusSetBy && isVerdict ? ` · verdict set by ${claim.statusSetBy.name}` : ""}
      </p>
      {claim.reviewNote ? (
        <blockquote
          className={`mt-2 border-l-4 bg-white px-3 py-2 text-sm text-slate-800 ${claim.reviewState === "rejected" ? "border-red-700" : "border-slate-400"}`}
          aria-label="Reviewer's note"
        >
          <span className="block text-xs font-semibold text-slate-600">
            {claim.reviewState === "pending" ? `Last review note from ${reviewer}` : `Note from ${reviewer}`}
          </span>
          <span className="whitespace-pre-wrap">{claim.reviewNote}</span>
        </blockquote>
      ) : null}
      {notice ? (
        <div className="mt-2">
          <Notice kind={notice.kind}>{notice.text}</Notice>
        </div>
      ) : null}
      {isReviewer && isVerdict && claim.reviewState !== "approved" ? (
        mayReview ? (
          <div className="mt-2 space-y-2">
            <Field label="Review note" hint="Required when you request changes: say what to fix.">
              <Input value={note} onChange={(e) => setNote(e.target.value)} name="reviewNote" />
            </Field>
            <div className="flex flex-wrap gap-2">
              <Button type="button" disabled={pending} onClick={() => review("approve")}>
                ✓ Approve verdict
              </Button>
              <Button
                type="button"
                variant="secondary"
                disabled={pending}
                onClick={() => (note.trim() ? review("reject") : setNotice({ kind: "error", text: "Write what should change in the review note first." }))}
              >
                ↩ Request changes
              </Button>
            </div>
          </div>
        ) : (
          <p className="mt-2 text-xs text-slate-600">You changed this claim since its last review, so another editor reviews it.</p>
        )
      ) : null}
    </section>
  );
}
