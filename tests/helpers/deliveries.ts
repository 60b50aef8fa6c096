// Builds deliveries and their timelines directly, for tests of the pages that read them
// without running the sync engine.
import type { Prisma } from "@prisma/client";
import { prisma } from "../../app/db.server";

export function createDelivery(shop: string, fields: Omit<Prisma.DeliveryUncheckedCreateInput, "shop">) {
  return prisma.delivery.create({ data: { shop, ...fields } });
}

export function addTimelineEntry(deliveryId: number, fields: Omit<Prisma.TimelineEntryUncheckedCreateInput, "deliveryId">) {
  return prisma.timelineEntry.create({ data: { deliveryId, ...fields } });
}
