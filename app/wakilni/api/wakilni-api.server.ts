// The app's one way to get a WakilniApi for a shop's credentials: the HTTP adapter with the
// process's fetch, clock, timeout, base-URL override and bearer-token cache.
import { env } from "../../env.server";
import { HttpWakilniApi, WakilniBearerTokens } from "./http-wakilni-api";
import type { WakilniApi, WakilniApiCredentials } from "./wakilni-api";
import { wakilniApiBaseUrl } from "./wakilni-hosts";

const tokens = new WakilniBearerTokens();

/** Throws when the credentials hold neither a key/secret pair nor an app token (see hasWakilniApiCredentials). */
export function wakilniApiFor(credentials: WakilniApiCredentials): WakilniApi {
  return new HttpWakilniApi({
    credentials,
    baseUrl: wakilniApiBaseUrl(credentials.region, env.WAKILNI_API_BASE_URL),
    fetch: globalThis.fetch,
    now: Date.now,
    timeoutMs: env.WAKILNI_API_TIMEOUT_MS,
    tokens,
  });
}
