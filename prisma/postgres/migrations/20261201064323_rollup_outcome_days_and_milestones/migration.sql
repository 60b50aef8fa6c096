-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "assignedEventAt" TIMESTAMP(3),
ADD COLUMN     "createdEventAt" TIMESTAMP(3),
ADD COLUMN     "deliveredEventAt" TIMESTAMP(3),
ADD COLUMN     "secondsFromAssigned" INTEGER,
ADD COLUMN     "secondsFromCreated" INTEGER;

-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN     "outcomeCountedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "outcomeDaysZone" TEXT;

-- CreateTable
CREATE TABLE "OutcomeDay" (
    "shop" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "events" INTEGER NOT NULL,
    "parcels" INTEGER NOT NULL,

    CONSTRAINT "OutcomeDay_pkey" PRIMARY KEY ("shop","date","topic")
);

-- CreateTable
CREATE TABLE "TimeToDeliverDay" (
    "shop" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "since" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "parcels" INTEGER NOT NULL,

    CONSTRAINT "TimeToDeliverDay_pkey" PRIMARY KEY ("shop","date","since","hour")
);

-- CreateIndex
CREATE INDEX "Delivery_shop_secondsFromCreated_deliveredEventAt_idx" ON "Delivery"("shop", "secondsFromCreated", "deliveredEventAt");

-- CreateIndex
CREATE INDEX "Delivery_shop_secondsFromAssigned_deliveredEventAt_idx" ON "Delivery"("shop", "secondsFromAssigned", "deliveredEventAt");

-- Backfill (hand-written): each delivery's milestones from the inbox events it already has. The
-- per-day counts need the shop's zone, so they are rebuilt on the shop's next overview
-- (Shop.outcomeDaysZone is null: app/overview/overview-rollup.server.ts).
UPDATE "Delivery" SET
  "createdEventAt" = (SELECT MIN(e."occurredAt") FROM "InboxEvent" e WHERE e."shop" = "Delivery"."shop" AND e."waybill" = "Delivery"."waybill" AND e."topic" = 'created'),
  "assignedEventAt" = (SELECT MIN(e."occurredAt") FROM "InboxEvent" e WHERE e."shop" = "Delivery"."shop" AND e."waybill" = "Delivery"."waybill" AND e."topic" = 'assigned'),
  "deliveredEventAt" = (SELECT MIN(e."occurredAt") FROM "InboxEvent" e WHERE e."shop" = "Delivery"."shop" AND e."waybill" = "Delivery"."waybill" AND e."topic" = 'completed');
UPDATE "Delivery" SET
  "secondsFromCreated" = CASE WHEN "createdEventAt" <= "deliveredEventAt"
    THEN CAST(ROUND(EXTRACT(EPOCH FROM ("deliveredEventAt" - "createdEventAt"))) AS INTEGER) END,
  "secondsFromAssigned" = CASE WHEN "assignedEventAt" <= "deliveredEventAt"
    THEN CAST(ROUND(EXTRACT(EPOCH FROM ("deliveredEventAt" - "assignedEventAt"))) AS INTEGER) END
WHERE "deliveredEventAt" IS NOT NULL;
