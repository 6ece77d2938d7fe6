"use server";
import { z } from "zod";
import { authedAction } from "@/lib/actions";
import { assignClaims, createClaim, deleteClaim, getClaimDetail, reviewClaim, updateClaim } from "@/lib/claims/data";
import { bulkAssignSchema, createClaimSchema, reviewClaimSchema, updateClaimSchema } from "@/lib/claims/schemas";
import { addEvidence, deleteEvidence, updateEvidence } from "@/lib/evidence/data";
import { addEvidenceSchema, updateEvidenceSchema } from "@/lib/evidence/schemas";

const id = z.string().min(1).max(100);

export const createClaimAction = authedAction(createClaimSchema.extend({ articleId: id }), ({ articleId, ...input }, user) =>
  createClaim(user, articleId, input),
);

export const getClaimDetailAction = authedAction(z.object({ claimId: id }), ({ claimId }, user) => getClaimDetail(user, claimId));

export const updateClaimAction = authedAction(updateClaimSchema.and(z.object({ claimId: id })), ({ claimId, ...input }, user) =>
  updateClaim(user, claimId, input),
);

export const deleteClaimAction = authedAction(z.object({ claimId: id }), ({ claimId }, user) => deleteClaim(user, claimId));

export const assignClaimsAction = authedAction(bulkAssignSchema, (input, user) => assignClaims(user, input));

export const addEvidenceAction = authedAction(addEvidenceSchema.extend({ claimId: id }), ({ claimId, ...input }, user) =>
  addEvidence(user, claimId, input),
);

export const updateEvidenceAction = authedAction(updateEvidenceSchema.and(z.object({ evidenceId: id })), ({ evidenceId, ...input }, user) =>
  updateEvidence(user, evidenceId, input),
);

export const deleteEvidenceAction = authedAction(z.object({ evidenceId: id }), ({ evidenceId }, user) => deleteEvidence(user, evidenceId));

export const reviewClaimAction = authedAction(reviewClaimSchema.extend({ claimId: id }), ({ claimId, ...input }, user) =>
  reviewClaim(user, claimId, input),
);
