// Sends one GraphQL request to a shop's Admin API (ADMIN_API_VERSION) the way the sync engine needs:
// cost-aware (it waits until the shop's bucket can take the request, and says how long that
// will be so the worker can give a slot away instead of waiting in it), THROTTLED answers
// handled even when they come with HTTP 200, every failure classified as transient or
// rejected. Calls go through globalThis.fetch, so tests and the sandbox can route them.
//
// The cost model learns: every answer carries what Shopify asked of the bucket for the document
// (requestedQueryCost, on THROTTLED answers too), and from then on that figure, not the app's
// estimate, is what a request of the same document and shape reserves. Until a shape's cost is
// known, and after a THROTTLED answer, a request goes alone for its shop (the shop's other
// requests wait for its answer), so at most one request per shop is refused for cost at a time.
import { ADMIN_API_VERSION } from "../admin-api-version";
import { CostBucket, type BudgetLane, type ThrottleStatus } from "./cost-bucket";
import { ShopifyRejectedError, ShopifyTransientError } from "./shopify-errors";

export interface AdminRequest {
  shop: string;
  accessToken: string;
  query: string;
  operationName: string;
  variables: Record<string, unknown>;
  /**
   * Points the request is expected to cost: it is sent only once the bucket holds them. Requests
   * of one operation with the same estimate are taken to be of one shape, whose cost Shopify's
   * answers then teach.
   */
  estimatedCost: number;
  /** Parked retries draw on a bounded share of the shop's budget; a merchant's action goes first (cost-bucket.ts). */
  lane?: BudgetLane;
}

export interface AdminClientStats {
  requests: number;
  throttledAndRetried: number;
  throttledUnhandled: number;
  pointsSpent: number;
  /** Document shapes whose cost Shopify reported above the estimate. */
  costsRaised: number;
}

interface GraphqlAnswer {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { cost?: { requestedQueryCost?: number | null; actualQueryCost?: number | null; throttleStatus?: ThrottleStatus } };
}

/** One request's end, for the operator's metrics: answered, THROTTLED (cost or HTTP 429) or failed, and the points it cost. */
export interface AdminRequestReport {
  operationName: string;
  outcome: "ok" | "throttled" | "error";
  pointsSpent: number;
}

export interface AdminClientOptions {
  /** Told of every request sent, as it ends. */
  onRequest?: (report: AdminRequestReport) => void;
  /**
   * Told when a merchant's request starts, with the points it needs; the function it returns is
   * called when the request ends. For clients elsewhere that spend the same shops' budgets (the
   * worker thread's), which leave those points to the merchant meanwhile (holdForMerchant).
   */
  onMerchantRequest?: (shop: string, cost: number) => () => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  maxThrottleRetries?: number;
}

