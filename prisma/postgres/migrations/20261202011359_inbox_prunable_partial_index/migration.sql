-- DropIndex
DROP INDEX "InboxEvent_state_prunedAt_finishedAt_idx";

-- Retention's candidates (prunableCandidatesQuery in app/inbox/inbox-store.server.ts): the final
-- events whose history is still whole, by when they finished. Partial, so the history already
-- pruned is not in it, and the planners read it in order without misjudging how many rows match
-- (the full index [state, prunedAt, finishedAt] it replaces did both badly with a large pruned history). Hand-written: Prisma's schema
-- cannot declare a partial index (and its migrate diff leaves one alone). The states are
-- PRUNABLE_STATES (app/inbox/inbox-states.ts), checked by app/inbox/prune-index.server.test.ts.
CREATE INDEX "InboxEvent_prunable_finishedAt_idx" ON "InboxEvent"("finishedAt") WHERE "prunedAt" IS NULL AND "state" IN ('applied', 'unsupported');
