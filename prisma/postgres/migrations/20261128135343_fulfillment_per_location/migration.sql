-- AlterTable: the single fulfillment id becomes a JSON array of the app's fulfillments.
ALTER TABLE "Delivery" ADD COLUMN "fulfillmentIds" TEXT NOT NULL DEFAULT '[]';
UPDATE "Delivery" SET "fulfillmentIds" = json_build_array("fulfillmentId")::text WHERE "fulfillmentId" IS NOT NULL;
ALTER TABLE "Delivery" DROP COLUMN "fulfillmentId";
