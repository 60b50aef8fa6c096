-- AlterTable (hand-written: appended, so SQLite keeps the table instead of rebuilding it)
ALTER TABLE "Shop" ADD COLUMN "showDriverPhoneToBuyers" BOOLEAN NOT NULL DEFAULT false;
