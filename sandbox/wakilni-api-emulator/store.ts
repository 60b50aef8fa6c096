// The Wakilni API emulator's world: client accounts (an app token, a key/secret pair, or both;
// bearer tokens issued to them; a rate limit each) and their orders, each with the merchant's
// waybill, Wakilni's order id, a tracking id and a status history. Tests and the demo add orders
// and advance statuses here, so the API can know changes whose webhooks never arrived.
import { randomBytes } from "node:crypto";
import { WAKILNI_STATUSES } from "../../app/wakilni/statuses";
import type { WakilniTopic } from "../../app/wakilni/topics";
import { LeakyBucket } from "../shopify-admin-emulator/bucket";
import { wakilniOrderIdFor, wakilniTimeText } from "../wakilni-sender";

/**
 * The numeric code the emulated API gives each status: the API page's constants (PENDING=1 …
 * PENDING_CANCELLATION=10) where one fits, none for assigned or ready for pickup. The app never
 * acts on these; they are here so its adapter meets codes that disagree with the webhook sample.
 */
const STATUS_CODES: Readonly<Record<WakilniTopic, number | null>> = {
  created: 1,
  confirmed: 2,
  assigned: null,
  processed: 3,
  completed: 4,
  completed_rejected: 4,
  failed: 5,
  declined: 6,
  canceled: 7,
  closed_failed: 8,
  postponed: 9,
  pending_cancelation: 10,
  ready_for_pickup: null,
};

export interface RateLimitOptions {
  /** Requests an account may make at once. */
  burst?: number;
  /** Requests per second it earns back. */
  perSecond?: number;
}

export interface CreateAccountInput {
  /** The emulator's handle for the account (tests and control endpoints name it). */
  id: string;
  /** What the profile answer calls the client; null leaves the name out. */
  name?: string | null;
  /** A token accepted directly as a bearer (the integration's app token). */
  appToken?: string | null;
  /** The pair exchanged for a bearer at /api/v2/third_party/auth_token. */
  apiKey?: string | null;
  apiSecret?: string | null;
  rateLimit?: RateLimitOptions;
}

export interface AccountRecord {
  id: string;
  name: string | null;
  appToken: string | null;
  apiKey: string | null;
  apiSecret: string | null;
  bucket: LeakyBucket;
}

export interface Driver {
  name: string;
  phone: string;
}

export interface StatusEntry {
  topic: WakilniTopic;
  code: number | null;
  name: string;
  /** Wakilni local time, no zone ("2026-11-28 12:00:00"). */
  at: string;
  driver: Driver | null;
}

export interface OrderRecord {
  account: string;
  wakilniOrderId: number;
  waybill: string;
  trackingId: string;
  /** undefined: the server's own tracking page; null: Wakilni gives none. */
  trackingUrl?: string | null;
  /** Oldest first; never empty. */
  history: StatusEntry[];
}

export interface CreateOrderInput {
  account: string;
  waybill: string;
  /** Defaults to the id the webhook sender gives the waybill, so both sides agree. */
  wakilniOrderId?: number;
  /** The first status; defaults to created. */
  status?: WakilniTopic;
  at?: string;
  trackingUrl?: string | null;
}

export type OrderReference = { waybill: string } | { wakilniOrderId: number };

export interface AdvanceInput {
  status: WakilniTopic;
  at?: string;
  driver?: Driver;
}

function knownTopic(topic: string): topic is WakilniTopic {
  return Object.hasOwn(WAKILNI_STATUSES, topic);
}

