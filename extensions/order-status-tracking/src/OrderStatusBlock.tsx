// The buyer's order status page: where the Wakilni parcel is. It reads the app-owned delivery
// metafield (no call to the app): the current status in the buyer's language, since when, the
// tracking link, and the driver's first name while the parcel is out for delivery (the phone
// only when the merchant turned it on, which the metafield then carries).
import { render } from "preact";
import type { DeliveryMetafieldValue } from "../../../app/delivery/plan";
import { supportedLocale } from "../../../app/i18n/locale";
import { WAKILNI_STATUSES } from "../../../app/wakilni/statuses";

export default async () => {
  render(<OrderStatusBlock />, document.body);
};

/** Readers of version 2 (app/delivery/plan.ts); an older or newer shape is not guessed at. */
function deliveryOf(entries: { metafield: { namespace: string; key: string; value: string | number | boolean } }[]) {
  const entry = entries.find(({ metafield }) => metafield.key === "delivery");
  if (!entry) return null;
  try {
    const value = JSON.parse(String(entry.metafield.value)) as Partial<DeliveryMetafieldValue>;
    return value.version === 2 && value.status ? (value as DeliveryMetafieldValue) : null;
  } catch {
    return null;
  }
}

function OrderStatusBlock() {
  const { translate, formatDate } = shopify.i18n;
  const delivery = deliveryOf(shopify.appMetafields.value);
  if (!delivery || !delivery.status || !Object.hasOwn(WAKILNI_STATUSES, delivery.status)) return null;
  const locale = supportedLocale(shopify.localization.language.value.isoCode) ?? "en";
  const status = WAKILNI_STATUSES[delivery.status];
  const outForDelivery = delivery.status === "processed";
  return (
    <s-section heading={translate("heading")}>
      <s-stack gap="small-200">
        <s-text type="strong">{translate("status", { status: status.name[locale] })}</s-text>
        {delivery.happenedAt && (
          <s-text color="subdued">
            {translate("since", { at: formatDate(new Date(delivery.happenedAt), { dateStyle: "medium", timeStyle: "short" }) })}
          </s-text>
        )}
        {outForDelivery && delivery.driver?.firstName && <s-text>{translate("driver", { name: delivery.driver.firstName })}</s-text>}
        {outForDelivery && delivery.driver?.phone && (
          <s-link href={`tel:${delivery.driver.phone.replace(/[^\d+]/g, "")}`}>
            {translate("call", { phone: delivery.driver.phone })}
          </s-link>
        )}
        {delivery.trackingUrl && (
          <s-link href={delivery.trackingUrl} target="_blank">
            {translate("track")}
          </s-link>
        )}
      </s-stack>
    </s-section>
  );
}
