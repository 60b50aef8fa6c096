// Counters that let tests and benchmarks see what the app cost Shopify: requests by kind,
// throttled answers, points requested and actually charged, and each shop's bucket now.
import type { ThrottleStatus } from "./bucket";
import type { GraphqlAnswer } from "./admin-graphql";
import type { EmulatorStore } from "./store";

interface ShopCounters {
  requests: number;
  queries: number;
  mutations: number;
  throttled: number;
  pointsRequested: number;
  pointsSpent: number;
}

export interface StatsSnapshot extends ShopCounters {
  /** GraphQL requests answered with an error before execution (invalid document, max cost). */
  rejected: number;
  faulted: number;
  shops: Record<string, ShopCounters & { bucket: ThrottleStatus }>;
}

function zero(): ShopCounters {
  return { requests: 0, queries: 0, mutations: 0, throttled: 0, pointsRequested: 0, pointsSpent: 0 };
}

export class EmulatorStats {
  private total = zero();
  private rejected = 0;
  private faulted = 0;
  private perShop = new Map<string, ShopCounters>();

  constructor(private readonly store: EmulatorStore) {}

  private counters(shop: string): ShopCounters[] {
    let counters = this.perShop.get(shop);
    if (!counters) this.perShop.set(shop, (counters = zero()));
    return [this.total, counters];
  }

  request(shop: string): void {
    for (const counters of this.counters(shop)) counters.requests++;
  }

  fault(): void {
    this.faulted++;
  }

  answered(shop: string, answer: GraphqlAnswer): void {
    if (answer.outcome === "rejected") {
      this.rejected++;
      return;
    }
    for (const counters of this.counters(shop)) {
      if (answer.operation === "mutation") counters.mutations++;
      else counters.queries++;
      if (answer.outcome === "throttled") counters.throttled++;
      counters.pointsRequested += answer.requestedCost;
      counters.pointsSpent += answer.actualCost;
    }
  }

  reset(): void {
    this.total = zero();
    this.rejected = 0;
    this.faulted = 0;
    this.perShop = new Map();
  }

  snapshot(): StatsSnapshot {
    const shops: StatsSnapshot["shops"] = {};
    for (const domain of this.store.shopDomains()) {
      const data = this.store.shopData(domain);
      if (data) shops[domain] = { ...(this.perShop.get(domain) ?? zero()), bucket: data.bucket.status() };
    }
    return { ...this.total, rejected: this.rejected, faulted: this.faulted, shops };
  }
}
