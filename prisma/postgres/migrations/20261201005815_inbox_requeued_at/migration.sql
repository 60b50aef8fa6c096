-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN     "requeuedAt" TIMESTAMP(3);
