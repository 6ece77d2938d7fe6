-- AlterTable
ALTER TABLE "Status" ADD COLUMN "ratingBest" INTEGER;
ALTER TABLE "Status" ADD COLUMN "ratingWorst" INTEGER;

-- CreateTable
CREATE TABLE "ArticleRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "articleId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL DEFAULT 'import',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ArticleRevision_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArticleRevision_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ArticleEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "articleId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "claimId" TEXT,
    "actorId" TEXT,
    "data" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ArticleEvent_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "claimId" TEXT,
    "actorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Article" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sourceUrl" TEXT,
    "outlet" TEXT,
    "author" TEXT,
    "publishedAt" DATETIME,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "claimCounter" INTEGER NOT NULL DEFAULT 0,
    "changeSeq" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Article_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Article" ("author", "body", "createdAt", "createdById", "id", "outlet", "publishedAt", "revision", "sourceUrl", "title", "updatedAt") SELECT "author", "body", "createdAt", "createdById", "id", "outlet", "publishedAt", "revision", "sourceUrl", "title", "updatedAt" FROM "Article";
DROP TABLE "Article";
ALTER TABLE "new_Article" RENAME TO "Article";
CREATE INDEX "Article_createdAt_idx" ON "Article"("createdAt");
CREATE TABLE "new_Claim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "articleId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "suffix" TEXT NOT NULL,
    "anchor" TEXT NOT NULL DEFAULT 'exact',
    "anchorConfidence" REAL NOT NULL DEFAULT 1,
    "checkedQuote" TEXT NOT NULL DEFAULT '',
    "summary" TEXT NOT NULL DEFAULT '',
    "claimant" TEXT NOT NULL DEFAULT '',
    "claimType" TEXT NOT NULL DEFAULT '',
    "rationale" TEXT NOT NULL DEFAULT '',
    "statusKey" TEXT NOT NULL DEFAULT 'unchecked',
    "statusSetById" TEXT,
    "reviewState" TEXT NOT NULL DEFAULT 'none',
    "reviewedById" TEXT,
    "reviewedAt" DATETIME,
    "reviewNote" TEXT NOT NULL DEFAULT '',
    "reviewChangers" TEXT NOT NULL DEFAULT '[]',
    "assigneeId" TEXT,
    "dueAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Claim_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Claim_statusKey_fkey" FOREIGN KEY ("statusKey") REFERENCES "Status" ("key") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Claim_statusSetById_fkey" FOREIGN KEY ("statusSetById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Claim_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Claim_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Claim_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Existing claims are numbered in the order they were made; the text the verdict is about is their quote.
INSERT INTO "new_Claim" ("number", "checkedQuote", "anchor", "articleId", "assigneeId", "claimType", "claimant", "createdAt", "createdById", "end", "id", "prefix", "quote", "rationale", "reviewNote", "reviewState", "reviewedAt", "reviewedById", "start", "statusKey", "statusSetById", "suffix", "summary", "updatedAt", "version") SELECT ROW_NUMBER() OVER (PARTITION BY "articleId" ORDER BY "createdAt", "id"), "quote", "anchor", "articleId", "assigneeId", "claimType", "claimant", "createdAt", "createdById", "end", "id", "prefix", "quote", "rationale", "reviewNote", "reviewState", "reviewedAt", "reviewedById", "start", "statusKey", "statusSetById", "suffix", "summary", "updatedAt", "version" FROM "Claim";
DROP TABLE "Claim";
ALTER TABLE "new_Claim" RENAME TO "Claim";
CREATE INDEX "Claim_articleId_start_idx" ON "Claim"("articleId", "start");
CREATE INDEX "Claim_statusKey_idx" ON "Claim"("statusKey");
CREATE INDEX "Claim_assigneeId_idx" ON "Claim"("assigneeId");
CREATE INDEX "Claim_reviewState_updatedAt_idx" ON "Claim"("reviewState", "updatedAt");
CREATE UNIQUE INDEX "Claim_articleId_number_key" ON "Claim"("articleId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ArticleRevision_articleId_revision_key" ON "ArticleRevision"("articleId", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "ArticleEvent_articleId_seq_key" ON "ArticleEvent"("articleId", "seq");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- Backfill: each article's claim counter, and its text as revision 1.
UPDATE "Article" SET "claimCounter" = (SELECT COUNT(*) FROM "Claim" WHERE "Claim"."articleId" = "Article"."id");
INSERT INTO "ArticleRevision" ("id", "articleId", "revision", "title", "body", "note", "source", "createdById", "createdAt")
  SELECT 'rev1_' || "id", "id", "revision", "title", "body", '', 'import', "createdById", "createdAt" FROM "Article";
