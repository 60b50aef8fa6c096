-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "apiKeyLast4" TEXT,
ADD COLUMN     "apiKeySealed" TEXT,
ADD COLUMN     "apiSecretLast4" TEXT,
ADD COLUMN     "apiSecretSealed" TEXT,
ADD COLUMN     "wakilniApiAccount" TEXT,
ADD COLUMN     "wakilniApiCheckedAt" TIMESTAMP(3),
ADD COLUMN     "wakilniApiDetail" TEXT,
ADD COLUMN     "wakilniApiOutcome" TEXT,
ADD COLUMN     "wakilniRegion" TEXT NOT NULL DEFAULT 'lebanon';
