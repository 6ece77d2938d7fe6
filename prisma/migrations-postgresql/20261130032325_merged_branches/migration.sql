-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "searchAt" TIMESTAMP(3),
ADD COLUMN     "searchText" TEXT;

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "searchAt" TIMESTAMP(3),
ADD COLUMN     "searchText" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "twoFactorEnabled" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ThrottleKey" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "windowStartMs" BIGINT NOT NULL DEFAULT 0,
    "lockedUntilMs" BIGINT NOT NULL DEFAULT 0,
    "lastAllowed" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ThrottleKey_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "TwoFactor" (
    "id" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "backupCodes" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "verified" BOOLEAN NOT NULL DEFAULT true,
    "failedVerificationCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "TwoFactor_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ThrottleKey_lockedUntilMs_idx" ON "ThrottleKey"("lockedUntilMs");

-- CreateIndex
CREATE INDEX "TwoFactor_userId_idx" ON "TwoFactor"("userId");

-- CreateIndex
CREATE INDEX "TwoFactor_secret_idx" ON "TwoFactor"("secret");

-- CreateIndex
CREATE INDEX "Article_updatedAt_idx" ON "Article"("updatedAt");

-- CreateIndex
CREATE INDEX "Claim_articleId_statusKey_idx" ON "Claim"("articleId", "statusKey");

-- CreateIndex
CREATE INDEX "Claim_articleId_reviewState_idx" ON "Claim"("articleId", "reviewState");

-- CreateIndex
CREATE INDEX "Claim_updatedAt_idx" ON "Claim"("updatedAt");

-- AddForeignKey
ALTER TABLE "TwoFactor" ADD CONSTRAINT "TwoFactor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
