// The WakilniApi port over HTTP: the only code that knows Wakilni's paths, fields and auth, all
// assumed from public third-party code and recorded in docs/decisions/020-wakilni-api-assumptions.md.
// A key/secret pair is exchanged for a bearer token, cached per credentials until Wakilni refuses
// it; without a pair the app token is sent as the bearer. Every answer is validated and every
// failure classified into WakilniApiFailure. Fetch, clock and timeout are injected; plain
// TypeScript, no Remix, Prisma or Shopify.
import { createHash } from "node:crypto";
import { z } from "zod";
import type {
  WakilniAccount,
  WakilniApi,
  WakilniApiCredentials,
  WakilniApiFailure,
  WakilniApiResult,
  WakilniOrderReference,
  WakilniOrderSnapshot,
  WakilniStatusChange,
} from "./wakilni-api";

const WAKILNI_API_PATHS = {
  authToken: "/api/v2/third_party/auth_token",
  profile: "/api/v2/clients/profile",
  orderById: (id: string) => `/api/v2/clients/orders/${encodeURIComponent(id)}`,
  orderByWaybill: (waybill: string) => `/api/v2/clients/orders/status?waybill=${encodeURIComponent(waybill)}`,
} as const;

/** Wakilni sends ids and codes as numbers; a PHP backend may as well send them as numeric strings. */
const numberLike = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

const driverAnswer = z.object({ name: z.string().nullish(), phone: z.string().nullish() }).nullish();

const statusAnswer = { status: z.string().min(1), status_code: numberLike.nullish(), driver: driverAnswer };

const tokenAnswer = z.object({ token: z.string().min(1), expires_in: z.number().positive().optional() });

const profileAnswer = z.object({ data: z.object({ name: z.string().nullish() }) });

const orderAnswer = z.object({
  data: z.object({
    order_id: z.union([z.number().int(), z.string().min(1)]),
    waybill: z.string().min(1),
    tracking_url: z.string().nullish(),
    ...statusAnswer,
    updated_at: z.string().min(1),
    status_history: z.array(z.object({ ...statusAnswer, created_at: z.string().min(1) })).optional(),
  }),
});

/** Bearer tokens outlive one adapter (one is made per request): shared per process, keyed by who asked where. */
export class WakilniBearerTokens {
  private tokens = new Map<string, { token: string; expiresAt: number | null }>();

  constructor(private readonly maxEntries = 10_000) {}

  static key(baseUrl: string, apiKey: string, apiSecret: string): string {
    return createHash("sha256").update(`${baseUrl}\n${apiKey}\n${apiSecret}`).digest("base64url");
  }

  get(key: string, now: number): string | null {
    const entry = this.tokens.get(key);
    if (!entry) return null;
    if (entry.expiresAt !== null && entry.expiresAt <= now) {
      this.tokens.delete(key);
      return null;
    }
    return entry.token;
  }

  set(key: string, token: string, expiresAt: number | null): void {
    this.tokens.delete(key);
    if (this.tokens.size >= this.maxEntries) this.tokens.delete(this.tokens.keys().next().value!);
    this.tokens.set(key, { token, expiresAt });
  }

  forget(key: string): void {
    this.tokens.delete(key);
  }
}

export interface HttpWakilniApiOptions {
  credentials: WakilniApiCredentials;
  /** From wakilniApiBaseUrl(region, override). */
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  now: () => number;
  /** Each request, body included, is abandoned after this long. */
  timeoutMs: number;
  tokens: WakilniBearerTokens;
}

/** The credentials can reach the API: a key/secret pair, or at least the app token. */
export function hasWakilniApiCredentials(credentials: WakilniApiCredentials): boolean {
  return Boolean((credentials.apiKey && credentials.apiSecret) || credentials.appToken);
}

type Answer = { status: number; headers: Headers; text: string };
type Bearer = { token: string; cached: boolean };

const failed = (failure: WakilniApiFailure): { ok: false; failure: WakilniApiFailure } => ({ ok: false, failure });

/** A token expiring within this margin is exchanged again rather than sent. */
const EXPIRY_MARGIN_MS = 30_000;

export class HttpWakilniApi implements WakilniApi {
  private readonly pair: { apiKey: string; apiSecret: string; cacheKey: string } | null;

  constructor(private readonly options: HttpWakilniApiOptions) {
    const { apiKey, apiSecret } = options.credentials;
    if (!hasWakilniApiCredentials(options.credentials)) throw new Error("Wakilni API: neither a key/secret pair nor an app token");
    this.pair = apiKey && apiSecret ? { apiKey, apiSecret, cacheKey: WakilniBearerTokens.key(options.baseUrl, apiKey, apiSecret) } : null;
  }

  async checkCredentials(): Promise<WakilniApiResult<WakilniAccount>> {
    const answer = await this.authorized(WAKILNI_API_PATHS.profile, profileAnswer, false);
    return answer.ok ? { ok: true, value: { name: answer.value.data.name ?? null } } : answer;
  }

