-- CreateTable
CREATE TABLE "ArticlePresence" (
    "id" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "instance" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArticlePresence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ArticlePresence_articleId_seenAt_idx" ON "ArticlePresence"("articleId", "seenAt");

-- CreateIndex
CREATE INDEX "ArticlePresence_instance_idx" ON "ArticlePresence"("instance");

-- CreateIndex
CREATE INDEX "ArticlePresence_seenAt_idx" ON "ArticlePresence"("seenAt");
