// The app's home: whether Wakilni is connected, and the shop's deliveries (one per waybill),
// most recently active first, with views for those the merchant must look at.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import type { Prisma } from "@prisma/client";
import { Badge, Banner, BlockStack, Box, Card, EmptyState, IndexTable, Layout, Link, Page, Text } from "@shopify/polaris";
import { authenticate } from "../shopify.server";
import { ensureShop } from "../settings/shop-settings.server";
import { prisma } from "../db.server";
import { useFormatDateTime, useTranslate } from "../i18n/context";
import { ListPagination, ListTabs, pageOf, readListQuery } from "../components/paged-list";
import { DeliveryStatusBadge } from "../components/status-badges";
import { ShopifyOrderLink } from "../components/shopify-order-link";
import { PARCEL_ILLUSTRATION } from "../components/parcel-illustration";

const VIEWS = ["all", "attention", "unmatched"] as const;
type View = (typeof VIEWS)[number];

const VIEW_FILTERS: Record<View, Prisma.DeliveryWhereInput> = {
  all: {},
  attention: { needsAttention: true },
  unmatched: { orderId: null },
};

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await ensureShop(session.shop);
  const query = readListQuery(request, VIEWS);
  const rows = await prisma.delivery.findMany({
    where: { shop: session.shop, ...VIEW_FILTERS[query.view] },
    orderBy: [{ lastEventAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
    skip: query.skip,
    take: query.take,
    select: { id: true, waybill: true, orderId: true, orderName: true, status: true, needsAttention: true, lastEventAt: true },
  });
  const { rows: deliveries, hasNext } = pageOf(rows);
  return {
    connected: Boolean(shop.secretSealed),
    view: query.view,
    page: query.page,
    hasNext,
    deliveries: deliveries.map((delivery) => ({ ...delivery, lastEventAt: delivery.lastEventAt?.toISOString() ?? null })),
  };
}

export default function DeliveriesPage() {
  const { connected, view, page, hasNext, deliveries } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const formatDateTime = useFormatDateTime();
  const noDeliveriesYet = view === "all" && page === 1 && deliveries.length === 0;

  return (
    <Page title={t("home.title")}>
      <Layout>
        <Layout.Section>
          {connected ? (
            <Banner tone="success" title={t("home.readyTitle")}>
              {t("home.readyBody")}
            </Banner>
          ) : (
            <Banner tone="warning" title={t("home.setupTitle")}>
              <BlockStack gap="200">
                <Text as="p">{t("home.setupBody")}</Text>
                <RemixLink to="/app/settings">{t("common.openSettings")}</RemixLink>
              </BlockStack>
            </Banner>
          )}
        </Layout.Section>
        <Layout.Section>
          {noDeliveriesYet ? (
            <Card>
              <EmptyState
                heading={t("deliveries.emptyTitle")}
                action={{ content: t("common.openSettings"), url: "/app/settings" }}
                image={PARCEL_ILLUSTRATION}
              >
                <p>{t("deliveries.emptyBody")}</p>
              </EmptyState>
            </Card>
          ) : (
            <Card padding="0">
              <ListTabs
                selected={view}
                views={[
                  { id: "all", label: t("deliveries.tab.all") },
                  { id: "attention", label: t("deliveries.tab.attention") },
                  { id: "unmatched", label: t("deliveries.tab.unmatched") },
                ]}
              />
              <IndexTable
                resourceName={{ singular: t("deliveries.resource.singular"), plural: t("deliveries.resource.plural") }}
                itemCount={deliveries.length}
                selectable={false}
                emptyState={
                  <Box padding="400">
                    <Text as="p" tone="subdued" alignment="center">
                      {t("deliveries.emptyFilter")}
                    </Text>
                  </Box>
                }
                headings={[
                  { title: t("deliveries.column.waybill") },
                  { title: t("deliveries.column.order") },
                  { title: t("deliveries.column.status") },
                  { title: t("deliveries.column.attention") },
                  { title: t("deliveries.column.lastEvent") },
                ]}
              >
                {deliveries.map((delivery, index) => (
                  <IndexTable.Row id={String(delivery.id)} key={delivery.id} position={index}>
                    <IndexTable.Cell>
                      <Link dataPrimaryLink url={`/app/deliveries/${delivery.id}`} removeUnderline monochrome>
                        <Text as="span" fontWeight="semibold">
                          {delivery.waybill}
                        </Text>
                      </Link>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      {delivery.orderId ? (
                        // The row navigates to the delivery on click; the order link must not.
                        <span
                          role="presentation"
                          onClick={(event) => event.stopPropagation()}
                          onKeyDown={(event) => event.stopPropagation()}
                        >
                          <ShopifyOrderLink orderId={delivery.orderId} orderName={delivery.orderName} />
                        </span>
                      ) : null}
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <DeliveryStatusBadge status={delivery.status} matched={delivery.orderId !== null} />
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      {delivery.needsAttention ? <Badge tone="warning">{t("deliveries.needsAttention")}</Badge> : null}
                    </IndexTable.Cell>
                    <IndexTable.Cell>{delivery.lastEventAt ? formatDateTime(delivery.lastEventAt) : null}</IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
              <ListPagination page={page} hasNext={hasNext} />
            </Card>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}