export class WakilniApiStore {
  private accounts = new Map<string, AccountRecord>();
  private bearers = new Map<string, string>();
  private orders: OrderRecord[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  createAccount(input: CreateAccountInput): AccountRecord {
    if (!input.id) throw new Error("emulator: an account needs an id");
    if (this.accounts.has(input.id)) throw new Error(`emulator: account ${input.id} exists`);
    if (!input.appToken && !(input.apiKey && input.apiSecret)) {
      throw new Error(`emulator: account ${input.id} needs an appToken or an apiKey/apiSecret pair`);
    }
    const account: AccountRecord = {
      id: input.id,
      name: input.name === undefined ? `${input.id} (Wakilni client)` : input.name,
      appToken: input.appToken ?? null,
      apiKey: input.apiKey ?? null,
      apiSecret: input.apiSecret ?? null,
      bucket: new LeakyBucket({ maximumAvailable: input.rateLimit?.burst ?? 20, restoreRate: input.rateLimit?.perSecond ?? 10 }, this.now),
    };
    this.accounts.set(account.id, account);
    return account;
  }

  account(id: string): AccountRecord {
    const account = this.accounts.get(id);
    if (!account) throw new Error(`emulator: unknown account ${id}`);
    return account;
  }

  /** A new bearer token for the pair, or null when no account has it. */
  exchange(apiKey: string, apiSecret: string): { account: AccountRecord; token: string } | null {
    for (const account of this.accounts.values()) {
      if (account.apiKey && account.apiKey === apiKey && account.apiSecret === apiSecret) {
        const token = `wk_bearer_${randomBytes(18).toString("base64url")}`;
        this.bearers.set(token, account.id);
        return { account, token };
      }
    }
    return null;
  }

  /** The account a bearer token belongs to: one it was issued, or an account's app token. */
  accountForBearer(token: string): AccountRecord | null {
    const issued = this.bearers.get(token);
    if (issued) return this.accounts.get(issued) ?? null;
    for (const account of this.accounts.values()) if (account.appToken && account.appToken === token) return account;
    return null;
  }

  /** Forgets every bearer issued to the account, as an expiry or a revocation would: the next use is refused. */
  revokeBearers(accountId: string): number {
    let revoked = 0;
    for (const [token, owner] of this.bearers) {
      if (owner === accountId) {
        this.bearers.delete(token);
        revoked += 1;
      }
    }
    return revoked;
  }

  private entry(topic: string, at: string | undefined, driver: Driver | null): StatusEntry {
    if (!knownTopic(topic)) throw new Error(`emulator: unknown status ${topic}`);
    return {
      topic,
      code: STATUS_CODES[topic],
      name: WAKILNI_STATUSES[topic].apiStatusNames[0],
      at: at ?? wakilniTimeText(new Date(this.now())),
      driver,
    };
  }

  createOrder(input: CreateOrderInput): OrderRecord {
    this.account(input.account);
    if (!input.waybill) throw new Error("emulator: an order needs a waybill");
    if (this.orders.some((order) => order.account === input.account && order.waybill === input.waybill)) {
      throw new Error(`emulator: waybill ${input.waybill} exists for ${input.account}`);
    }
    const wakilniOrderId = input.wakilniOrderId ?? wakilniOrderIdFor(input.waybill);
    if (this.orders.some((order) => order.wakilniOrderId === wakilniOrderId))
      throw new Error(`emulator: order id ${wakilniOrderId} exists`);
    const order: OrderRecord = {
      account: input.account,
      wakilniOrderId,
      waybill: input.waybill,
      trackingId: `WK${String(wakilniOrderId).padStart(8, "0")}`,
      ...(input.trackingUrl !== undefined ? { trackingUrl: input.trackingUrl } : {}),
      history: [this.entry(input.status ?? "created", input.at, null)],
    };
    this.orders.push(order);
    return order;
  }

  findOrder(accountId: string, reference: OrderReference): OrderRecord | null {
    return (
      this.orders.find(
        (order) =>
          order.account === accountId &&
          ("waybill" in reference ? order.waybill === reference.waybill : order.wakilniOrderId === reference.wakilniOrderId),
      ) ?? null
    );
  }

  /** Appends a status change; the driver stays with the order until another is assigned. */
  advance(accountId: string, reference: OrderReference, input: AdvanceInput): OrderRecord {
    const order = this.findOrder(accountId, reference);
    if (!order) throw new Error(`emulator: no order ${JSON.stringify(reference)} for ${accountId}`);
    const driver = input.driver ?? order.history.at(-1)!.driver;
    order.history.push(this.entry(input.status, input.at, driver));
    return order;
  }

  ordersOf(accountId: string): OrderRecord[] {
    this.account(accountId);
    return this.orders.filter((order) => order.account === accountId);
  }
}
