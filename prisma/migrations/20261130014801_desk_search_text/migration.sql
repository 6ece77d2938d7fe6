-- AlterTable
ALTER TABLE "Article" ADD COLUMN "searchAt" DATETIME;
ALTER TABLE "Article" ADD COLUMN "searchText" TEXT;

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN "searchAt" DATETIME;
ALTER TABLE "Claim" ADD COLUMN "searchText" TEXT;
