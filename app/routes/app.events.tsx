// The event log: every Wakilni event the shop's Delivery URL accepted, newest first, with totals
// per state, a search (waybill, event id or order) and a state filter kept in the URL, and a
// retry for one event or every selected one, so the merchant can see what went wrong and send
// it back to the worker. An event the worker finished but skipped (older than what was applied,
// or after a final status) says so instead of "applied".
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  BlockStack,
  Box,
  Button,
  Card,
  IndexTable,
  InlineStack,
  Link,
  Page,
  Text,
  TextField,
  Toast,
  useIndexResourceState,
} from "@shopify/polaris";
import { useState } from "react";
import { authenticate } from "../shopify.server";
import { prisma } from "../db.server";
import { retryInboxEvent, retryInboxEventFromForm } from "../inbox/manual-retry.server";
import { eventLogPage } from "../inbox/event-log.server";
import { inboxText } from "../delivery/timeline-steps";
import { useInboxText } from "../components/delivery-timeline";
import { EVENT_LOG_TAB_STATES } from "../inbox/inbox-states";
import { useFormatDateTime, useLocale, useTranslate } from "../i18n/context";
import { ListPagination, ListTabs, pageOf, readListQuery } from "../components/paged-list";
import { InboxStateBadge, inboxStateLabel, OutcomeBadge, useStatusLabel } from "../components/status-badges";
import { RetryEventButton, useEventRetry } from "../components/retry-event-button";
import { isSkippedOutcome } from "../delivery/timeline-outcomes";

const VIEWS = ["all", ...EVENT_LOG_TAB_STATES] as const;

/** A bulk retry names at most a page of events. */
const BULK_LIMIT = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const query = readListQuery(request, VIEWS);
  const search = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  const { rows, totals } = await eventLogPage(session.shop, {
    state: query.view === "all" ? undefined : query.view,
    search,
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
    search,
    hasNext,
    totals,
    events: events.map(({ lastErrorKey, lastErrorValues, ...event }) => ({
      ...event,
      lastError: inboxText(lastErrorKey, lastErrorValues, event.lastError),
      receivedAt: event.receivedAt.toISOString(),
      deliveryId: deliveryIds.get(event.waybill) ?? null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") !== "retry-selected") return retryInboxEventFromForm(session.shop, form, new Date());
  const ids = form.getAll("eventId").slice(0, BULK_LIMIT).map(Number);
  const now = new Date();
  let queued = 0;
  for (const id of ids) if ((await retryInboxEvent(session.shop, id, now)).ok) queued += 1;
  return { bulk: { queued, asked: ids.length } };
}

function SearchField({ search }: { search: string }) {
  const t = useTranslate();
  const [, setSearchParams] = useSearchParams();
  const [value, setValue] = useState(search);
  const apply = (q: string) =>
    setSearchParams((current) => {
      const next = new URLSearchParams(current);
      if (q.trim()) next.set("q", q.trim());
      else next.delete("q");
      next.delete("page");
      return next;
    });
  return (
    <form
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        apply(value);
      }}
    >
      <InlineStack gap="200" blockAlign="end" wrap={false}>
        <div style={{ flex: 1 }}>
          <TextField
            label={t("events.search.label")}
            labelHidden
            placeholder={t("events.search.placeholder")}
            value={value}
            onChange={setValue}
            autoComplete="off"
            clearButton
            onClearButtonClick={() => {
              setValue("");
              apply("");
            }}
          />
        </div>
        <Button submit>{t("events.search.submit")}</Button>
      </InlineStack>
    </form>
  );
}

export default function EventLogPage() {
  const { view, page, search, hasNext, totals, events } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const locale = useLocale();
  const formatDateTime = useFormatDateTime();
  const statusLabel = useStatusLabel();
  const retry = useEventRetry();
  const inboxMessage = useInboxText();
  const bulk = useFetcher<{ bulk?: { queued: number; asked: number } }>();
  const [bulkShown, setBulkShown] = useState<unknown>(null);
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(
    events.map((event) => ({ id: String(event.id) })),
  );
  const total = (id: (typeof VIEWS)[number]) =>
    id === "all" ? Object.values(totals).reduce<number>((sum, count) => sum + (count ?? 0), 0) : (totals[id] ?? 0);
  const bulkResult = bulk.data?.bulk && bulk.data !== bulkShown ? bulk.data.bulk : null;

  return (
    <Page title={t("events.title")}>
      <BlockStack gap="300">
        <SearchField search={search} />
        <Card padding="0">
          <ListTabs
            selected={view}
            views={VIEWS.map((id) => ({
              id,
              label: t("events.tab.count", {
                label: id === "all" ? t("events.tab.all") : t(inboxStateLabel(id)),
                count: total(id).toLocaleString(locale),
              }),
            }))}
          />
          <IndexTable
            resourceName={{ singular: t("events.resource.singular"), plural: t("events.resource.plural") }}
            itemCount={events.length}
            selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
            onSelectionChange={handleSelectionChange}
            promotedBulkActions={[
              {
                content: t("events.bulkRetry"),
                onAction: () => {
                  const form = new FormData();
                  form.set("intent", "retry-selected");
                  for (const id of selectedResources) form.append("eventId", id);
                  bulk.submit(form, { method: "post" });
                  clearSelection();
                },
              },
            ]}
            emptyState={
              <Box padding="400">
                <Text as="p" tone="subdued" alignment="center">
                  {t("events.empty")}
                </Text>
              </Box>
            }
            headings={[
              { title: t("events.column.received") },
              { title: t("events.column.topicAndWaybill") },
              { title: t("events.column.state") },
              { title: t("events.column.counts"), alignment: "end" },
              { title: t("events.column.lastError") },
              { title: t("events.column.action") },
            ]}
          >
            {events.map((event, index) => (
              <IndexTable.Row id={String(event.id)} key={event.id} position={index} selected={selectedResources.includes(String(event.id))}>
                <IndexTable.Cell>
                  <span style={{ whiteSpace: "nowrap" }}>{formatDateTime(event.receivedAt)}</span>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <BlockStack gap="050">
                    <Text as="span">{statusLabel(event.topic) ?? event.topicName}</Text>
                    <bdi>{event.deliveryId ? <Link url={`/app/deliveries/${event.deliveryId}`}>{event.waybill}</Link> : event.waybill}</bdi>
                  </BlockStack>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {event.state === "applied" && event.outcome && isSkippedOutcome(event.outcome) ? (
                    <OutcomeBadge outcome={event.outcome} />
                  ) : (
                    <InboxStateBadge state={event.state} />
                  )}
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {event.attempts} · {event.receiptCount}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {event.lastError ? (
                    // Long errors wrap inside the column instead of widening the table past the page.
                    <div style={{ maxWidth: "26rem", whiteSpace: "normal", overflowWrap: "anywhere" }}>
                      <Text as="span" tone="critical">
                        {inboxMessage(event.lastError)}
                      </Text>
                    </div>
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
      </BlockStack>
      {retry.toast}
      {bulkResult ? (
        <Toast
          content={bulkResult.queued > 0 ? t("events.bulkRetried", { count: bulkResult.queued }) : t("events.bulkNone")}
          error={bulkResult.queued === 0}
          onDismiss={() => setBulkShown(bulk.data)}
        />
      ) : null}
    </Page>
  );
}
