// `npm run demo -- --simulate`: a day of Wakilni traffic for the demo's orders, sent through
// the real webhook URL and signed with the shop's secret, so every screen has something to
// show. Most parcels are delivered; the others cover the ways a delivery goes wrong, and a
// few events arrive twice or out of order, as Wakilni's retries make them do.
import type { WakilniTopic } from "../app/wakilni/topics";
import { postWakilniEvent, specPayload, wakilniTimeText } from "./wakilni-sender";

const DELIVERED: WakilniTopic[] = ["created", "confirmed", "assigned", "processed", "completed"];

/** The journeys the demo's orders take, by position; the first one is the common case. */
const JOURNEYS: WakilniTopic[][] = [
  DELIVERED,
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

/** Which journey order `index` (0-based) of `count` takes: about 11 in 20 are plain deliveries. */
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

export async function simulateTraffic(options: {
  webhookUrl: string;
  secret: string;
  orderNames: string[];
  timeZone: string;
  pauseMs?: number;
  log: (line: string) => void;
}): Promise<{ sent: number; refused: number }> {
  // The day ends now, so the timeline reads as "earlier today".
  const plan = trafficPlan(options.orderNames, new Date(Date.now() - 8 * 3_600_000), options.timeZone);
  let refused = 0;
  for (const delivery of plan) {
    const answer = await postWakilniEvent(options.webhookUrl, options.secret, delivery.payload, delivery.attempt);
    const data = delivery.payload.data as { waybill: string };
    const retry = delivery.attempt > 1 ? ` (retry ${delivery.attempt})` : "";
    options.log(`  ${data.waybill} ${delivery.payload.event}${retry} → ${answer.status}`);
    if (answer.status >= 300) refused += 1;
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 100));
  }
  return { sent: plan.length, refused };
}
