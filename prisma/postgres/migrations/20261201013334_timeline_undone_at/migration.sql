-- AlterTable
ALTER TABLE "TimelineEntry" ADD COLUMN     "undoneAt" TIMESTAMP(3);
