// The buyer's order status page: where the Wakilni parcel is. It reads the app-owned delivery
// metafield (no call to the app): the current status in the buyer's language, since when, the
// tracking link, the driver's first name while the parcel is out for delivery (the phone only
// when the merchant turned it on, which the metafield then carries) and the last few status changes.
import { render } from "preact";
import { readDeliveryMetafield } from "../../../app/delivery/delivery-metafield";
import { supportedLocale } from "../../../app/i18n/locale";
import { WAKILNI_STATUSES } from "../../../app/wakilni/statuses";

export default async () => {
  render(<OrderStatusBlock />, document.body);
};

function deliveryOf(entries: { metafield: { namespace: string; key: string; value: string | number | boolean } }[]) {
  const entry = entries.find(({ metafield }) => metafield.key === "delivery");
  return entry ? readDeliveryMetafield(String(entry.metafield.value)) : null;
}

function OrderStatusBlock() {
  const { translate, formatDate } = shopify.i18n;
  const delivery = deliveryOf(shopify.appMetafields.value);
  if (!delivery || !delivery.status || !Object.hasOwn(WAKILNI_STATUSES, delivery.status)) return null;
  const locale = supportedLocale(shopify.localization.language.value.isoCode) ?? "en";
  const status = WAKILNI_STATUSES[delivery.status];
  const outForDelivery = delivery.status === "processed";
  const when = (iso: string) => formatDate(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  // Newest first, as the buyer reads a parcel's history; statuses this version does not know are left out.
  const recent = delivery.recent.filter((change) => Object.hasOwn(WAKILNI_STATUSES, change.status)).reverse();
  return (
    <s-section heading={translate("heading")}>
      <s-stack gap="small-200">
        <s-text type="strong">{translate("status", { status: status.name[locale] })}</s-text>
        {delivery.happenedAt && <s-text color="subdued">{translate("since", { at: when(delivery.happenedAt) })}</s-text>}
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
        {recent.length > 1 && (
          <s-stack gap="small-300">
            <s-heading>{translate("recent")}</s-heading>
            <s-unordered-list>
              {recent.map((change) => (
                <s-list-item key={`${change.status}@${change.at}`}>
                  {translate("change", { status: WAKILNI_STATUSES[change.status].name[locale], at: when(change.at) })}
                </s-list-item>
              ))}
            </s-unordered-list>
          </s-stack>
        )}
      </s-stack>
    </s-section>
  );
}
