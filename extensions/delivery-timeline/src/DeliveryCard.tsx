// One Wakilni parcel of the order: its status, how to follow it, why it needs attention (with
// Resolve and Retry), and one timeline row per Wakilni status change, newest first. A row says
// the status once: the app's outcome and message appear only when they add something (a skip,
// a failure, the driver's name), not the "applied" every normal step has.
import { useState } from "preact/hooks";
import type { OrderDelivery, TimelineStep } from "../../../app/delivery/order-timeline";
import type { ResolveAttentionAnswer, RetryDeliveryAnswer } from "../../../app/delivery/order-actions";
import { readActionAnswer, refusalText } from "../../../app/delivery/order-action-refusals";
import { timelineText } from "../../../app/delivery/timeline-messages";
import { ltrIsolate } from "../../../app/i18n/bidi";
import type { Locale } from "../../../app/i18n/locale";
import { outcomeText, outcomeTone, statusText, statusTone, topicText } from "./labels";
import { RefreshFromWakilni } from "./RefreshFromWakilni";

interface DeliveryCardProps {
  delivery: OrderDelivery;
  orderId: string;
  wakilniZone: string;
  locale: Locale;
  /** The shop's connection to Wakilni's API works: "Refresh from Wakilni" is offered. */
  canRefresh: boolean;
  /** Called after Resolve, Retry or Refresh changed the delivery, to load the block again. */
  onChanged: () => void;
}

/** An instant in the merchant's language, on the Wakilni zone's clock like the Wakilni portal. */
function formatTime(iso: string, wakilniZone: string): string {
  return shopify.i18n.formatDate(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone: wakilniZone });
}

/** The delivery's page in the app: `app:` paths are the app's own, opened in the admin. */
export function deliveryPageHref(deliveryId: number): string {
  return `app:app/deliveries/${deliveryId}`;
}

/** A tap-to-call link: digits and a leading + only. */
function telHref(phone: string): string | null {
  const digits = phone.replace(/[^\d+]/g, "").replace(/(?!^)\+/g, "");
  return /\d{3,}/.test(digits) ? `tel:${digits}` : null;
}

type ActionState = { state: "idle" } | { state: "sending"; action: "resolve" | "retry" } | { state: "failed"; message: string };

