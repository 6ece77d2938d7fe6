-- CreateTable
CREATE TABLE "ArticlePresence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "articleId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "instance" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "seenAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ArticlePresence_articleId_seenAt_idx" ON "ArticlePresence"("articleId", "seenAt");

-- CreateIndex
CREATE INDEX "ArticlePresence_instance_idx" ON "ArticlePresence"("instance");

-- CreateIndex
CREATE INDEX "ArticlePresence_seenAt_idx" ON "ArticlePresence"("seenAt");
