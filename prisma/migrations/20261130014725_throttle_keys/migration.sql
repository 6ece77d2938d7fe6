-- CreateTable
CREATE TABLE "ThrottleKey" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL DEFAULT 0,
    "windowStartMs" BIGINT NOT NULL DEFAULT 0,
    "lockedUntilMs" BIGINT NOT NULL DEFAULT 0,
    "lastAllowed" INTEGER NOT NULL DEFAULT 1
);

-- CreateIndex
CREATE INDEX "ThrottleKey_lockedUntilMs_idx" ON "ThrottleKey"("lockedUntilMs");
