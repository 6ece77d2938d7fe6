import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { claimSelect, toClaimDto, type ClaimDto } from "@/lib/claims/dto";
import { changersAfter, parseChangers, reviewStateAfter, storeChangers, type ClaimChange } from "@/lib/claims/review-rules";

type Tx = Prisma.TransactionClient;

/**
 * Records that `actorId` changed something of a claim that lives outside its row (evidence): the
 * claim's version moves, and the review rules decide its review state and who changed it since
 * the last review. Returns the claim after the change. Call inside the change's transaction.
 */
export async function noteClaimChange(tx: Tx, claimId: string, actorId: string | null, changes: ClaimChange[]): Promise<ClaimDto> {
  const current = await tx.claim.findUniqueOrThrow({
    where: { id: claimId },
    select: { reviewState: true, reviewChangers: true, status: { select: { isVerdict: true } } },
  });
  const reviewState = reviewStateAfter(current.reviewState, changes, current.status.isVerdict);
  const changers = changersAfter(parseChangers(current.reviewChangers), actorId, changes);
  const row = await tx.claim.update({
    where: { id: claimId },
    data: { version: { increment: 1 }, reviewState, reviewChangers: storeChangers(changers) },
    select: claimSelect,
  });
  return toClaimDto(row);
}
