// One Wakilni parcel of the order: its status, how to follow it, and what happened to it,
// newest first (the route sends the timeline in that order).
import type { OrderDelivery, OrderTimelineEntry } from "../../../app/delivery/order-timeline";
import { formatTime, outcomeText, statusText, statusTone, topicText } from "./labels";

interface DeliveryCardProps {
  delivery: OrderDelivery;
  wakilniZone: string;
}

export function DeliveryCard({ delivery, wakilniZone }: DeliveryCardProps) {
  const { translate } = shopify.i18n;
  return (
    <s-stack gap="base">
      <s-stack direction="inline" gap="small" alignItems="center">
        <s-badge tone={statusTone(delivery.status)}>{statusText(delivery)}</s-badge>
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
          {delivery.timeline.map((entry, index) => (
            <TimelineItem key={index} entry={entry} wakilniZone={wakilniZone} />
          ))}
        </s-stack>
      )}
    </s-stack>
  );
}

function TimelineItem({ entry, wakilniZone }: { entry: OrderTimelineEntry; wakilniZone: string }) {
  const { translate } = shopify.i18n;
  // The app's own notes have no Wakilni time: they are dated when the app wrote them.
  const when = entry.at
    ? formatTime(entry.at, wakilniZone)
    : translate("timeline.recordedAt", { at: formatTime(entry.recordedAt, wakilniZone) });
  const topic = topicText(entry.topic);
  return (
    <s-stack gap="small-300">
      <s-text type="strong">{topic ? `${when} · ${topic}` : when}</s-text>
      <s-text>{entry.message}</s-text>
      <s-text color="subdued">{outcomeText(entry.outcome)}</s-text>
    </s-stack>
  );
}
