// The deliveries list and its needs-attention queue (a tab): search, filters and sort kept in the
// URL (delivery-filters.ts), counts on the tabs, bulk Retry / Resolve / Export, and per row in
// the queue why it is there, how old it is and what to do. The page refreshes itself while it is
// visible, keeping the merchant's filters, selection and scroll.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate, useRevalidator } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  ChoiceList,
  IndexFilters,
  IndexFiltersMode,
  IndexTable,
  InlineStack,
  Link,
  Page,
  ProgressBar,
  Text,
  Toast,
  useIndexResourceState,
  useSetIndexFiltersMode,
  type IndexFiltersProps,
} from "@shopify/polaris";
import { useCallback, useEffect, useState } from "react";
import { authenticate } from "../shopify.server";
import { ensureShop } from "../settings/shop-settings.server";
import { useFormatDateTime, useLocale, useTranslate } from "../i18n/context";
import { ltrIsolate } from "../i18n/bidi";
import type { Translate } from "../i18n/messages";
import { ListPagination, PAGE_SIZE, readListQuery } from "../components/paged-list";
import { DeliveryStatusBadge } from "../components/status-badges";
import { ShopifyOrderLink } from "../components/shopify-order-link";
import { dayRangeFilter, statusFilter, useListSearch, useUrlFilterDraft } from "../components/list-filters";
import { LinkOrderModal, UnlinkModal } from "../components/order-link-controls";
import {
  deliveriesHref,
  deliveryFiltersSearch,
  parseDeliveryFilters,
  type DeliveryFilters,
  type DeliverySort,
} from "../delivery/delivery-filters";
import { listDeliveries, retryDeliveries } from "../delivery/delivery-list.server";
import { ResolveError, resolveAttention, staffMember } from "../sync/resolve-attention.server";
import { refusalText } from "../delivery/order-action-refusals";
import { localeFromRequest } from "../i18n/locale";
import { ALL_TOPICS } from "../wakilni/topics";

/** While the page is visible, it asks for fresh rows this often. */
const REFRESH_MS = 15_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await ensureShop(session.shop);
  const filters = parseDeliveryFilters(new URL(request.url).searchParams);
  const { page, skip } = readListQuery(request, ["all"]);
  const list = await listDeliveries(session.shop, filters, { skip, take: PAGE_SIZE }, shop.wakilniZone);
  return {
    // Ages are counted from the server's clock, so the server and the browser render the same text.
    loadedAt: new Date().toISOString(),
    filters,
    page,
    hasNext: list.hasNext,
    counts: list.counts,
    rows: list.rows.map((row) => ({
      ...row,
      lastEventAt: row.lastEventAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      attentionResolvedAt: row.attentionResolvedAt?.toISOString() ?? null,
    })),
  };
}

function idsOf(form: FormData): number[] {
  return String(form.get("ids") ?? "")
    .split(",")
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0);
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await authenticate.admin(request);
  const shop = auth.session.shop;
  const form = await request.formData();
  const ids = idsOf(form);
  const now = new Date();
  if (form.get("intent") === "retry") return { retried: (await retryDeliveries(shop, ids, now)).retried };
  if (form.get("intent") !== "resolve") return new Response("Unknown action", { status: 400 });
  const by = staffMember(auth);
  const errors: string[] = [];
  let resolved = 0;
  for (const id of ids) {
    try {
      await resolveAttention(shop, id, by, now);
      resolved += 1;
    } catch (error) {
      if (!(error instanceof ResolveError)) throw error;
      errors.push(refusalText(error.refusal, localeFromRequest(request)));
    }
  }
  return { resolved, errors };
}

type ActionAnswer = { retried?: number; resolved?: number; errors?: string[] };

const TABS = ["all", "attention", "unmatched"] as const;
type Tab = (typeof TABS)[number];

function tabOf(filters: DeliveryFilters): Tab {
  if (filters.attention) return "attention";
  if (filters.match === "unmatched") return "unmatched";
  return "all";
}

function ageText(t: Translate, sinceIso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(sinceIso)) / 60_000));
  if (minutes < 60) return t("queue.age.minutes", { count: minutes });
  if (minutes < 48 * 60) return t("queue.age.hours", { count: Math.floor(minutes / 60) });
  return t("queue.age.days", { count: Math.floor(minutes / 1440) });
}

