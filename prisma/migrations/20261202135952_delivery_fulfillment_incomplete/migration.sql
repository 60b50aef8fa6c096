-- AlterTable (hand-written: SQLite adds a NOT NULL column with a default in place, no table copy)
ALTER TABLE "Delivery" ADD COLUMN "fulfillmentIncomplete" BOOLEAN NOT NULL DEFAULT false;
