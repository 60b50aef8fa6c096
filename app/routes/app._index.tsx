// The app's home: an overview, not a list. Whether Wakilni's updates really arrive (not a
// permanent "connected"), what is on its way and what needs the merchant now, how Wakilni did
// over a chosen period, each figure linking to the deliveries behind it, and two charts. The
// numbers come from SQL aggregates (app/overview/overview-queries.server.ts); the page
// refreshes itself while it is visible, keeping the period and scroll position.
import { useCallback, useEffect, useSyncExternalStore } from "react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  ButtonGroup,
  Card,
  EmptyState,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  List,
  Page,
  Text,
} from "@shopify/polaris";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css";
import { authenticate } from "../shopify.server";
import { prisma } from "../db.server";
import { ensureShop } from "../settings/shop-settings.server";
import { recentRejections } from "../inbox/inbox-store.server";
import { rejectionHint } from "../inbox/rejection-hints";
import { deliveriesHref, type DeliveryFilters } from "../delivery/delivery-filters";
import { createOverviewQueries } from "../overview/overview-queries.server";
import { ensureOutcomeDays } from "../overview/overview-rollup.server";
import { connectionState, dismissKey, type ConnectionState } from "../overview/connection-state";
import { CHART_DAYS, OVERVIEW_PERIODS, lastLocalDays, overviewPeriodFrom, periodRange, type OverviewPeriod } from "../overview/periods";
import { IN_TRANSIT_TOPICS, OUT_FOR_DELIVERY_TOPIC, OUTCOME_TOPICS, successRate, type Outcome } from "../overview/outcomes";
import { CashPerDayChart, OUTCOME_LABELS, OutcomesPerDayChart, TimeToDeliverChart, useFormatDuration } from "../components/overview-charts";
import { cashCollectedPerDay } from "../delivery/cash-per-day.server";
import { cashTotals } from "../delivery/cash-per-day";
import { PARCEL_ILLUSTRATION } from "../components/parcel-illustration";
import { useLocale, useTranslate } from "../i18n/context";
import type { MessageKey } from "../i18n/messages";
import { reconcileSummaryOf } from "../reconcile/reconcile-store.server";
import { ReconcileSummaryCard } from "../components/reconcile-summary";

export const links = () => [{ rel: "stylesheet", href: vizStyles }];

/** How often the live figures refresh while the page is visible. */
const REFRESH_MS = 30_000;

const MINUTE_MS = 60_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await ensureShop(session.shop);
  const now = new Date();
  const period = overviewPeriodFrom(new URL(request.url).searchParams.get("period"));
  const range = periodRange(period, now, shop.wakilniZone);
  const queries = createOverviewQueries(prisma);
  await ensureOutcomeDays(prisma, session.shop, now);
  const chartDays = lastLocalDays(now, shop.wakilniZone, CHART_DAYS);
  const [current, outcomes, perDay, timeToDeliver, lastWebhookAt, rejections, cash] = await Promise.all([
    queries.currentCounts(session.shop),
    queries.periodOutcomes(session.shop, range.fromDate, range.toDate),
    queries.outcomesPerDay(session.shop, chartDays),
    queries.timeToDeliver(session.shop, range),
    queries.lastWebhookAt(session.shop),
    recentRejections(session.shop, now),
    cashCollectedPerDay(prisma, session.shop, chartDays[0].date, chartDays[chartDays.length - 1].date),
  ]);
  const connection = connectionState(
    {
      secretSaved: Boolean(shop.secretSealed),
      lastWebhookAt,
      inTransit: current.inTransit,
      rejections,
      silentAfterHours: shop.silentAfterHours,
    },
    now,
  );
  // "N minutes ago" is worked out here, once: the server's and the browser's text must agree.
  const minutesSince = (at: Date | null) => (at ? Math.max(0, Math.floor((now.getTime() - at.getTime()) / MINUTE_MS)) : null);
  return {
    period,
    range: { fromDate: range.fromDate, toDate: range.toDate },
    connection: {
      kind: connection.kind,
      dismissKey: dismissKey(connection),
      lastWebhookMinutesAgo: minutesSince(lastWebhookAt),
      silentHours: connection.kind === "silent" ? connection.hoursAgo : null,
      inTransit: current.inTransit,
      rejections:
        connection.kind === "rejecting"
          ? connection.rejections.map((rejection) => ({
              reason: rejection.reason,
              count: rejection.count,
              minutesAgo: minutesSince(rejection.lastAt),
            }))
          : [],
    },
    trackingUrlMissing: shop.trackingUrlTemplate.trim() === "",
    reconcile: reconcileSummaryOf(shop, now),
    hasDeliveries: current.anyDelivery || lastWebhookAt !== null,
    current,
    outcomes,
    successRate: successRate(outcomes.delivered, outcomes.returned),
    timeToDeliver,
    perDay,
    cash: { perDay: cash, inPeriod: cashTotals(cash, range.fromDate, range.toDate) },
  };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** Revalidates on an interval while the tab is visible, and at once when it becomes visible again. */
