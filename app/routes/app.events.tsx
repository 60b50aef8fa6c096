// The event log: every Wakilni event the shop's Delivery URL accepted, newest first, with the
// deliveries list's kind of filter bar (Polaris IndexFilters): tabs per state with their totals, a
// search (waybill, event id or order), Wakilni statuses and the days received, all kept in the URL
// (event-log-filters.ts); and a retry for one event or every selected one, so the merchant can see what went wrong and send
// it back to the worker. An event the worker finished but skipped (older than what was applied,
// or after a final status) says so instead of "applied".
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import {
  BlockStack,
  Box,
  Card,
  IndexFilters,
  IndexFiltersMode,
  IndexTable,
  Link,
  Page,
  Text,
  Toast,
  useIndexResourceState,
  useSetIndexFiltersMode,
  type IndexFiltersProps,
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
import { ListPagination, pageOf, readListQuery } from "../components/paged-list";
import { dayRangeFilter, statusFilter, useListSearch, useUrlFilterDraft } from "../components/list-filters";
import { ensureShop } from "../settings/shop-settings.server";
import { eventLogFilterParams, parseEventLogFilters, type EventLogFilters } from "../inbox/event-log-filters";
import { ALL_TOPICS } from "../wakilni/topics";
import { InboxStateBadge, inboxStateLabel, OutcomeBadge, useStatusLabel } from "../components/status-badges";
import { RetryEventButton, useEventRetry } from "../components/retry-event-button";
import { isSkippedOutcome } from "../delivery/timeline-outcomes";

const VIEWS = ["all", ...EVENT_LOG_TAB_STATES] as const;

/** A bulk retry names at most a page of events. */
const BULK_LIMIT = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await ensureShop(session.shop);
  const query = readListQuery(request, VIEWS);
  const filters = parseEventLogFilters(new URL(request.url).searchParams);
  const { rows, totals } = await eventLogPage(session.shop, {
    state: query.view === "all" ? undefined : query.view,
    filters,
    timeZone: shop.wakilniZone,
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
    filters,
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

export default function EventLogPage() {
  const { view, page, filters, hasNext, totals, events } = useLoaderData<typeof loader>();
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
  const navigation = useNavigation();
  const [, setSearchParams] = useSearchParams();
  // A link that carries a search or filters opens with them on show, as the deliveries list does.
  const filtered = Boolean(filters.query || filters.statuses || filters.from || filters.to);
  const { mode, setMode } = useSetIndexFiltersMode(filtered ? IndexFiltersMode.Filtering : IndexFiltersMode.Default);

  // Any change of tab or filter starts again from the first page; Shopify's own parameters stay.
  const go = (changes: Record<string, string | null>) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries({ ...changes, page: null })) {
          if (value === null) next.delete(name);
          else next.set(name, value);
        }
        return next;
      },
      { preventScrollReset: true },
    );
  const filter = (next: EventLogFilters) => go(eventLogFilterParams(next));
  const [query, setQuery] = useListSearch(filters.query, (sought) => filter({ ...filters, query: sought }));
  const [from, setFrom] = useUrlFilterDraft(filters.from);
  const [to, setTo] = useUrlFilterDraft(filters.to);

  const clearFilters = () => {
    setQuery("");
    setFrom("");
    setTo("");
    filter({});
  };
  const applyDates = () => filter({ ...filters, from: from || undefined, to: to || undefined });
  const appliedFilters: IndexFiltersProps["appliedFilters"] = [
    ...(filters.statuses
      ? [
          {
            key: "status",
            label: filters.statuses.map((topic) => statusLabel(topic) ?? topic).join(", "),
            onRemove: () => filter({ ...filters, statuses: undefined }),
          },
        ]
      : []),
    ...(filters.from || filters.to
      ? [
          {
            key: "dates",
            label: t("events.filter.datesApplied", { from: filters.from ?? "…", to: filters.to ?? "…" }),
            onRemove: () => {
              setFrom("");
              setTo("");
              filter({ ...filters, from: undefined, to: undefined });
            },
          },
        ]
      : []),
  ];

  return (
    <Page title={t("events.title")}>
      <BlockStack gap="300">
        <Card padding="0">
          <IndexFilters
            tabs={VIEWS.map((id) => ({
              id,
              content: t("events.tab.count", {
                label: id === "all" ? t("events.tab.all") : t(inboxStateLabel(id)),
                count: total(id).toLocaleString(locale),
              }),
            }))}
            selected={VIEWS.indexOf(view)}
            onSelect={(index) => go({ view: index === 0 ? null : VIEWS[index] })}
            queryValue={query}
            queryPlaceholder={t("events.search.placeholder")}
            onQueryChange={setQuery}
            onQueryClear={() => setQuery("")}
            filters={[
              statusFilter({
                label: t("events.filter.status"),
                choices: ALL_TOPICS.map((topic) => ({ label: statusLabel(topic) ?? topic, value: topic })),
                selected: filters.statuses,
                onChange: (statuses) => filter({ ...filters, statuses }),
              }),
              dayRangeFilter({
                label: t("events.filter.dates"),
                fromLabel: t("events.filter.from"),
                toLabel: t("events.filter.to"),
                from,
                to,
                onFromChange: setFrom,
                onToChange: setTo,
                onApply: applyDates,
                pinned: true,
              }),
            ]}
            appliedFilters={appliedFilters}
            onClearAll={clearFilters}
            // Cancel (and Escape) close the filter bar and take the filters with it, as in Shopify's lists.
            cancelAction={{ onAction: clearFilters }}
            mode={mode}
            setMode={setMode}
            canCreateNewView={false}
            loading={navigation.state === "loading"}
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
