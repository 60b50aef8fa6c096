// The worker's inbox store as the app runs it: the real store, with each event's outcome logged
// (one line per event applied, parked, retried or failed) and counted, and the worker slots each
// shop holds counted for /metrics. The worker itself only schedules (app/inbox/worker.ts); what it
// records passes through the store, so that is where the operator's view of it is taken, after the
// store has committed it.
import type { EventUpdate, InboxStore, WaybillKey } from "../inbox/worker";
import { logText, logger } from "./logger.server";
import { EVENT_OUTCOME_OF_STATE, observe } from "./metrics.server";

/** What a line says of the event besides its outcome; not the applied detail, which may name the driver. */
interface EventFacts {
  eventId: string;
  topic: string;
}

function logOutcome(key: WaybillKey, facts: EventFacts | undefined, update: EventUpdate): void {
  const line = {
    shop: key.shop,
    waybill: logText(key.waybill),
    event: logText(facts?.eventId),
    topic: logText(facts?.topic),
    inboxEvent: update.id,
  };
  switch (update.state) {
    case "applied":
      return logger.info(line, "event applied");
    case "parked":
      return logger.info({ ...line, reason: logText(update.reason), nextAttemptAt: update.nextAttemptAt }, "event parked");
    case "received":
      return logger.warn({ ...line, error: logText(update.error), nextAttemptAt: update.nextAttemptAt }, "event failed; will retry");
    case "failed":
      return logger.error({ ...line, error: logText(update.error) }, "event failed");
    case "dead":
      return logger.error({ ...line, error: logText(update.error) }, "event failed; retries exhausted");
  }
}

const waybillId = (key: WaybillKey) => `${key.shop}\u0000${key.waybill}`;

export function observedInboxStore(store: InboxStore): InboxStore {
  /** The events of each running waybill's batch (by inbox id), from startBatch until release, for the lines. */
  const batches = new Map<string, Map<number, EventFacts>>();
  return {
    dueWaybills: (now, limit, perShop) => store.dueWaybills(now, limit, perShop),
    async claim(key, owner, now, leaseMs) {
      const claimed = await store.claim(key, owner, now, leaseMs);
      if (claimed) observe({ kind: "slot", shop: key.shop, change: 1 });
      return claimed;
    },
    async startBatch(key, owner, now, limit) {
      const events = await store.startBatch(key, owner, now, limit);
      batches.set(
        waybillId(key),
        new Map(events.map((event) => [event.id, { eventId: event.wakilniEvent.eventId, topic: event.wakilniEvent.topicName }])),
      );
      return events;
    },
    renew: (key, owner, now, leaseMs) => store.renew(key, owner, now, leaseMs),
    async finish(key, owner, updates, now) {
      const held = await store.finish(key, owner, updates, now);
      if (!held) {
        logger.warn({ shop: key.shop, waybill: logText(key.waybill) }, "lease lost before finishing; another worker takes the events over");
        return held;
      }
      const batch = batches.get(waybillId(key));
      for (const update of updates) {
        logOutcome(key, batch?.get(update.id), update);
        observe({ kind: "event", outcome: EVENT_OUTCOME_OF_STATE[update.state] });
      }
      return held;
    },
    async release(key, owner) {
      batches.delete(waybillId(key));
      try {
        await store.release(key, owner);
      } finally {
        observe({ kind: "slot", shop: key.shop, change: -1 });
      }
    },
  };
}
