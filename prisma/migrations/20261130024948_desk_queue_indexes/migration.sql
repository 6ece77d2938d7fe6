-- CreateIndex
CREATE INDEX "Article_updatedAt_idx" ON "Article"("updatedAt");

-- CreateIndex
CREATE INDEX "Claim_articleId_statusKey_idx" ON "Claim"("articleId", "statusKey");

-- CreateIndex
CREATE INDEX "Claim_articleId_reviewState_idx" ON "Claim"("articleId", "reviewState");

-- CreateIndex
CREATE INDEX "Claim_updatedAt_idx" ON "Claim"("updatedAt");
