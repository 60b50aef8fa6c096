// Wakilni's order-status webhooks: POST /webhooks/wakilni/<the shop's endpoint key>.
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWakilniWebhook } from "../inbox/receive-wakilni-webhook.server";

const now = () => new Date();

export async function action({ request, params }: ActionFunctionArgs) {
  return receiveWakilniWebhook(request, params.key, now);
}

export async function loader({ request, params }: ActionFunctionArgs) {
  return receiveWakilniWebhook(request, params.key, now);
}
