import "server-only";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { recordAudit, diffFields } from "@/lib/audit/data";
import { evidenceSelect, toEvidenceDto, type EvidenceDto } from "@/lib/claims/dto";
import { recordArticleEvent } from "@/lib/events/record";
import { articleTransaction } from "@/lib/events/transaction";
import { noteClaimChange } from "@/lib/claims/review-store";
import type { AddEvidenceInput, UpdateEvidenceInput } from "@/lib/evidence/schemas";

// Evidence added, changed or removed is a reviewable change of its claim (shared/API.md, Review
// states): the claim's version moves and an approved or rejected verdict goes back to review.

/** Adds an evidence link to a claim. */
export async function addEvidence(actor: Actor, claimId: string, input: AddEvidenceInput): Promise<EvidenceDto> {
  if (!can(actor, "evidence:add")) throw new ForbiddenError("Only checkers, editors and admins can add evidence.");
  return articleTransaction(async (tx) => {
    const claim = await tx.claim.findUnique({ where: { id: claimId }, select: { id: true } });
    if (!claim) throw new NotFoundError("claim");
    const row = await tx.evidence.create({ data: { claimId, ...input, addedById: actor.id }, select: evidenceSelect });
    const claimNow = await noteClaimChange(tx, claimId, actor.id, ["evidence"]);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "evidence.add",
      objectType: "claim",
      objectId: claimId,
      after: { evidenceId: row.id, url: row.url, title: row.title, stance: row.stance },
    });
    await recordArticleEvent(tx, { articleId: claimNow.articleId, type: "evidence.added", actorId: actor.id, claimId, claim: claimNow });
    return toEvidenceDto(row);
  });
}

/** Changes an evidence link's title, stance or note: its author, an editor or an admin. */
export async function updateEvidence(actor: Actor, evidenceId: string, input: UpdateEvidenceInput): Promise<EvidenceDto> {
  return articleTransaction(async (tx) => {
    const row = await tx.evidence.findUnique({ where: { id: evidenceId }, select: { ...evidenceSelect, addedById: true } });
    if (!row) throw new NotFoundError("evidence link");
    if (!can(actor, "evidence:update", { addedById: row.addedById })) {
      throw new ForbiddenError("Only the person who added this link, an editor or an admin can change it.");
    }
    const { before, after, changed } = diffFields({ title: row.title, stance: row.stance, note: row.note }, input);
    if (!changed) return toEvidenceDto(row);
    const updated = await tx.evidence.update({ where: { id: evidenceId }, data: input, select: evidenceSelect });
    const claimNow = await noteClaimChange(tx, row.claimId, actor.id, ["evidence"]);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "evidence.change",
      objectType: "claim",
      objectId: row.claimId,
      before: { evidenceId, ...before },
      after: { evidenceId, ...after },
    });
    await recordArticleEvent(tx, { articleId: claimNow.articleId, type: "evidence.changed", actorId: actor.id, claimId: row.claimId, claim: claimNow });
    return toEvidenceDto(updated);
  });
}

/** Removes an evidence link: its author, an editor or an admin. */
export async function deleteEvidence(actor: Actor, evidenceId: string): Promise<void> {
  await articleTransaction(async (tx) => {
    const row = await tx.evidence.findUnique({ where: { id: evidenceId }, select: { ...evidenceSelect, addedById: true } });
    if (!row) throw new NotFoundError("evidence link");
    if (!can(actor, "evidence:delete", { addedById: row.addedById })) {
      throw new ForbiddenError("Only the person who added this link, an editor or an admin can remove it.");
    }
    await tx.evidence.delete({ where: { id: evidenceId } });
    const claimNow = await noteClaimChange(tx, row.claimId, actor.id, ["evidence"]);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "evidence.remove",
      objectType: "claim",
      objectId: row.claimId,
      before: { evidenceId: row.id, url: row.url, title: row.title, stance: row.stance },
    });
    await recordArticleEvent(tx, { articleId: claimNow.articleId, type: "evidence.removed", actorId: actor.id, claimId: row.claimId, claim: claimNow });
  });
}
