// Wakilni's side of a webhook request for tests that hand it to the receiver directly: the
// sandbox sender's payloads and headers (sandbox/wakilni-sender.ts) as the transport-neutral
// request both HTTP adapters build.
import type { WebhookRequest } from "../../app/inbox/receive-wakilni-webhook.server";
import { wakilniHeaders } from "../../sandbox/wakilni-sender";

async function* chunksOf(chunks: readonly (string | Uint8Array)[]): AsyncIterable<Uint8Array> {
  for (const chunk of chunks) yield typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
}

/** A delivery with exactly these headers (names in lower case, as Node gives them) and body chunks. */
export function webhookRequest(init: {
  method?: string;
  headers?: Record<string, string>;
  body?: string | readonly Uint8Array[] | AsyncIterable<Uint8Array> | null;
}): WebhookRequest {
  const headers = init.headers ?? {};
  const body = init.body ?? null;
  return {
    method: init.method ?? "POST",
    header: (name) => headers[name.toLowerCase()] ?? null,
    body: typeof body === "string" ? chunksOf([body]) : Array.isArray(body) ? chunksOf(body) : (body as AsyncIterable<Uint8Array> | null),
  };
}

/** The payload as Wakilni would send it, signed with `secret`; `overrides` replace or blank headers. */
export function signedWakilniRequest(
  payload: Record<string, unknown>,
  secret: string,
  overrides: Record<string, string> = {},
): WebhookRequest {
  const body = JSON.stringify(payload);
  return webhookRequest({ headers: wakilniHeaders(body, secret, String(payload.event), overrides), body });
}
