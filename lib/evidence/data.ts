import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { recordAudit } from "@/lib/audit/data";
import { claimSelect, evidenceSelect, toClaimDto, toEvidenceDto, type EvidenceDto } from "@/lib/claims/dto";
import { recordArticleEvent } from "@/lib/events/record";
import { articleTransaction } from "@/lib/events/transaction";
import type { AddEvidenceInput } from "@/lib/evidence/schemas";

/** Adds an evidence link to a claim. */
export async function addEvidence(actor: Actor, claimId: string, input: AddEvidenceInput): Promise<EvidenceDto> {
  if (!can(actor, "evidence:add")) throw new ForbiddenError("Only checkers, editors and admins can add evidence.");
  return articleTransaction(async (tx) => {
    const claim = await tx.claim.findUnique({ where: { id: claimId }, select: { id: true } });
    if (!claim) throw new NotFoundError("claim");
    const row = await tx.evidence.create({ data: { claimId, ...input, addedById: actor.id }, select: evidenceSelect });
    // A claim's version moves with its evidence (shared/API.md), so a stale form sees the change.
    const claimNow = toClaimDto(await tx.claim.update({ where: { id: claimId }, data: { version: { increment: 1 } }, select: claimSelect }));
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

/** Removes an evidence link: its author, an editor or an admin. */
export async function deleteEvidence(actor: Actor, evidenceId: string): Promise<void> {
  await articleTransaction(async (tx) => {
    const row = await tx.evidence.findUnique({ where: { id: evidenceId }, select: { ...evidenceSelect, addedById: true } });
    if (!row) throw new NotFoundError("evidence link");
    if (!can(actor, "evidence:delete", { addedById: row.addedById })) {
      throw new ForbiddenError("Only the person who added this link, an editor or an admin can remove it.");
    }
    await tx.evidence.delete({ where: { id: evidenceId } });
    const claimNow = toClaimDto(await tx.claim.update({ where: { id: row.claimId }, data: { version: { increment: 1 } }, select: claimSelect }));
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
