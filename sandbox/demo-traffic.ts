// `npm run demo -- --simulate`: Wakilni traffic for the demo's orders, sent through the real
// webhook URL and signed with the shop's secret, so every screen has something to show: three
// weeks of history (backdated events, inside the webhook's 30-day age window) so the overview's
// charts have days to draw, then today. Most parcels are delivered; the others cover the ways a
// delivery goes wrong, some are still on their way, a few waybills match no order, and a few
// events arrive twice or out of order, as Wakilni's retries make them do. A few webhooks are
// dropped on purpose: only the Wakilni API emulator learns those changes, for reconciliation to heal.
import { topicFromName, WAKILNI_TOPICS, type WakilniTopic } from "../app/wakilni/topics";
import { seededRandom } from "./seeded-random";
import { postWakilniEvent, specPayload, wakilniTimeText } from "./wakilni-sender";

const DELIVERED: WakilniTopic[] = ["created", "confirmed", "assigned", "processed", "completed"];

/** The journeys the demo's orders take, by position; the first one is the common case. */
const JOURNEYS: WakilniTopic[][] = [
  DELIVERED,
  // Still on their way at the end of the day: out for delivery, and with a driver.
  ["created", "confirmed", "assigned", "processed"],
  ["created", "confirmed", "assigned"],
  ["created", "confirmed", "assigned", "processed", "postponed", "processed", "completed"],
  ["created", "confirmed", "assigned", "postponed"],
  ["created", "confirmed", "assigned", "processed", "failed", "closed_failed"],
  ["created", "confirmed", "assigned", "processed", "failed", "processed", "completed"],
  ["created", "confirmed", "assigned", "processed", "completed_rejected"],
  ["created", "confirmed", "pending_cancelation", "canceled"],
  ["created", "confirmed", "assigned", "pending_cancelation", "canceled"],
  ["created", "declined"],
  ["created", "confirmed", "ready_for_pickup", "completed"],
];

const DRIVERS = [
  { name: "Karim Haddad", phone: "+961 70 123456" },
  { name: "Rania Khoury", phone: "+961 71 654321" },
  { name: "Omar Saad", phone: "+961 76 112233" },
];

export interface TrafficDelivery {
  payload: Record<string, unknown>;
  attempt: number;
}

/** Which journey order `index` (0-based) of `count` takes: about 9 in 20 are plain deliveries. */
function journeyOf(index: number, count: number): WakilniTopic[] {
  const unusual = JOURNEYS.length - 1;
  const offset = index - (count - unusual);
  return offset >= 0 ? JOURNEYS[1 + offset] : DELIVERED;
}

/**
 * Every delivery of the simulated day, in sending order: each order's steps 20 minutes apart
 * in Wakilni's local time, the orders interleaved round by round. Every fourth order gets one
 * delivery twice (a retry of an event already stored); every fifth has two steps swapped, the
 * earlier one arriving late as a retry.
 */
export function trafficPlan(orderNames: string[], start: Date, timeZone: string): TrafficDelivery[] {
  const perOrder = orderNames.map((waybill, index) => {
    const steps = journeyOf(index, orderNames.length).map((topic, step): TrafficDelivery => {
      const at = wakilniTimeText(new Date(start.getTime() + (index * 3 + step * 20) * 60_000), timeZone);
      const driver = DRIVERS[index % DRIVERS.length];
      return { payload: specPayload({ topic, waybill, orderId: 50_000 + index, at, driver }), attempt: 1 };
    });
    if (index % 5 === 4 && steps.length > 3) {
      const [late] = steps.splice(2, 1);
      steps.splice(3, 0, { ...late, attempt: 2 });
    }
    if (index % 4 === 3) steps.splice(2, 0, { ...steps[1], attempt: 2 });
    return steps;
  });
  const rounds = Math.max(...perOrder.map((steps) => steps.length));
  return Array.from({ length: rounds }, (_, round) => perOrder.flatMap((steps) => steps[round] ?? [])).flat();
}

const HOUR_MS = 3_600_000;

/** Waybills Wakilni knows and the shop does not: typed wrong, or another shop's parcel. */
export const UNMATCHED_WAYBILLS = ["WK-77310", "#10O4"];

/**
 * The weeks before today: one parcel per history order, the orders spread over `days` days up to
 * yesterday, each with a journey and durations drawn from a seeded generator (same run, same
 * history). Three in four are delivered, some after a failed attempt; the rest come back or are
 * canceled. Times are Wakilni's, so the charts count each parcel on the day it really ended.
 */
export function historyPlan(orderNames: string[], now: Date, timeZone: string, days = 21): TrafficDelivery[] {
  const random = seededRandom(2026);
  const plan: { at: number; delivery: TrafficDelivery }[] = [];
  orderNames.forEach((waybill, index) => {
    const daysAgo = days - Math.floor((index * days) / orderNames.length);
    let at = now.getTime() - daysAgo * 24 * HOUR_MS + (8 + random() * 4) * HOUR_MS;
    const roll = random();
    const journey: [WakilniTopic, number][] = [
      ["created", 0],
      ["confirmed", 0.5 + random()],
      ["assigned", 1 + random() * 6],
      ["processed", 1 + random() * 18],
    ];
    if (roll < 0.62) journey.push(["completed", 0.5 + random() * 5]);
    else if (roll < 0.76) journey.push(["failed", 1 + random() * 3], ["processed", 18 + random() * 6], ["completed", 1 + random() * 4]);
    else if (roll < 0.84) journey.push(["completed_rejected", 0.5 + random() * 2]);
    else if (roll < 0.9) journey.push(["failed", 2], ["closed_failed", 24 + random() * 24]);
    else journey.splice(2, 2, ["canceled", 2 + random() * 10]);
    const driver = DRIVERS[index % DRIVERS.length];
    for (const [topic, afterHours] of journey) {
      at += afterHours * HOUR_MS;
      // A journey that would end after now is still under way: it stops where it is.
      if (at > now.getTime() - HOUR_MS) break;
      const payload = specPayload({ topic, waybill, orderId: 40_000 + index, at: wakilniTimeText(new Date(at), timeZone), driver });
      plan.push({ at, delivery: { payload, attempt: 1 } });
    }
  });
  return plan.sort((a, b) => a.at - b.at).map((step) => step.delivery);
}

