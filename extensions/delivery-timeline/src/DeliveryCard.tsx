// One Wakilni parcel of the order: its status, how to follow it, and what happened to it,
// newest first (the route sends the timeline in that order).
import type { OrderDelivery, TimelineStep } from "../../../app/delivery/order-timeline";
import { timelineText } from "../../../app/delivery/timeline-messages";
import type { Locale } from "../../../app/i18n/locale";
import { outcomeText, outcomeTone, statusText, statusTone, topicText } from "./labels";

interface DeliveryCardProps {
  delivery: OrderDelivery;
  wakilniZone: string;
  locale: Locale;
}

/** An instant in the merchant's language, on the Wakilni zone's clock like the Wakilni portal. */
function formatTime(iso: string, wakilniZone: string): string {
  return shopify.i18n.formatDate(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone: wakilniZone });
}

export function DeliveryCard({ delivery, wakilniZone, locale }: DeliveryCardProps) {
  const { translate } = shopify.i18n;
  return (
    <s-stack gap="base">
      <s-stack direction="inline" gap="small" alignItems="center">
        <s-badge tone={statusTone(delivery.status)}>{statusText(delivery, locale)}</s-badge>
        <s-text type="strong">{translate("delivery.waybill", { waybill: delivery.waybill })}</s-text>
      </s-stack>

      {delivery.needsAttention && (
        <s-banner tone="warning" heading={translate("needsAttention.heading")}>
          {translate("needsAttention.body")}
        </s-banner>
      )}

      <s-stack gap="small-200">
        {delivery.trackingUrl && (
          <s-link href={delivery.trackingUrl} target="_blank">
            {translate("delivery.track")}
          </s-link>
        )}
        <s-text>{delivery.driver ? translate("delivery.driver", { driver: delivery.driver }) : translate("delivery.noDriver")}</s-text>
        <s-text color="subdued">{translate("delivery.fulfillments", { count: delivery.fulfillmentCount })}</s-text>
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
  const message =
    step.message &&
    ("text" in step.message
      ? step.message.text
      : timelineText(step.message.key, step.message.values, { locale, formatTime: (iso) => formatTime(iso, wakilniZone) }));
  return (
    <s-stack gap="small-300">
      <s-stack direction="inline" gap="small" alignItems="center">
        <s-text type="strong">{topic ? `${when} · ${topic}` : when}</s-text>
        {step.outcome && <s-badge tone={outcomeTone(step.outcome)}>{outcomeText(step.outcome, locale)}</s-badge>}
      </s-stack>
      {message && <s-text>{message}</s-text>}
    </s-stack>
  );
}
