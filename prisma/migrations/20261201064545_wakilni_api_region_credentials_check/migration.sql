-- AlterTable (hand-written: appended, so SQLite keeps the table instead of rebuilding it)
ALTER TABLE "Shop" ADD COLUMN "wakilniRegion" TEXT NOT NULL DEFAULT 'lebanon';
ALTER TABLE "Shop" ADD COLUMN "apiKeySealed" TEXT;
ALTER TABLE "Shop" ADD COLUMN "apiKeyLast4" TEXT;
ALTER TABLE "Shop" ADD COLUMN "apiSecretSealed" TEXT;
ALTER TABLE "Shop" ADD COLUMN "apiSecretLast4" TEXT;
ALTER TABLE "Shop" ADD COLUMN "wakilniApiCheckedAt" DATETIME;
ALTER TABLE "Shop" ADD COLUMN "wakilniApiOutcome" TEXT;
ALTER TABLE "Shop" ADD COLUMN "wakilniApiAccount" TEXT;
ALTER TABLE "Shop" ADD COLUMN "wakilniApiDetail" TEXT;
