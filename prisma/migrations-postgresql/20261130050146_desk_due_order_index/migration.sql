-- CreateIndex
CREATE INDEX "Claim_reviewState_dueAt_updatedAt_id_idx" ON "Claim"("reviewState", "dueAt", "updatedAt", "id");
