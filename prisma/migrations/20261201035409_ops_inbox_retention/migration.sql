-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN "prunedAt" DATETIME;

-- CreateIndex
CREATE INDEX "InboxEvent_state_prunedAt_finishedAt_idx" ON "InboxEvent"("state", "prunedAt", "finishedAt");
