// The event log: every Wakilni event the shop's Delivery URL accepted, newest first, with views
// for the ones that did not go through, so the merchant can see what went wrong and retry.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Box, Card, IndexTable, Link, Page, Text } from "@shopify/polaris";
import { authenticate } from "../shopify.server";
import { prisma } from "../db.server";
import { retryInboxEventFromForm } from "../inbox/manual-retry.server";
import { listShopEvents } from "../inbox/inbox-store.server";
import { EVENT_LOG_TAB_STATES } from "../inbox/inbox-states";
import { useFormatDateTime, useTranslate } from "../i18n/context";
import { ListPagination, ListTabs, pageOf, readListQuery } from "../components/paged-list";
import { InboxStateBadge, inboxStateLabel, useStatusLabel } from "../components/status-badges";
import { RetryEventButton, useEventRetry } from "../components/retry-event-button";

const VIEWS = ["all", ...EVENT_LOG_TAB_STATES] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const query = readListQuery(request, VIEWS);
  const rows = await listShopEvents(session.shop, {
    state: query.view === "all" ? undefined : query.view,
    skip: query.skip,
    take: query.take,
  });
  const { rows: events, hasNext } = pageOf(rows);
  // Links each waybill to its delivery page, for the waybills that have one yet.
  const deliveries = await prisma.delivery.findMany({
    where: { shop: session.shop, waybill: { in: [...new Set(events.map((event) => event.waybill))] } },
    select: { id: true, waybill: true },
  });
  const deliveryIds = new Map(deliveries.map((delivery) => [delivery.waybill, delivery.id]));
  return {
    view: query.view,
    page: query.page,
    hasNext,
    events: events.map((event) => ({
      ...event,
      receivedAt: event.receivedAt.toISOString(),
      deliveryId: deliveryIds.get(event.waybill) ?? null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return retryInboxEventFromForm(session.shop, await request.formData(), new Date());
}

export default function EventLogPage() {
  const { view, page, hasNext, events } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const formatDateTime = useFormatDateTime();
  const statusLabel = useStatusLabel();
  const retry = useEventRetry();

  return (
    <Page title={t("events.title")}>
      <Card padding="0">
        <ListTabs selected={view} views={VIEWS.map((id) => ({ id, label: id === "all" ? t("events.tab.all") : t(inboxStateLabel(id)) }))} />
        <IndexTable
          resourceName={{ singular: t("events.resource.singular"), plural: t("events.resource.plural") }}
          itemCount={events.length}
          selectable={false}
          emptyState={
            <Box padding="400">
              <Text as="p" tone="subdued" alignment="center">
                {t("events.empty")}
              </Text>
            </Box>
          }
          headings={[
            { title: t("events.column.received") },
            { title: t("events.column.topic") },
            { title: t("events.column.waybill") },
            { title: t("events.column.state") },
            { title: t("events.column.attempts"), alignment: "end" },
            { title: t("events.column.receipts"), alignment: "end" },
            { title: t("events.column.lastError") },
            { title: t("events.column.action") },
          ]}
        >
          {events.map((event, index) => (
            <IndexTable.Row id={String(event.id)} key={event.id} position={index}>
              <IndexTable.Cell>{formatDateTime(event.receivedAt)}</IndexTable.Cell>
              <IndexTable.Cell>{statusLabel(event.topic) ?? event.topicName}</IndexTable.Cell>
              <IndexTable.Cell>
                {event.deliveryId ? <Link url={`/app/deliveries/${event.deliveryId}`}>{event.waybill}</Link> : event.waybill}
              </IndexTable.Cell>
              <IndexTable.Cell>
                <InboxStateBadge state={event.state} />
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {event.attempts}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {event.receiptCount}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                {event.lastError ? (
                  <Box maxWidth="24rem">
                    <span title={event.lastError}>
                      <Text as="span" tone="critical" truncate>
                        {event.lastError}
                      </Text>
                    </span>
                  </Box>
                ) : null}
              </IndexTable.Cell>
              <IndexTable.Cell>
                <RetryEventButton eventId={event.id} state={event.state} retry={retry} />
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
        <ListPagination page={page} hasNext={hasNext} />
      </Card>
      {retry.toast}
    </Page>
  );
}
