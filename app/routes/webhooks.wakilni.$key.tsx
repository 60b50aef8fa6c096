// Wakilni's order-status webhooks: POST /webhooks/wakilni/<the shop's endpoint key>.
// (In production server.mjs answers this URL before Remix, through the same function; see
// docs/decisions/005-webhook-fast-lane.md. This route answers whatever reaches Remix.)
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWakilniWebhook } from "../inbox/receive-wakilni-webhook.server";

const now = () => new Date();

async function answer({ request, params }: ActionFunctionArgs): Promise<Response> {
  const { status, headers, body } = await receiveWakilniWebhook(
    // Node's web streams are async iterable; TypeScript's DOM types do not say so yet.
    { method: request.method, header: (name) => request.headers.get(name), body: request.body as AsyncIterable<Uint8Array> | null },
    params.key,
    now,
  );
  return new Response(body, { status, headers });
}

export const action = answer;
export const loader = answer;
