-- CreateTable
CREATE TABLE "CashDay" (
    "shop" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "currencyCode" TEXT NOT NULL,
    "thousandths" BIGINT NOT NULL,
    "orders" INTEGER NOT NULL,

    PRIMARY KEY ("shop", "date", "currencyCode")
);

-- The cash days are counted by the rollup's rebuild (app/overview/overview-rollup.server.ts): every
-- shop's rows are marked as counted in no zone, so its next overview rebuilds them, cash included.
UPDATE "Shop" SET "outcomeDaysZone" = NULL;