/** Downloads a CSV from the export route, reading the stream to show progress. */
function useCsvExport() {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<{ ok: boolean; count: number; error?: string } | null>(null);
  const run = useCallback(async (search: string) => {
    setResult(null);
    setProgress({ done: 0, total: 0 });
    try {
      const response = await fetch(`/app/deliveries/export?${search}`);
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const total = Number(response.headers.get("X-Total-Rows") ?? 0);
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        for (const byte of value) if (byte === 0x0a) lines += 1;
        setProgress({ done: Math.max(0, lines - 1), total });
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "deliveries.csv";
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: "text/csv;charset=utf-8" }));
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = name;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setResult({ ok: true, count: Math.max(0, lines - 1) });
    } catch (error) {
      setResult({ ok: false, count: 0, error: error instanceof Error ? error.message : String(error) });
    } finally {
      setProgress(null);
    }
  }, []);
  return { run, progress, result, dismiss: () => setResult(null) };
}

export default function DeliveriesList() {
  const { filters, page, hasNext, counts, rows, loadedAt } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const locale = useLocale();
  const formatDateTime = useFormatDateTime();
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const bulk = useFetcher<ActionAnswer>();
  const csv = useCsvExport();
  // A link that carries a search or filters opens with them on show (the tabs are views, not filters).
  const filtered = Boolean(filters.query || filters.statuses || filters.match === "matched" || filters.from || filters.to);
  const { mode, setMode } = useSetIndexFiltersMode(filtered ? IndexFiltersMode.Filtering : IndexFiltersMode.Default);
  const [modal, setModal] = useState<
    { kind: "link"; id: number; waybill: string } | { kind: "unlink"; id: number; waybill: string; orderName: string } | null
  >(null);
  const [toastDismissed, setToastDismissed] = useState<ActionAnswer | undefined>(undefined);
  const go = useCallback((next: DeliveryFilters) => navigate(deliveriesHref(next), { preventScrollReset: true }), [navigate]);
  const [query, setQuery] = useListSearch(filters.query, (sought) => go({ ...filters, query: sought }));
  const [from, setFrom] = useUrlFilterDraft(filters.from);
  const [to, setTo] = useUrlFilterDraft(filters.to);

  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(
    rows.map((row) => ({ ...row, id: String(row.id) })),
  );

  // Live: fresh rows every few seconds while visible, unless the merchant is in the middle of something.
  const busy = modal !== null || bulk.state !== "idle" || csv.progress !== null;
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle" && !busy) revalidator.revalidate();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [revalidator, busy]);

  useEffect(() => {
    if (bulk.state === "idle" && bulk.data) clearSelection();
  }, [bulk.state, bulk.data, clearSelection]);

  const tab = tabOf(filters);
  const tabFilters = (next: Tab): DeliveryFilters => ({
    ...filters,
    attention: next === "attention" ? true : undefined,
    match: next === "unmatched" ? "unmatched" : filters.match === "unmatched" ? undefined : filters.match,
  });
  const tabs = TABS.map((id) => ({
    id,
    content: `${t(`queue.tab.${id}`)} (${counts[id]})`,
    onAction: () => go(tabFilters(id)),
  }));

  const sortOptions: IndexFiltersProps["sortOptions"] = [
    { label: t("queue.sort.lastEvent"), value: "last-event desc", directionLabel: t("queue.sort.newest") },
    { label: t("queue.sort.lastEvent"), value: "last-event asc", directionLabel: t("queue.sort.oldest") },
    { label: t("queue.sort.age"), value: "age desc", directionLabel: t("queue.sort.oldest") },
    { label: t("queue.sort.age"), value: "age asc", directionLabel: t("queue.sort.newest") },
  ];
  const sort = (filters.sort ?? "last-event-desc").replace(/-(asc|desc)$/, " $1");

  const statusChoices = ALL_TOPICS.map((topic) => ({ label: t(`status.${topic}`), value: topic }));
  const applyDates = () => go({ ...filters, from: from || undefined, to: to || undefined });
  const appliedFilters: IndexFiltersProps["appliedFilters"] = [
    ...(filters.statuses
      ? [
          {
            key: "status",
            label: filters.statuses.map((topic) => t(`status.${topic}`)).join(", "),
            onRemove: () => go({ ...filters, statuses: undefined }),
          },
        ]
      : []),
    ...(filters.match === "matched"
      ? [{ key: "match", label: t("queue.filter.matched"), onRemove: () => go({ ...filters, match: undefined }) }]
      : []),
    ...(filters.from || filters.to
      ? [
          {
            key: "dates",
            label: t("queue.filter.datesApplied", { from: filters.from ?? "…", to: filters.to ?? "…" }),
            onRemove: () => {
              setFrom("");
              setTo("");
              go({ ...filters, from: undefined, to: undefined });
            },
          },
        ]
      : []),
  ];

  const clearFilters = () => {
    setQuery("");
    setFrom("");
    setTo("");
    go({ sort: filters.sort, attention: filters.attention, match: filters.match === "unmatched" ? "unmatched" : undefined });
  };

  const selectedIds = allResourcesSelected ? rows.map((row) => String(row.id)) : selectedResources;
  const submitBulk = (intent: "retry" | "resolve") => bulk.submit({ intent, ids: selectedIds.join(",") }, { method: "post" });
  const answer = bulk.data !== toastDismissed ? bulk.data : undefined;
  const toast = answer
    ? answer.retried !== undefined
      ? { text: t("queue.retried", { count: answer.retried }), error: false }
      : {
          text: [t("queue.resolvedCount", { count: answer.resolved ?? 0 }), ...(answer.errors ?? [])].join(" · "),
          error: Boolean(answer.errors?.length),
        }
    : null;
  const search = deliveryFiltersSearch(filters);

  return (
    <Page
      title={t("queue.title")}
      primaryAction={{ content: t("queue.export"), loading: csv.progress !== null, onAction: () => void csv.run(search) }}
    >
      <BlockStack gap="300">
        {csv.progress ? (
          <Banner tone="info" title={t("queue.exporting", { done: csv.progress.done, total: csv.progress.total })}>
            <ProgressBar
              progress={csv.progress.total ? Math.min(100, (100 * csv.progress.done) / csv.progress.total) : 0}
              size="small"
              ariaLabelledBy="csv-progress"
            />
          </Banner>
        ) : null}
        {csv.result ? (
          <Banner tone={csv.result.ok ? "success" : "critical"} onDismiss={csv.dismiss}>
            {csv.result.ok ? t("queue.exported", { count: csv.result.count }) : t("queue.exportFailed", { error: csv.result.error ?? "" })}
          </Banner>
        ) : null}
        <Card padding="0">
          <IndexFilters
            tabs={tabs}
            selected={TABS.indexOf(tab)}
            onSelect={(index) => go(tabFilters(TABS[index]))}
            queryValue={query}
            queryPlaceholder={t("queue.search")}
            onQueryChange={setQuery}
            onQueryClear={() => setQuery("")}
            sortOptions={sortOptions}
            sortSelected={[sort]}
            onSort={([value]) => go({ ...filters, sort: value.replace(" ", "-") as DeliverySort })}
            filters={[
              statusFilter({
                label: t("queue.filter.status"),
                choices: statusChoices,
                selected: filters.statuses,
                onChange: (statuses) => go({ ...filters, statuses }),
              }),
              {
                key: "match",
                label: t("queue.filter.match"),
                filter: (
                  <ChoiceList
                    title={t("queue.filter.match")}
                    titleHidden
                    choices={[
                      { label: t("queue.filter.matched"), value: "matched" },
                      { label: t("queue.filter.unmatched"), value: "unmatched" },
                    ]}
                    selected={filters.match ? [filters.match] : []}
                    onChange={([value]) => go({ ...filters, match: value as DeliveryFilters["match"] })}
                  />
                ),
              },
              dayRangeFilter({
                label: t("queue.filter.dates"),
                fromLabel: t("queue.filter.from"),
                toLabel: t("queue.filter.to"),
                from,
                to,
                onFromChange: setFrom,
                onToChange: setTo,
                onApply: applyDates,
              }),
            ]}
            appliedFilters={appliedFilters}
            onClearAll={clearFilters}
            // Cancel (and Escape) close the filter bar: the filters go with it, as in Shopify's own
            // lists, rather than staying applied out of sight.
            cancelAction={{ onAction: clearFilters }}
            mode={mode}
            setMode={setMode}
            canCreateNewView={false}
            loading={revalidator.state !== "idle"}
          />
          <IndexTable
            resourceName={{ singular: t("deliveries.resource.singular"), plural: t("deliveries.resource.plural") }}
            itemCount={rows.length}
            selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
            onSelectionChange={handleSelectionChange}
            promotedBulkActions={[
              { content: t("queue.resolve"), onAction: () => submitBulk("resolve") },
              { content: t("common.retry"), onAction: () => submitBulk("retry") },
            ]}
            bulkActions={[{ content: t("queue.exportSelected"), onAction: () => void csv.run(`ids=${selectedIds.join(",")}`) }]}
            emptyState={
              <Box padding="400">
                <Text as="p" tone="subdued" alignment="center">
                  {t("queue.empty")}
                </Text>
              </Box>
            }
            headings={[
              { title: t("deliveries.column.waybill") },
              { title: t("deliveries.column.order") },
              { title: t("deliveries.column.status") },
              { title: t("queue.column.reason") },
              { title: t("deliveries.column.lastEvent") },
              { title: t("queue.column.driver") },
              { title: t("queue.column.actions") },
            ]}
          >
            {rows.map((row, index) => (
              <IndexTable.Row id={String(row.id)} key={row.id} position={index} selected={selectedResources.includes(String(row.id))}>
                <IndexTable.Cell>
                  <Link dataPrimaryLink url={`/app/deliveries/${row.id}`} removeUnderline monochrome>
                    <Text as="span" fontWeight="semibold">
                      <bdi dir="ltr">{row.waybill}</bdi>
                    </Text>
                  </Link>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {row.orderId ? (
                    // Opens the Shopify order, not the row's delivery.
                    <span role="presentation" onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
                      <bdi dir="ltr">
                        <ShopifyOrderLink orderId={row.orderId} orderName={row.orderName} />
                      </bdi>
                    </span>
                  ) : null}
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <DeliveryStatusBadge status={row.status} matched={row.orderId !== null} />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {row.reason ? (
                    // What to do next, beside the status badge rather than repeating it; the app's own failures in red.
                    // Wrapped in a narrow column, so the row's actions stay on screen.
                    <div style={{ maxWidth: "13rem", whiteSpace: "normal" }}>
                      <Text as="span" tone={row.reason === "apply-failed" || row.reason === "unmatched" ? "critical" : undefined}>
                        {t(`queue.reason.${row.reason}`)}
                      </Text>
                      <Text as="p" tone="subdued">
                        {ageText(t, row.lastEventAt ?? row.createdAt, Date.parse(loadedAt))}
                      </Text>
                    </div>
                  ) : row.attentionResolvedAt ? (
                    <Text as="span" tone="subdued">
                      {t("queue.resolvedBy", {
                        by: ltrIsolate(row.attentionResolvedBy ?? "", locale),
                        at: formatDateTime(row.attentionResolvedAt),
                      })}
                    </Text>
                  ) : null}
                </IndexTable.Cell>
                <IndexTable.Cell>{row.lastEventAt ? formatDateTime(row.lastEventAt) : null}</IndexTable.Cell>
                <IndexTable.Cell>{row.driverName}</IndexTable.Cell>
                <IndexTable.Cell>
                  {/* The row opens the delivery on click; its buttons must not. */}
                  <span role="presentation" onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
                    {/* Wraps rather than widening the table past 1366 px, where the last button was cut off. */}
                    <InlineStack gap="100">
                      {row.orderId === null ? (
                        <Button size="slim" onClick={() => setModal({ kind: "link", id: row.id, waybill: row.waybill })}>
                          {t("queue.link")}
                        </Button>
                      ) : (
                        <>
                          {row.reason ? (
                            <Button size="slim" onClick={() => bulk.submit({ intent: "resolve", ids: String(row.id) }, { method: "post" })}>
                              {t("queue.resolve")}
                            </Button>
                          ) : null}
                          <Button
                            size="slim"
                            variant="tertiary"
                            onClick={() =>
                              setModal({ kind: "unlink", id: row.id, waybill: row.waybill, orderName: row.orderName ?? row.orderId! })
                            }
                          >
                            {t("queue.unlink")}
                          </Button>
                        </>
                      )}
                      {row.reason === "apply-failed" ? (
                        <Button
                          size="slim"
                          variant="tertiary"
                          onClick={() => bulk.submit({ intent: "retry", ids: String(row.id) }, { method: "post" })}
                        >
                          {t("common.retry")}
                        </Button>
                      ) : null}
                    </InlineStack>
                  </span>
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
          <ListPagination page={page} hasNext={hasNext} />
        </Card>
      </BlockStack>
      {modal?.kind === "link" ? <LinkOrderModal deliveryId={modal.id} waybill={modal.waybill} onClose={() => setModal(null)} /> : null}
      {modal?.kind === "unlink" ? (
        <UnlinkModal deliveryId={modal.id} waybill={modal.waybill} orderName={modal.orderName} onClose={() => setModal(null)} />
      ) : null}
      {toast ? <Toast content={toast.text} error={toast.error} onDismiss={() => setToastDismissed(bulk.data)} /> : null}
    </Page>
  );
}