function useLiveRefresh() {
  const revalidator = useRevalidator();
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    };
    const timer = window.setInterval(refresh, REFRESH_MS);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [revalidator]);
}

function useRelativeMinutes(): (minutes: number) => string {
  const locale = useLocale();
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  return (minutes) => {
    if (minutes < 60) return format.format(-minutes, "minute");
    if (minutes < 48 * 60) return format.format(-Math.floor(minutes / 60), "hour");
    return format.format(-Math.floor(minutes / (24 * 60)), "day");
  };
}

const DISMISSED_EVENT = "wakilni:overview-dismissed";

function subscribeToDismissals(onChange: () => void) {
  window.addEventListener(DISMISSED_EVENT, onChange);
  return () => window.removeEventListener(DISMISSED_EVENT, onChange);
}

/** Remembers a dismissed banner for the browser tab, by the situation it describes. */
function useDismissed(key: string | null): [boolean, () => void] {
  const storageKey = key ? `wakilni.overview.dismissed.${key}` : null;
  const dismissed = useSyncExternalStore(
    subscribeToDismissals,
    () => storageKey !== null && window.sessionStorage.getItem(storageKey) === "1",
    () => false,
  );
  const dismiss = useCallback(() => {
    if (!storageKey) return;
    window.sessionStorage.setItem(storageKey, "1");
    window.dispatchEvent(new Event(DISMISSED_EVENT));
  }, [storageKey]);
  return [dismissed, dismiss];
}

function ConnectionBanner({ connection }: { connection: LoaderData["connection"] }) {
  const t = useTranslate();
  const ago = useRelativeMinutes();
  const [dismissed, dismiss] = useDismissed(connection.dismissKey);
  if (dismissed) return null;
  const onDismiss = connection.dismissKey ? dismiss : undefined;
  const settingsAction = { content: t("common.openSettings"), url: "/app/settings" };
  switch (connection.kind as ConnectionState["kind"]) {
    case "not_set_up":
      return (
        <Banner tone="warning" title={t("overview.connection.notSetUp.title")} action={settingsAction}>
          <p>{t("overview.connection.notSetUp.body")}</p>
        </Banner>
      );
    case "waiting":
      return (
        <Banner tone="info" title={t("overview.connection.waiting.title")} action={settingsAction}>
          <p>{t("overview.connection.waiting.body")}</p>
        </Banner>
      );
    case "receiving":
      return (
        <Banner tone="success" title={t("overview.connection.receiving.title")} onDismiss={onDismiss}>
          <p>{t("overview.connection.receiving.body", { ago: ago(connection.lastWebhookMinutesAgo ?? 0) })}</p>
        </Banner>
      );
    case "silent":
      return (
        <Banner
          tone="warning"
          title={t("overview.connection.silent.title", { ago: ago(connection.lastWebhookMinutesAgo ?? 0) })}
          action={settingsAction}
          onDismiss={onDismiss}
        >
          <BlockStack gap="200">
            <p>{t("overview.connection.silent.body", { count: connection.inTransit, hours: connection.silentHours ?? 0 })}</p>
            <Text as="p" tone="subdued">
              {t("overview.connection.silentSetting")}
            </Text>
          </BlockStack>
        </Banner>
      );
    case "rejecting":
      return (
        <Banner tone="critical" title={t("overview.connection.rejecting.title")} action={settingsAction} onDismiss={onDismiss}>
          <List>
            {connection.rejections.map((rejection) => {
              const known = rejectionHint(rejection.reason);
              return (
                <List.Item key={rejection.reason}>
                  {t("overview.connection.rejecting.reason", {
                    reason: known ? t(known.label) : rejection.reason,
                    count: rejection.count,
                    ago: ago(rejection.minutesAgo ?? 0),
                  })}{" "}
                  {known ? t(known.hint) : null}
                </List.Item>
              );
            })}
          </List>
        </Banner>
      );
  }
}

