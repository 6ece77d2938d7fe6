import "server-only";
import { db } from "@/lib/db";
import { articleTransaction } from "@/lib/events/transaction";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { recordAudit } from "@/lib/audit/data";
import { quoteSelector, rangeProblem } from "@/lib/anchoring/text";
import { recordArticleEvent } from "@/lib/events/record";
import { claimSelect, toClaimDto, type ClaimDto } from "@/lib/claims/dto";
import { reviewPatchForReviewableChange } from "@/lib/anchoring/review-change";
import type { AnchorActionInput } from "@/lib/anchoring/schemas";

const MAX_SPAN = 2000;

/**
 * A person settles a claim's anchor: re-attaches it to a new span, confirms a moved anchor, or
 * retires a claim whose text is gone (with a note, kept as a comment and in the audit trail).
 * Re-attach and confirm change the checked text: reviewable changes (API.md "Review states").
 */
export async function settleAnchor(actor: Actor, claimId: string, input: AnchorActionInput): Promise<ClaimDto> {
  return articleTransaction(async (tx) => {
    const current = await tx.claim.findUnique({
      where: { id: claimId },
      select: { ...claimSelect, reviewChangers: true, status: { select: { isVerdict: true } }, article: { select: { body: true, revision: true } } },
    });
    if (!current) throw new NotFoundError("claim");
    if (!can(actor, "claim:update")) throw new ForbiddenError("Only checkers, editors and admins can settle anchors.");
    if (current.version !== input.version) {
      throw new ConflictError(
        `This claim was changed by someone else (now at version ${current.version}, your action was based on version ${input.version}). Look again and repeat it.`,
        toClaimDto(current),
      );
    }
    if (current.article.revision !== input.revision) {
      throw new ConflictError(
        `The article has a newer revision (${current.article.revision}; you were looking at revision ${input.revision}). Reload it and repeat the action on the current text.`,
        toClaimDto(current),
        "revision_conflict",
      );
    }
    const body = current.article.body;
    let data: Record<string, unknown>;
    const before = { anchor: current.anchor, start: current.start, end: current.end, quote: current.quote, checkedQuote: current.checkedQuote || current.quote };
    if (input.action === "reattach") {
      const start = input.start!;
      const end = input.end!;
      const problem = rangeProblem(body, start, end) ?? (end - start > MAX_SPAN ? `A claim may cover at most ${MAX_SPAN} characters.` : null);
      if (problem) throw new ValidationError(problem, { start: problem, end: problem });
      const sel = quoteSelector(body, start, end);
      data = { start, end, ...sel, checkedQuote: sel.quote, anchor: "exact", anchorConfidence: 1, ...reviewPatchForReviewableChange(current, actor.id, current.status.isVerdict) };
    } else if (input.action === "confirm") {
      if (current.anchor !== "moved") {
        throw new ValidationError(`Only a moved anchor can be confirmed; this one is ${current.anchor}.`, { action: "Re-attach an orphaned claim to new text instead." });
      }
      data = { checkedQuote: current.quote, anchor: "exact", anchorConfidence: 1, ...reviewPatchForReviewableChange(current, actor.id, current.status.isVerdict) };
    } else {
      if (current.anchor === "retired") throw new ValidationError("This claim is already retired.", { action: "Already retired." });
      data = { anchor: "retired", anchorConfidence: 0, checkedQuote: current.checkedQuote || current.quote };
      await tx.comment.create({ data: { claimId, authorId: actor.id, body: `Retired: ${input.note}` } });
    }
    const result = await tx.claim.updateMany({ where: { id: claimId, version: input.version }, data: { ...data, version: { increment: 1 } } });
    if (result.count !== 1) {
      const now = await tx.claim.findUniqueOrThrow({ where: { id: claimId }, select: claimSelect });
      throw new ConflictError("This claim was changed by someone else. Look again and repeat your action.", toClaimDto(now));
    }
    const updated = toClaimDto(await tx.claim.findUniqueOrThrow({ where: { id: claimId }, select: claimSelect }));
    await recordAudit(tx, {
      actorId: actor.id,
      action: `claim.anchor.${input.action}`,
      objectType: "claim",
      objectId: claimId,
      before,
      after: { anchor: updated.anchor, start: updated.start, end: updated.end, quote: updated.quote, checkedQuote: updated.checkedQuote, revision: input.revision, ...(input.note ? { note: input.note } : {}) },
    });
    await recordArticleEvent(tx, { articleId: updated.articleId, type: "claim.updated", actorId: actor.id, claimId, claim: updated });
    return updated;
  });
}

export type AnchorQueueItem = ClaimDto & { articleTitle: string; articleRevision: number };

/** Claims whose anchors wait for a person (moved, orphaned), across articles, oldest change first. */
export async function listAnchorsToCheck(actor: Actor, options: { articleId?: string } = {}): Promise<AnchorQueueItem[]> {
  if (!can(actor, "article:read")) throw new ForbiddenError();
  const rows = await db.claim.findMany({
    where: { anchor: { in: ["moved", "orphaned"] }, ...(options.articleId ? { articleId: options.articleId } : {}) },
    select: { ...claimSelect, article: { select: { title: true, revision: true } } },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: 500,
  });
  return rows.map(({ article, ...row }) => ({ ...toClaimDto(row), articleTitle: article.title, articleRevision: article.revision }));
}
