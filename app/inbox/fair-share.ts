// Which due waybills get the worker's free slots. One shop's backlog must not stall the others:
// slots go round-robin across the shops with due work, no shop holds more than its share of
// the slots, and a shop whose Shopify budget cannot take a request now is passed over until it
// can (its slot goes to another shop instead of waiting in the cost bucket). Pure: the worker
// feeds it the due waybills, what it runs and when each shop's budget allows more.

/** A waybill with due events; `parked` when every due event is a parked one (a retry of its order search). */
export interface DueWaybill {
  shop: string;
  waybill: string;
  parked: boolean;
}

/** The kinds of work whose Shopify budget is counted apart: live events, and parked retries (a bounded share). */
export type WorkLane = "live" | "parked";

export interface FairShareInput {
  /** Due waybills not running here, oldest due first (any number per shop). */
  due: readonly DueWaybill[];
  /** Slots each shop holds now. */
  running: ReadonlyMap<string, number>;
  concurrency: number;
  /** The shop served last, so the next round starts after it. */
  cursor: string | null;
  /** Epoch ms before which the shop's lane should not start work; a time ≤ now means ready. */
  readyAt: (shop: string, lane: WorkLane) => number;
  now: number;
}

export interface FairShareDecision {
  picks: DueWaybill[];
  /** The shop served last in this round (the next round's cursor). */
  cursor: string | null;
  /** The earliest time a shop passed over for its budget may start: when to look again. */
  wakeAt: number | null;
}

/**
 * A shop's share: the slots divided among the shops with work (due or running), rounded up so
 * no slot stays idle while work is due, at least one. A shop alone may use every slot; a second
 * shop's arrival caps the first at half.
 */
export function shopShare(concurrency: number, activeShops: number): number {
  return Math.max(1, Math.ceil(concurrency / Math.max(1, activeShops)));
}

export function fairShare(input: FairShareInput): FairShareDecision {
  const byShop = new Map<string, DueWaybill[]>();
  for (const waybill of input.due) {
    const queue = byShop.get(waybill.shop);
    if (queue) queue.push(waybill);
    else byShop.set(waybill.shop, [waybill]);
  }
  const active = new Set([...byShop.keys(), ...[...input.running].filter(([, held]) => held > 0).map(([shop]) => shop)]);
  const share = shopShare(input.concurrency, active.size);
  let free = input.concurrency - [...input.running.values()].reduce((sum, held) => sum + held, 0);

  // Shops in order of their oldest due waybill, turned so the one after the cursor comes first.
  const shops = [...byShop.keys()];
  const after = input.cursor === null ? -1 : shops.indexOf(input.cursor);
  const order = after < 0 ? shops : [...shops.slice(after + 1), ...shops.slice(0, after + 1)];

  const held = new Map(input.running);
  const picks: DueWaybill[] = [];
  let cursor = input.cursor;
  let wakeAt: number | null = null;
  const blocked = new Set<string>();
  const readiness = new Map<string, number>();
  const readyAt = (shop: string, lane: WorkLane) => {
    const key = `${lane}\u0000${shop}`;
    let at = readiness.get(key);
    if (at === undefined) readiness.set(key, (at = input.readyAt(shop, lane)));
    return at;
  };

  for (let progress = true; free > 0 && progress;) {
    progress = false;
    for (const shop of order) {
      if (free <= 0) break;
      if ((held.get(shop) ?? 0) >= share) continue;
      const queue = byShop.get(shop)!;
      const index = queue.findIndex((waybill) => !blocked.has(`${waybill.parked ? "parked" : "live"}\u0000${shop}`));
      if (index < 0) continue;
      const waybill = queue[index];
      const lane: WorkLane = waybill.parked ? "parked" : "live";
      const at = readyAt(shop, lane);
      if (at > input.now) {
        blocked.add(`${lane}\u0000${shop}`);
        wakeAt = wakeAt === null ? at : Math.min(wakeAt, at);
        progress = true; // the shop's other lane may still go
        continue;
      }
      queue.splice(index, 1);
      picks.push(waybill);
      held.set(shop, (held.get(shop) ?? 0) + 1);
      free -= 1;
      cursor = shop;
      progress = true;
    }
  }
  return { picks, cursor, wakeAt };
}