  async fetchOrder(reference: WakilniOrderReference): Promise<WakilniApiResult<WakilniOrderSnapshot>> {
    const path =
      "waybill" in reference ? WAKILNI_API_PATHS.orderByWaybill(reference.waybill) : WAKILNI_API_PATHS.orderById(reference.wakilniOrderId);
    const answer = await this.authorized(path, orderAnswer, true);
    if (!answer.ok) return answer;
    const order = answer.value.data;
    const asked =
      "waybill" in reference
        ? { field: "waybill", want: reference.waybill, got: order.waybill }
        : { field: "order_id", want: reference.wakilniOrderId, got: String(order.order_id) };
    if (asked.want !== asked.got) {
      return failed({ kind: "unexpected_answer", status: 200, detail: `asked for ${asked.field} ${asked.want}, got ${asked.got}` });
    }
    const current = statusChange(order, order.updated_at);
    const history = (order.status_history ?? [order]).map((entry) =>
      statusChange(entry, "created_at" in entry ? entry.created_at : order.updated_at),
    );
    // Oldest first whatever order Wakilni lists them in; the local time texts sort as strings.
    history.sort((a, b) => (a.occurredAtText < b.occurredAtText ? -1 : a.occurredAtText > b.occurredAtText ? 1 : 0));
    return {
      ok: true,
      value: { wakilniOrderId: String(order.order_id), waybill: order.waybill, trackingUrl: order.tracking_url ?? null, current, history },
    };
  }

  /** A GET with the bearer; a cached token Wakilni refuses is exchanged again once. */
  private async authorized<S extends z.ZodTypeAny>(path: string, schema: S, lookup: boolean): Promise<WakilniApiResult<z.output<S>>> {
    const bearer = await this.bearer();
    if (!bearer.ok) return bearer;
    let answer = await this.get(path, bearer.value.token);
    if (answer.ok && isRefusal(answer.value.status) && this.pair) {
      this.options.tokens.forget(this.pair.cacheKey);
      if (bearer.value.cached) {
        const fresh = await this.bearer();
        if (!fresh.ok) return fresh;
        answer = await this.get(path, fresh.value.token);
      }
    }
    return answer.ok ? this.read(answer.value, schema, lookup) : answer;
  }

  private async bearer(): Promise<WakilniApiResult<Bearer>> {
    if (!this.pair) return { ok: true, value: { token: this.options.credentials.appToken!, cached: false } };
    const { apiKey, apiSecret, cacheKey } = this.pair;
    const cached = this.options.tokens.get(cacheKey, this.options.now() + EXPIRY_MARGIN_MS);
    if (cached) return { ok: true, value: { token: cached, cached: true } };
    const query = new URLSearchParams({ key: apiKey, secret: apiSecret });
    const answer = await this.get(`${WAKILNI_API_PATHS.authToken}?${query}`, null);
    if (!answer.ok) return answer;
    const token = this.read(answer.value, tokenAnswer, false);
    if (!token.ok) return token;
    const { expires_in: expiresIn } = token.value;
    this.options.tokens.set(cacheKey, token.value.token, expiresIn ? this.options.now() + expiresIn * 1000 : null);
    return { ok: true, value: { token: token.value.token, cached: false } };
  }

  private async get(path: string, bearer: string | null): Promise<WakilniApiResult<Answer>> {
    const { timeoutMs } = this.options;
    try {
      const response = await this.options.fetch(`${this.options.baseUrl}${path}`, {
        headers: { Accept: "application/json", ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "error",
      });
      return { ok: true, value: { status: response.status, headers: response.headers, text: await response.text() } };
    } catch (error) {
      return failed({ kind: "unreachable", detail: unreachableDetail(error, timeoutMs) });
    }
  }

  private read<S extends z.ZodTypeAny>(answer: Answer, schema: S, lookup: boolean): WakilniApiResult<z.output<S>> {
    const { status, text } = answer;
    if (isRefusal(status)) return failed({ kind: "refused", status, detail: messageOf(text) ?? `HTTP ${status}` });
    if (status === 404 && lookup) return failed({ kind: "not_found" });
    if (status === 429)
      return failed({ kind: "rate_limited", retryAfterSeconds: retryAfterSeconds(answer.headers.get("retry-after"), this.options.now()) });
    if (status >= 500) return failed({ kind: "server_error", status });
    if (status < 200 || status > 299) return failed({ kind: "unexpected_answer", status, detail: messageOf(text) ?? `HTTP ${status}` });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return failed({ kind: "unexpected_answer", status, detail: `not JSON: ${JSON.stringify(text.slice(0, 60))}` });
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return { ok: true, value: parsed.data as z.output<S> };
    const issue = parsed.error.issues[0];
    return failed({ kind: "unexpected_answer", status, detail: `${issue.path.join(".") || "answer"}: ${issue.message}` });
  }
}

function isRefusal(status: number): boolean {
  return status === 401 || status === 403;
}

function statusChange(
  entry: z.output<typeof orderAnswer>["data"] | NonNullable<z.output<typeof orderAnswer>["data"]["status_history"]>[number],
  at: string,
): WakilniStatusChange {
  const driver =
    entry.driver && (entry.driver.name || entry.driver.phone)
      ? { name: entry.driver.name ?? null, phone: entry.driver.phone ?? null }
      : null;
  return { statusName: entry.status, statusCode: entry.status_code ?? null, occurredAtText: at, driver };
}

/** Wakilni's own words for an error, when its body is JSON with a message. */
function messageOf(text: string): string | null {
  try {
    const body: unknown = JSON.parse(text);
    const message = body && typeof body === "object" ? (body as { message?: unknown }).message : undefined;
    return typeof message === "string" && message ? message.slice(0, 200) : null;
  } catch {
    return null;
  }
}

/** Retry-After in seconds or as an HTTP date (RFC 9110); null when absent or unreadable. */
function retryAfterSeconds(header: string | null, now: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function unreachableDetail(error: unknown, timeoutMs: number): string {
  const name = (error as Error | undefined)?.name;
  if (name === "TimeoutError" || name === "AbortError") return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === "string") return cause.code;
  return String(cause?.message ?? (error as Error | undefined)?.message ?? error);
}