async function postAction(
  orderId: string,
  action: "resolve" | "retry",
  waybill: string,
): Promise<ResolveAttentionAnswer | RetryDeliveryAnswer> {
  const response = await fetch(`/api/orders/${orderId}/${action}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ waybill }),
  });
  return readActionAnswer(response, action);
}

export function DeliveryCard({ delivery, orderId, wakilniZone, locale, canRefresh, onChanged }: DeliveryCardProps) {
  const { translate } = shopify.i18n;
  const [action, setAction] = useState<ActionState>({ state: "idle" });

  async function run(kind: "resolve" | "retry") {
    setAction({ state: "sending", action: kind });
    try {
      const answer = await postAction(orderId, kind, delivery.waybill);
      if ("error" in answer) {
        setAction({ state: "failed", message: refusalText(answer.error, locale) });
        return;
      }
      setAction({ state: "idle" });
      onChanged();
    } catch (error) {
      console.error(error);
      setAction({ state: "failed", message: translate("attention.unreachable") });
    }
  }

  const phone = delivery.driverPhone ? telHref(delivery.driverPhone) : null;
  return (
    <s-stack gap="base">
      <s-stack direction="inline" gap="small" alignItems="center">
        <s-badge tone={statusTone(delivery.status)}>{statusText(delivery, locale)}</s-badge>
        <s-text type="strong">{translate("delivery.waybill", { waybill: delivery.waybill })}</s-text>
      </s-stack>

      {delivery.attentionReason && (
        <s-banner tone="warning" heading={translate("needsAttention.heading")}>
          <s-stack gap="small">
            <s-paragraph>{translate(`attention.${delivery.attentionReason}`)}</s-paragraph>
            {action.state === "failed" && <s-paragraph tone="critical">{action.message}</s-paragraph>}
            <s-stack direction="inline" gap="small">
              {delivery.retryableEvents > 0 && (
                <s-button loading={action.state === "sending" && action.action === "retry"} onClick={() => run("retry")}>
                  {translate("attention.retry", { count: delivery.retryableEvents })}
                </s-button>
              )}
              <s-button loading={action.state === "sending" && action.action === "resolve"} onClick={() => run("resolve")}>
                {translate("attention.resolve")}
              </s-button>
            </s-stack>
          </s-stack>
        </s-banner>
      )}

      {canRefresh && (
        <RefreshFromWakilni orderId={orderId} waybill={delivery.waybill} translate={shopify.i18n.translate} onChanged={onChanged} />
      )}

      <s-stack gap="small-200">
        {delivery.trackingUrl && (
          <s-link href={delivery.trackingUrl} target="_blank">
            {translate("delivery.track")}
          </s-link>
        )}
        {delivery.driverName || delivery.driverPhone ? (
          <s-stack direction="inline" gap="small-200" alignItems="center">
            <s-text>{translate("delivery.driver", { driver: delivery.driverName ?? "" })}</s-text>
            {delivery.driverPhone &&
              (phone ? (
                <s-link href={phone} accessibilityLabel={translate("delivery.call", { phone: delivery.driverPhone })}>
                  {ltrIsolate(delivery.driverPhone, locale)}
                </s-link>
              ) : (
                <s-text>{ltrIsolate(delivery.driverPhone, locale)}</s-text>
              ))}
          </s-stack>
        ) : (
          <s-text>{translate("delivery.noDriver")}</s-text>
        )}
        <s-text color="subdued">{translate("delivery.fulfillments", { count: delivery.fulfillmentCount })}</s-text>
        <s-link href={deliveryPageHref(delivery.id)}>{translate("delivery.open")}</s-link>
      </s-stack>

      <s-heading>{translate("timeline.heading")}</s-heading>
      {delivery.timeline.length === 0 ? (
        <s-paragraph color="subdued">{translate("timeline.empty")}</s-paragraph>
      ) : (
        <s-stack gap="base">
          {delivery.timeline.map((step) => (
            <TimelineItem key={step.id} step={step} wakilniZone={wakilniZone} locale={locale} />
          ))}
        </s-stack>
      )}
    </s-stack>
  );
}

function TimelineItem({ step, wakilniZone, locale }: { step: TimelineStep; wakilniZone: string; locale: Locale }) {
  const { translate } = shopify.i18n;
  // The app's own notes have no Wakilni time: they are dated when the app wrote them.
  const when = step.occurredAt
    ? formatTime(step.occurredAt, wakilniZone)
    : translate("timeline.recordedAt", { at: formatTime(step.at, wakilniZone) });
  const topic = topicText(step.topic, locale);
  // "Applied: <status>" only repeats the row's status; any other message says more.
  const message =
    step.message && !("key" in step.message && step.message.key === "applied")
      ? "text" in step.message
        ? step.message.text
        : timelineText(step.message.key, step.message.values, { locale, formatTime: (iso) => formatTime(iso, wakilniZone) })
      : null;
  const { outcome } = step;
  const showOutcome = !step.undone && outcome !== null && outcome !== "applied" && !(step.kind === "note" && outcome === "note");
  return (
    <s-stack gap="small-300">
      <s-stack direction="inline" gap="small" alignItems="center">
        <s-text type="strong">{topic ?? translate("timeline.appNote")}</s-text>
        {step.undone && <s-badge>{translate("timeline.undone")}</s-badge>}
        {showOutcome && <s-badge tone={outcomeTone(outcome)}>{outcomeText(outcome, locale)}</s-badge>}
      </s-stack>
      <s-text color="subdued">{when}</s-text>
      {message && <s-text>{message}</s-text>}
    </s-stack>
  );
}
