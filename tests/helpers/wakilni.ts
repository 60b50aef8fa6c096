// Wakilni's side of a webhook delivery for tests that call the route directly: the shared
// sender's payloads and headers (sandbox/wakilni-sender.ts), wrapped in a Request.
import { wakilniHeaders } from "../../sandbox/wakilni-sender";

export { specPayload, wakilniHeaders, wakilniTimeText, type SpecPayloadOptions } from "../../sandbox/wakilni-sender";

export function signedWakilniRequest(
  url: string,
  payload: Record<string, unknown>,
  secret: string,
  overrides: Record<string, string> = {},
): Request {
  const body = JSON.stringify(payload);
  return new Request(url, { method: "POST", body, headers: wakilniHeaders(body, secret, String(payload.event), overrides) });
}
