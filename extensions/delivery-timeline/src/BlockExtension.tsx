// The order page's "Wakilni delivery" block. Shopify offers no API to write to an order's own
// timeline, so the app shows its own here: it asks the app's backend for the order's Wakilni
// deliveries and shows loading, failure, "none yet" (with "Link a waybill", which opens the
// order action extensions/link-waybill-action) or each delivery in turn.
import { Fragment, render } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { OrderTimeline } from "../../../app/delivery/order-timeline";
import { DeliveryCard } from "./DeliveryCard";
import { blockLocale, statusText } from "./labels";

export default async () => {
  render(<DeliveryTimelineBlock />, document.body);
};

/** The order action's handle (extensions/link-waybill-action/shopify.extension.toml). */
const LINK_WAYBILL_ACTION = "extension://link-waybill-action";

type Load = { state: "loading" } | { state: "failed" } | { state: "loaded"; data: OrderTimeline };

/** The numeric id the app's route takes, from the order's GID ("gid://shopify/Order/123"). */
function legacyOrderId(): string | null {
  return shopify.data.selected[0]?.id.match(/\/(\d+)$/)?.[1] ?? null;
}

/**
 * A relative URL resolves against the app's URL, and Shopify adds the ID token as a Bearer
 * header that the route checks: no token handling here.
 */
async function fetchTimeline(orderId: string): Promise<OrderTimeline> {
  const response = await fetch(`/api/orders/${orderId}/timeline`);
  if (!response.ok) throw new Error(`Timeline request answered ${response.status}`);
  return response.json();
}

function DeliveryTimelineBlock() {
  const { translate } = shopify.i18n;
  // Each locale file names its own language (see blockLocale).
  const locale = blockLocale(translate("locale"));
  const [load, setLoad] = useState<Load>({ state: "loading" });
  // Bumped by "Try again" to run the request once more.
  const [attempt, setAttempt] = useState(0);

  const orderId = legacyOrderId();
  useEffect(() => {
    if (!orderId) {
      setLoad({ state: "failed" });
      return;
    }
    let current = true;
    setLoad({ state: "loading" });
    fetchTimeline(orderId).then(
      (data) => current && setLoad({ state: "loaded", data }),
      (error: unknown) => {
        console.error(error);
        if (current) setLoad({ state: "failed" });
      },
    );
    return () => {
      current = false;
    };
  }, [attempt, orderId]);

  const latest = load.state === "loaded" ? load.data.deliveries[0] : undefined;
  return (
    <s-admin-block heading={translate("heading")} collapsedSummary={latest ? statusText(latest, locale) : undefined}>
      {load.state === "loading" && (
        <s-stack direction="inline" gap="small" alignItems="center">
          <s-spinner accessibilityLabel={translate("loading")} />
          <s-text color="subdued">{translate("loading")}</s-text>
        </s-stack>
      )}
      {load.state === "failed" && (
        <s-banner tone="critical" heading={translate("error.heading")}>
          <s-stack gap="small">
            <s-paragraph>{translate("error.body")}</s-paragraph>
            <s-button onClick={() => setAttempt((count) => count + 1)}>{translate("error.retry")}</s-button>
          </s-stack>
        </s-banner>
      )}
      {load.state === "loaded" && load.data.deliveries.length === 0 && (
        <s-stack gap="small">
          <s-paragraph color="subdued">{translate("empty")}</s-paragraph>
          <s-button onClick={() => shopify.navigation.navigate(LINK_WAYBILL_ACTION)}>{translate("linkWaybill")}</s-button>
        </s-stack>
      )}
      {load.state === "loaded" && load.data.deliveries.length > 0 && (
        <s-stack gap="large">
          {load.data.deliveries.map((delivery, index) => (
            <Fragment key={delivery.waybill}>
              {index > 0 && <s-divider />}
              <DeliveryCard
                delivery={delivery}
                orderId={orderId!}
                wakilniZone={load.data.wakilniZone}
                locale={locale}
                canRefresh={load.data.canRefresh}
                onChanged={() => setAttempt((count) => count + 1)}
              />
            </Fragment>
          ))}
        </s-stack>
      )}
    </s-admin-block>
  );
}
