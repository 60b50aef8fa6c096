// A link to an order's page in the Shopify admin. The `shopify:admin/…` address is resolved by
// App Bridge around the embedded app; without App Bridge it stays an inert link.
import { Link } from "@shopify/polaris";
import { LtrText } from "./ltr-text";

const ORDER_GID = /^gid:\/\/shopify\/Order\/(\d+)$/;

export function ShopifyOrderLink({ orderId, orderName }: { orderId: string; orderName: string | null }) {
  const legacyId = ORDER_GID.exec(orderId)?.[1];
  // An order name (#1001) or id reads left to right on an Arabic page too.
  const label = <LtrText>{orderName ?? orderId}</LtrText>;
  return legacyId ? (
    <Link url={`shopify:admin/orders/${legacyId}`} target="_top">
      {label}
    </Link>
  ) : (
    label
  );
}
