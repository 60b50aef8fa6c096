-- DropIndex
DROP INDEX "InboxEvent_state_prunedAt_finishedAt_idx";

-- CreateIndex
CREATE INDEX "InboxEvent_prunedAt_finishedAt_idx" ON "InboxEvent"("prunedAt", "finishedAt");