function Figure({ label, value, href, help }: { label: string; value: string; href?: string; help?: string }) {
  const t = useTranslate();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="heading2xl">
          {value}
        </Text>
        {help ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {help}
          </Text>
        ) : null}
        {href ? (
          <Link url={href} removeUnderline accessibilityLabel={`${t("overview.figures.open")}: ${label}`}>
            {t("overview.figures.open")}
          </Link>
        ) : null}
      </BlockStack>
    </Card>
  );
}

/** Cash Wakilni collected at the door (cash-on-delivery orders the app marked paid): the period's totals and 30 days per day. */
function CashCollected({ cash, period, dates }: { cash: LoaderData["cash"]; period: OverviewPeriod; dates: string[] }) {
  const t = useTranslate();
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale);
  return (
    <InlineGrid columns={{ xs: 1, md: ["oneThird", "twoThirds"] }} gap="300">
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t("overview.cash.title")} ({t(PERIOD_LABELS[period])})
          </Text>
          {cash.inPeriod.length === 0 ? (
            <Text as="p" tone="subdued">
              {t("overview.cash.none")}
            </Text>
          ) : (
            cash.inPeriod.map((total) => (
              <BlockStack gap="100" key={total.currencyCode}>
                <Text as="p" variant="heading2xl">
                  {/^[A-Z]{3}$/.test(total.currencyCode)
                    ? new Intl.NumberFormat(locale, { style: "currency", currency: total.currencyCode }).format(Number(total.amount))
                    : number.format(Number(total.amount))}
                </Text>
                <Text as="p" variant="bodySm" tone="subdued">
                  {t("overview.cash.orders", { count: number.format(total.orders) })}
                </Text>
              </BlockStack>
            ))
          )}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("overview.cash.chart")}
          </Text>
          <CashPerDayChart dates={dates} cash={cash.perDay} />
        </BlockStack>
      </Card>
    </InlineGrid>
  );
}

const PERIOD_LABELS: Readonly<Record<OverviewPeriod, MessageKey>> = {
  today: "overview.period.today",
  "7d": "overview.period.7d",
  "30d": "overview.period.30d",
};

