-- Reconciliation's token bucket, shared by every instance (decision 021). Written as ADD COLUMN
-- rather than Prisma's rebuild of the Shop table, so a migration of another branch that adds a Shop
-- column, ordered before this one, keeps its column.
ALTER TABLE "Shop" ADD COLUMN "reconcileTokens" REAL NOT NULL DEFAULT 0;
ALTER TABLE "Shop" ADD COLUMN "reconcileTokensAt" DATETIME;
