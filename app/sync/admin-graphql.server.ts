// Sends one GraphQL request to a shop's Admin API (ADMIN_API_VERSION) the way the sync engine needs:
// cost-aware (it waits until the shop's bucket can take the request), THROTTLED answers
// handled even when they come with HTTP 200, every failure classified as transient or
// rejected. Calls go through globalThis.fetch, so tests and the sandbox can route them.
import { ADMIN_API_VERSION } from "../admin-api-version";
import { CostBucket, type ThrottleStatus } from "./cost-bucket";
import { ShopifyRejectedError, ShopifyTransientError } from "./shopify-errors";

export interface AdminRequest {
  shop: string;
  accessToken: string;
  query: string;
  operationName: string;
  variables: Record<string, unknown>;
  /** Points the request is expected to cost: it is sent only once the bucket holds them. */
  estimatedCost: number;
}

export interface AdminClientStats {
  requests: number;
  throttledAndRetried: number;
  throttledUnhandled: number;
  pointsSpent: number;
}

interface GraphqlAnswer {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { cost?: { actualQueryCost?: number | null; throttleStatus?: ThrottleStatus } };
}

export interface AdminClientOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  maxThrottleRetries?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class AdminGraphqlClient {
  readonly stats: AdminClientStats = { requests: 0, throttledAndRetried: 0, throttledUnhandled: 0, pointsSpent: 0 };
  private readonly buckets = new Map<string, CostBucket>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timeoutMs: number;
  private readonly maxThrottleRetries: number;

  constructor(options: AdminClientOptions = {}) {
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

  private async reserve(bucket: CostBucket, cost: number): Promise<void> {
    while (!bucket.tryReserve(cost)) await this.sleep(bucket.delayFor(cost));
  }

  async request<T>(request: AdminRequest): Promise<T> {
    const bucket = this.bucket(request.shop);
    for (let attempt = 0; ; attempt += 1) {
      await this.reserve(bucket, request.estimatedCost);
      let answer: GraphqlAnswer;
      try {
        answer = await this.send(request);
      } catch (error) {
        bucket.settle(request.estimatedCost, null);
        throw error;
      }
      const status = answer.extensions?.cost?.throttleStatus ?? null;
      bucket.settle(request.estimatedCost, status);
      this.stats.pointsSpent += answer.extensions?.cost?.actualQueryCost ?? 0;
      const throttled = answer.errors?.some((error) => error.extensions?.code === "THROTTLED");
      if (throttled) {
        if (attempt >= this.maxThrottleRetries) {
          this.stats.throttledUnhandled += 1;
          throw new ShopifyTransientError(`${request.operationName}: throttled by Shopify ${attempt + 1} times`, true);
        }
        this.stats.throttledAndRetried += 1;
        continue;
      }
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

  private async send(request: AdminRequest): Promise<GraphqlAnswer> {
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
