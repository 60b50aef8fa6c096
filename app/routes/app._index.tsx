// The app's home: whether Wakilni is connected, and the latest Wakilni events.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, DataTable, Layout, Page, Text } from "@shopify/polaris";
import { authenticate } from "../shopify.server";
import { ensureShop } from "../settings/shop-settings.server";
import { prisma } from "../db.server";
import { useLocale, useTranslate } from "../i18n/context";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await ensureShop(session.shop);
  const events = await prisma.inboxEvent.findMany({
    where: { shop: session.shop },
    orderBy: { receivedAt: "desc" },
    take: 25,
    select: { id: true, receivedAt: true, topicName: true, waybill: true, state: true },
  });
  return {
    connected: Boolean(shop.secretSealed),
    events: events.map((event) => ({ ...event, receivedAt: event.receivedAt.toISOString() })),
  };
}

export default function HomePage() {
  const { connected, events } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const locale = useLocale();
  const formatDate = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" }).format(new Date(iso));
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
                <Link to="/app/settings">{t("home.setupAction")}</Link>
              </BlockStack>
            </Banner>
          )}
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("home.recentEvents")}
              </Text>
              {events.length === 0 ? (
                <Text as="p" tone="subdued">
                  {t("home.noEvents")}
                </Text>
              ) : (
                <DataTable
                  columnContentTypes={["text", "text", "text", "text"]}
                  headings={[t("home.column.received"), t("home.column.topic"), t("home.column.waybill"), t("home.column.state")]}
                  rows={events.map((event) => [formatDate(event.receivedAt), event.topicName, event.waybill, event.state])}
                />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
