-- AlterTable
ALTER TABLE "TimelineEntry" ADD COLUMN "undoneAt" DATETIME;