export default function OverviewPage() {
  const data = useLoaderData<typeof loader>();
  const t = useTranslate();
  const locale = useLocale();
  const formatDuration = useFormatDuration();
  const ago = useRelativeMinutes();
  useLiveRefresh();
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const inPeriod = (filters: DeliveryFilters) => deliveriesHref({ ...filters, from: data.range.fromDate, to: data.range.toDate });
  const outcomeFigure = (outcome: Outcome) => (
    <Figure
      key={outcome}
      label={t(OUTCOME_LABELS[outcome])}
      value={number.format(data.outcomes[outcome])}
      href={inPeriod({ statuses: [...OUTCOME_TOPICS[outcome]] })}
    />
  );
  const median = (hours: number | null) => (hours === null ? t("overview.figures.none") : formatDuration(hours));

  return (
    <Page title={t("overview.title")} secondaryActions={[{ content: t("overview.viewAll"), url: deliveriesHref({}) }]}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="300">
            <ConnectionBanner connection={data.connection} />
            {data.trackingUrlMissing ? (
              <Banner
                tone="warning"
                title={t("overview.trackingUrl.title")}
                action={{ content: t("common.openSettings"), url: "/app/settings" }}
              >
                <p>{t("overview.trackingUrl.body")}</p>
              </Banner>
            ) : null}
            <ReconcileSummaryCard summary={data.reconcile} ago={ago} />
          </BlockStack>
        </Layout.Section>
        {data.hasDeliveries ? (
          <>
            <Layout.Section>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("overview.figures.now")}
                </Text>
                <InlineGrid columns={{ xs: 1, sm: 3 }} gap="300">
                  <Figure
                    label={t("overview.figures.inTransit")}
                    value={number.format(data.current.inTransit)}
                    href={deliveriesHref({ statuses: [...IN_TRANSIT_TOPICS] })}
                  />
                  <Figure
                    label={t("overview.figures.outForDelivery")}
                    value={number.format(data.current.outForDelivery)}
                    href={deliveriesHref({ statuses: [OUT_FOR_DELIVERY_TOPIC] })}
                  />
                  <Figure
                    label={t("overview.figures.needsAttention")}
                    value={number.format(data.current.needsAttention)}
                    href={deliveriesHref({ attention: true })}
                  />
                </InlineGrid>
              </BlockStack>
            </Layout.Section>
            <Layout.Section>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center" gap="200">
                  <Text as="h2" variant="headingMd">
                    {t("overview.figures.title")}
                  </Text>
                  <div role="group" aria-label={t("overview.period.label")}>
                    <ButtonGroup variant="segmented">
                      {OVERVIEW_PERIODS.map((period) => (
                        <Button key={period} url={`/app?period=${period}`} pressed={data.period === period}>
                          {t(PERIOD_LABELS[period])}
                        </Button>
                      ))}
                    </ButtonGroup>
                  </div>
                </InlineStack>
                <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="300">
                  {(["delivered", "failedAttempt", "returned", "canceled"] as const).map(outcomeFigure)}
                </InlineGrid>
                <InlineGrid columns={{ xs: 1, sm: 3 }} gap="300">
                  <Figure
                    label={t("overview.figures.successRate")}
                    value={data.successRate === null ? t("overview.figures.none") : percent.format(data.successRate)}
                    help={t("overview.figures.successRateHelp")}
                  />
                  <Figure
                    label={t("overview.figures.medianFromCreated")}
                    value={median(data.timeToDeliver.medianFromCreatedHours)}
                    href={inPeriod({ statuses: ["completed"] })}
                  />
                  <Figure
                    label={t("overview.figures.medianFromAssigned")}
                    value={median(data.timeToDeliver.medianFromAssignedHours)}
                    href={inPeriod({ statuses: ["completed"] })}
                  />
                </InlineGrid>
              </BlockStack>
            </Layout.Section>
            <Layout.Section>
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
                <Card>
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      {t("overview.chart.perDay.title")}
                    </Text>
                    <OutcomesPerDayChart days={data.perDay} />
                  </BlockStack>
                </Card>
                <Card>
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      {t("overview.chart.timeToDeliver.title")} ({t(PERIOD_LABELS[data.period])})
                    </Text>
                    <TimeToDeliverChart fromCreated={data.timeToDeliver.fromCreated} fromAssigned={data.timeToDeliver.fromAssigned} />
                  </BlockStack>
                </Card>
              </InlineGrid>
            </Layout.Section>
            <Layout.Section>
              <CashCollected cash={data.cash} period={data.period} dates={data.perDay.map((day) => day.date)} />
            </Layout.Section>
          </>
        ) : (
          <Layout.Section>
            <Card>
              <EmptyState
                heading={t("overview.empty.title")}
                action={{ content: t("common.openSettings"), url: "/app/settings" }}
                image={PARCEL_ILLUSTRATION}
              >
                <p>{t("overview.empty.body")}</p>
              </EmptyState>
            </Card>
          </Layout.Section>
        )}
        <Layout.Section>
          <Box paddingBlockEnd="400" />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
