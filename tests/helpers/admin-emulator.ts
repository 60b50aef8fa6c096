// For the Shopify Admin emulator's own tests (sandbox/shopify-admin-emulator/): an emulator on a
// controllable clock with one shop, and a client that speaks to it over real HTTP the way the
// app's Admin client does.
import { ADMIN_API_VERSION } from "../../app/admin-api-version";
import { startShopifyAdminEmulator, type EmulatorOptions, type ShopifyAdminEmulator } from "../../sandbox/shopify-admin-emulator/server";
import type { CreateShopInput } from "../../sandbox/shopify-admin-emulator/store";

export const SHOP = "wakilni-test.myshopify.com";
export const TOKEN = "shpat_test_token";

export interface GraphqlResult {
  status: number;
  headers: Headers;
  // Tests read arbitrary paths of the answer; asserting on them is the check.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  body: any;
}

export interface TestEmulator {
  emulator: ShopifyAdminEmulator;
  clock: { now: () => number; advance(ms: number): void };
  gql(
    query: string,
    variables?: Record<string, unknown>,
    init?: { token?: string; shop?: string; version?: string; signal?: AbortSignal },
  ): Promise<GraphqlResult>;
}

export async function startTestEmulator(
  options: Omit<EmulatorOptions, "now" | "shops"> & { shop?: Partial<CreateShopInput> } = {},
): Promise<TestEmulator> {
  let time = Date.parse("2026-11-28T10:00:00Z");
  const clock = { now: () => time, advance: (ms: number) => void (time += ms) };
  const { shop, ...rest } = options;
  const emulator = await startShopifyAdminEmulator({ ...rest, now: clock.now, shops: [{ shop: SHOP, accessToken: TOKEN, ...shop }] });
  return {
    emulator,
    clock,
    async gql(query, variables, init = {}) {
      const response = await fetch(`${emulator.origin}/admin/api/${init.version ?? ADMIN_API_VERSION}/graphql.json`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Shopify-Access-Token": init.token ?? TOKEN,
          "x-emulator-shop": init.shop ?? SHOP,
        },
        body: JSON.stringify({ query, variables }),
        signal: init.signal,
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
    },
  };
}
