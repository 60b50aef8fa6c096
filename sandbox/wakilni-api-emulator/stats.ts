// What the app asked of the emulated Wakilni API, so tests and benchmarks can count calls per
// reconciled delivery and see rate limits respected: requests by route, and per account.
export const WAKILNI_ROUTES = ["authToken", "profile", "orderById", "orderByWaybill", "unknown"] as const;
export type WakilniRoute = (typeof WAKILNI_ROUTES)[number];

interface AccountCounters {
  requests: number;
  rateLimited: number;
}

export interface WakilniStatsSnapshot {
  requests: number;
  byRoute: Record<WakilniRoute, number>;
  faulted: number;
  /** Answered 401 for credentials no account has (faults not counted). */
  unauthorized: number;
  rateLimited: number;
  notFound: number;
  accounts: Record<string, AccountCounters>;
}

export class WakilniApiStats {
  private counts = WakilniApiStats.zero();

  private static zero(): WakilniStatsSnapshot {
    const byRoute = Object.fromEntries(WAKILNI_ROUTES.map((route) => [route, 0])) as Record<WakilniRoute, number>;
    return { requests: 0, byRoute, faulted: 0, unauthorized: 0, rateLimited: 0, notFound: 0, accounts: {} };
  }

  private account(id: string): AccountCounters {
    return (this.counts.accounts[id] ??= { requests: 0, rateLimited: 0 });
  }

  request(route: WakilniRoute): void {
    this.counts.requests += 1;
    this.counts.byRoute[route] += 1;
  }

  fault(): void {
    this.counts.faulted += 1;
  }

  unauthorized(): void {
    this.counts.unauthorized += 1;
  }

  accountRequest(id: string): void {
    this.account(id).requests += 1;
  }

  rateLimited(id: string): void {
    this.counts.rateLimited += 1;
    this.account(id).rateLimited += 1;
  }

  notFound(): void {
    this.counts.notFound += 1;
  }

  reset(): void {
    this.counts = WakilniApiStats.zero();
  }

  snapshot(): WakilniStatsSnapshot {
    return structuredClone(this.counts);
  }
}