/** A document's shape: the operation, and the estimate the gateway derived from its switches and sizes. */
function costKey(request: Pick<AdminRequest, "operationName" | "estimatedCost">): string {
  return `${request.operationName}\u0000${request.estimatedCost}`;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class AdminGraphqlClient {
  readonly stats: AdminClientStats = { requests: 0, throttledAndRetried: 0, throttledUnhandled: 0, pointsSpent: 0, costsRaised: 0 };
  private readonly buckets = new Map<string, CostBucket>();
  /** Shopify's requested cost per document shape (costKey), as its answers reported it. */
  private readonly learnedCosts = new Map<string, number>();
  /** Per shop, the answer of the request that goes alone (see above). */
  private readonly probes = new Map<string, Promise<void>>();
  /** Shops whose last answer was THROTTLED: their next request goes alone. */
  private readonly throttledShops = new Set<string>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timeoutMs: number;
  private readonly maxThrottleRetries: number;
  private readonly onRequest: (report: AdminRequestReport) => void;
  private readonly onMerchantRequest: (shop: string, cost: number) => () => void;

  constructor(options: AdminClientOptions = {}) {
    this.onRequest = options.onRequest ?? (() => undefined);
    this.onMerchantRequest = options.onMerchantRequest ?? (() => () => undefined);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.maxThrottleRetries = options.maxThrottleRetries ?? 5;
  }

  private bucket(shop: string): CostBucket {
    let bucket = this.buckets.get(shop);
    if (!bucket) {
      bucket = new CostBucket(this.now);
      this.buckets.set(shop, bucket);
    }
    return bucket;
  }

  private async reserve(bucket: CostBucket, cost: number, lane: BudgetLane): Promise<void> {
    if (bucket.tryReserve(cost, lane)) return;
    const release = lane === "merchant" ? bucket.holdForMerchant(cost) : null;
    try {
      while (!bucket.tryReserve(cost, lane)) await this.sleep(bucket.delayFor(cost, lane));
    } finally {
      release?.();
    }
  }

  /** What a request of this shape reserves: Shopify's figure once known, the estimate until then. */
  private expectedCost(request: Pick<AdminRequest, "operationName" | "estimatedCost">): number {
    return this.learnedCosts.get(costKey(request)) ?? request.estimatedCost;
  }

  /**
   * Milliseconds until the shop's bucket (and, for parked retries, their allowance) can take a
   * request of this shape without waiting; 0 when it can now or the shop has not been seen yet.
   */
  budgetDelayMs(shop: string, request: Pick<AdminRequest, "operationName" | "estimatedCost">, lane: BudgetLane = "live"): number {
    return this.buckets.get(shop)?.delayFor(this.expectedCost(request), lane) ?? 0;
  }

  /**
   * A merchant's request of another client (another thread's) waits for the shop's budget: this
   * client's requests leave it `cost` points until the returned function is called.
   */
  holdForMerchant(shop: string, cost: number): () => void {
    return this.bucket(shop).holdForMerchant(cost);
  }

  /** Waits for the shop's lone request, if any; then takes the gate when this request must go alone. */
  private async passGate(request: AdminRequest): Promise<(() => void) | null> {
    for (let probe = this.probes.get(request.shop); probe; probe = this.probes.get(request.shop)) await probe;
    if (this.learnedCosts.has(costKey(request)) && !this.throttledShops.has(request.shop)) return null;
    let open!: () => void;
    this.probes.set(
      request.shop,
      new Promise<void>((resolve) => {
        open = resolve;
      }),
    );
    return () => {
      this.probes.delete(request.shop);
      open();
    };
  }

  private learn(request: AdminRequest, answer: GraphqlAnswer): void {
    const requested = answer.extensions?.cost?.requestedQueryCost;
    if (typeof requested !== "number" || !Number.isFinite(requested) || requested < 0) return;
    const key = costKey(request);
    if (requested > (this.learnedCosts.get(key) ?? request.estimatedCost)) this.stats.costsRaised += 1;
    this.learnedCosts.set(key, requested);
  }

  async request<T>(request: AdminRequest): Promise<T> {
    if (request.lane !== "merchant") return this.requestInBudget<T>(request);
    const announced = this.onMerchantRequest(request.shop, this.expectedCost(request));
    try {
      return await this.requestInBudget<T>(request);
    } finally {
      announced();
    }
  }

  private async requestInBudget<T>(request: AdminRequest): Promise<T> {
    const bucket = this.bucket(request.shop);
    const lane = request.lane ?? "live";
    for (let attempt = 0; ; attempt += 1) {
      const openGate = await this.passGate(request);
      let answer: GraphqlAnswer;
      try {
        const cost = this.expectedCost(request);
        await this.reserve(bucket, cost, lane);
        try {
          answer = await this.post(request);
        } catch (error) {
          bucket.settle(cost, null, lane);
          this.onRequest({ operationName: request.operationName, outcome: "error", pointsSpent: 0 });
          throw error;
        }
        this.learn(request, answer);
        const spent = answer.extensions?.cost?.actualQueryCost ?? 0;
        bucket.settle(cost, answer.extensions?.cost?.throttleStatus ?? null, lane, spent);
        this.stats.pointsSpent += spent;
      } finally {
        openGate?.();
      }
      const throttled = answer.errors?.some((error) => error.extensions?.code === "THROTTLED");
      this.onRequest({
        operationName: request.operationName,
        outcome: throttled ? "throttled" : answer.errors?.length ? "error" : "ok",
        pointsSpent: answer.extensions?.cost?.actualQueryCost ?? 0,
      });
      if (throttled) {
        this.throttledShops.add(request.shop);
        if (attempt >= this.maxThrottleRetries) {
          this.stats.throttledUnhandled += 1;
          throw new ShopifyTransientError(`${request.operationName}: throttled by Shopify ${attempt + 1} times`, true);
        }
        this.stats.throttledAndRetried += 1;
        continue;
      }
      this.throttledShops.delete(request.shop);
      if (answer.errors?.length) {
        const message = answer.errors.map((error) => error.message).join("; ");
        const internal = answer.errors.some((error) => error.extensions?.code === "INTERNAL_SERVER_ERROR");
        throw internal
          ? new ShopifyTransientError(`${request.operationName}: ${message}`)
          : new ShopifyRejectedError(`${request.operationName}: ${message}`);
      }
      return answer.data as T;
    }
  }

  private async post(request: AdminRequest): Promise<GraphqlAnswer> {
    this.stats.requests += 1;
    let response: Response;
    try {
      response = await fetch(`https://${request.shop}/admin/api/${ADMIN_API_VERSION}/graphql.json`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-Shopify-Access-Token": request.accessToken,
        },
        body: JSON.stringify({ query: request.query, operationName: request.operationName, variables: request.variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const refused = ((error as Error).cause as { code?: string } | undefined)?.code === "ECONNREFUSED";
      throw new ShopifyTransientError(`${request.operationName}: ${(error as Error).message}`, refused);
    }
    if (response.status === 429) {
      const retryAfter = Number(response.headers.get("retry-after"));
      await response.body?.cancel();
      await this.sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000);
      return { errors: [{ message: "Too many requests (HTTP 429)", extensions: { code: "THROTTLED" } }] };
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      throw new ShopifyTransientError(`${request.operationName}: Shopify answered HTTP ${response.status}`);
    }
    if (!response.ok) {
      const text = await response.text().catch(() => "");
      throw new ShopifyRejectedError(`${request.operationName}: Shopify answered HTTP ${response.status} ${text.slice(0, 200)}`);
    }
    try {
      return (await response.json()) as GraphqlAnswer;
    } catch (error) {
      throw new ShopifyTransientError(`${request.operationName}: unreadable answer (${(error as Error).message})`);
    }
  }
}
