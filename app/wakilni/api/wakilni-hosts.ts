// Where each region's Wakilni API lives (wiki.wakilni.com/integrations/api, ../../shared
// wakilni.md): the one owner of the hosts. A deploy, the demo or a test may send every region to
// one other base URL (WAKILNI_API_BASE_URL), which is how they reach the sandbox's emulator.
import type { WakilniRegion } from "./wakilni-api";

/** In the order the settings page offers them. */
export const WAKILNI_REGIONS = ["lebanon", "jordan", "test"] as const satisfies readonly WakilniRegion[];

export const DEFAULT_WAKILNI_REGION: WakilniRegion = "lebanon";

export const WAKILNI_API_HOSTS: Readonly<Record<WakilniRegion, string>> = {
  lebanon: "https://api.wakilni.com",
  jordan: "https://jordan-api.wakilni.com",
  test: "https://api-dev.wakilni.com",
};

export function isWakilniRegion(value: unknown): value is WakilniRegion {
  return typeof value === "string" && Object.hasOwn(WAKILNI_API_HOSTS, value);
}

/** The region stored on a shop row, read back; an unknown value (a removed region) falls back to the default. */
export function wakilniRegionFrom(value: string): WakilniRegion {
  return isWakilniRegion(value) ? value : DEFAULT_WAKILNI_REGION;
}

/** The base URL the adapter calls for the region: the override when one is set, else the region's host. */
export function wakilniApiBaseUrl(region: WakilniRegion, override?: string | null): string {
  return (override || WAKILNI_API_HOSTS[region]).replace(/\/+$/, "");
}