/** Which of the delivered parcels (in sending order, so the oldest history first) lose their Order Completed webhook. */
const DROPPED_COMPLETED = [1, 2, 5];

/** The deliveries --simulate drops on purpose: the Order Completed of a few parcels, whatever their order names. */
export function droppedDeliveries(plan: TrafficDelivery[]): (delivery: TrafficDelivery) => boolean {
  const isCompleted = ({ payload }: TrafficDelivery) => payload.event === WAKILNI_TOPICS.completed;
  const delivered = [...new Set(plan.filter(isCompleted).map(({ payload }) => (payload.data as { waybill: string }).waybill))];
  const waybills = new Set(DROPPED_COMPLETED.flatMap((index) => delivered[index] ?? []));
  return (delivery) => isCompleted(delivery) && waybills.has((delivery.payload.data as { waybill: string }).waybill);
}

/**
 * Tells the Wakilni API emulator every parcel's whole journey, dropped steps included, as Wakilni
 * knows them: an order per waybill, then its statuses in Wakilni's time order, each once.
 */
async function seedWakilniApi(wakilniApi: { origin: string; account: string }, plan: TrafficDelivery[]): Promise<void> {
  const journeys = new Map<string, Map<string, Record<string, unknown>>>();
  for (const { payload } of plan) {
    const waybill = (payload.data as { waybill: string }).waybill;
    const steps = journeys.get(waybill) ?? new Map<string, Record<string, unknown>>();
    steps.set(String(payload.event_id), payload);
    journeys.set(waybill, steps);
  }
  const control = async (path: string, body: Record<string, unknown>) => {
    const response = await fetch(`${wakilniApi.origin}/_emulator/${path}`, {
      method: "POST",
      body: JSON.stringify({ account: wakilniApi.account, ...body }),
    });
    if (!response.ok) throw new Error(`Wakilni API emulator ${path}: ${response.status} ${await response.text()}`);
  };
  for (const [waybill, steps] of journeys) {
    const ordered = [...steps.values()].sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
    for (const [step, payload] of ordered.entries()) {
      const data = payload.data as { order_id: number; driver_name?: string; driver_phone?: string };
      const status = topicFromName(String(payload.event));
      const at = payload.timestamp;
      const driver = data.driver_name ? { name: data.driver_name, phone: data.driver_phone } : undefined;
      if (step === 0) await control("orders", { waybill, wakilniOrderId: data.order_id, status, at });
      else await control("orders/advance", { waybill, status, at, driver });
    }
  }
}

export async function simulateTraffic(options: {
  webhookUrl: string;
  secret: string;
  orderNames: string[];
  /** Orders shipped in the weeks before today (see historyPlan); none by default. */
  historyOrderNames?: string[];
  timeZone: string;
  pauseMs?: number;
  /** The Wakilni API emulator's control endpoint and the demo's account there: it learns every journey. */
  wakilniApi?: { origin: string; account: string };
  log: (line: string) => void;
}): Promise<{ sent: number; refused: number; dropped: string[] }> {
  const now = new Date();
  const history = historyPlan(options.historyOrderNames ?? [], now, options.timeZone);
  // The day ends now, so the timeline reads as "earlier today".
  const today = trafficPlan(options.orderNames, new Date(now.getTime() - 8 * HOUR_MS), options.timeZone);
  const unmatched = UNMATCHED_WAYBILLS.flatMap((waybill, index) =>
    (["created", "assigned"] as const).map((topic, step) => ({
      payload: specPayload({
        topic,
        waybill,
        orderId: 60_000 + index,
        at: wakilniTimeText(new Date(now.getTime() - (3 - step) * HOUR_MS), options.timeZone),
      }),
      attempt: 1,
    })),
  );
  const everything = [...history, ...today, ...unmatched];
  if (options.wakilniApi) await seedWakilniApi(options.wakilniApi, everything);
  // Without the emulator nothing could heal a dropped webhook, so none is dropped.
  const isDropped = options.wakilniApi ? droppedDeliveries(everything) : () => false;
  const plan = everything.filter((delivery) => !isDropped(delivery));
  const dropped = everything.filter(isDropped).map(({ payload }) => `${(payload.data as { waybill: string }).waybill} ${payload.event}`);
  let refused = 0;
  for (const [index, delivery] of plan.entries()) {
    const answer = await postWakilniEvent(options.webhookUrl, options.secret, delivery.payload, delivery.attempt);
    const data = delivery.payload.data as { waybill: string };
    const retry = delivery.attempt > 1 ? ` (retry ${delivery.attempt})` : "";
    options.log(`  ${data.waybill} ${delivery.payload.event}${retry} → ${answer.status}`);
    if (answer.status >= 300) refused += 1;
    // History goes in quickly; today's events at a pace the screens can be watched following.
    await new Promise((resolve) => setTimeout(resolve, index < history.length ? 5 : (options.pauseMs ?? 100)));
  }
  return { sent: plan.length, refused, dropped };
}
