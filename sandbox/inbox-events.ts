// Builds stored inbox events directly, for tests and benchmarks of the worker and the sync
// engine that do not need to go through the webhook endpoint.
import { randomUUID } from "node:crypto";
import { prisma } from "../app/db.server";
import { storeReceivedEvent } from "../app/inbox/inbox-store.server";
import { WAKILNI_TOPICS, type WakilniTopic } from "../app/wakilni/topics";
import type { WakilniEvent } from "../app/wakilni/event";

export function wakilniEvent(overrides: Partial<WakilniEvent> & { topic: WakilniTopic; waybill: string; occurredAt: Date }): WakilniEvent {
  const text = overrides.occurredAt.toISOString().replace("T", " ").slice(0, 19);
  return {
    eventId: randomUUID(),
    topicName: WAKILNI_TOPICS[overrides.topic],
    wakilniOrderId: "5001",
    occurredAtText: text,
    timestampText: text,
    newStatus: null,
    previousStatus: null,
    driver: null,
    pickupLocation: null,
    ...overrides,
  };
}

/** The JSON body Wakilni would have sent for the event (third shape of the spec, UTC times). */
export function wakilniBody(event: WakilniEvent): string {
  return JSON.stringify({
    event_id: event.eventId,
    event: event.topicName,
    timestamp: event.timestampText,
    data: {
      order_id: Number(event.wakilniOrderId),
      waybill: event.waybill,
      updated_at: event.occurredAtText,
      ...(event.driver ? { driver_name: event.driver.name, driver_phone: event.driver.phone } : {}),
      ...(event.pickupLocation ? { location: [event.pickupLocation.officeName, event.pickupLocation.phone] } : {}),
    },
  });
}

export async function storeEvent(shop: string, event: WakilniEvent, receivedAt = new Date()) {
  await storeReceivedEvent({
    shop,
    event,
    rawBody: wakilniBody(event),
    wakilniZone: "UTC",
    headers: { webhookId: "wh-1", wakilniRequestId: randomUUID(), attemptNumber: 1, source: "https://api.wakilni.com" },
    receivedAt,
  });
  return prisma.inboxEvent.findUniqueOrThrow({ where: { shop_eventId: { shop, eventId: event.eventId } } });
}
