// The overview's charts, drawn with Shopify's own charting library. polaris-viz reads
// `navigator` while rendering, so the charts are drawn only in the browser, after hydration; the
// server sends a skeleton of the same height, so nothing moves when they appear.
import { useSyncExternalStore, type ReactNode } from "react";
import { BarChart, PolarisVizProvider } from "@shopify/polaris-viz";
import { Box, SkeletonBodyText, Text } from "@shopify/polaris";
import { OUTCOMES, TIME_TO_DELIVER_BUCKETS, type Outcome } from "../overview/outcomes";
import { useLocale, useTranslate } from "../i18n/context";
import type { MessageKey } from "../i18n/messages";
import type { CashDay } from "../delivery/cash-per-day";

const CHART_HEIGHT = 280;

/** Delivered reads as good news, a failed attempt as a warning, a return as bad news, a cancelation as neutral. */
const OUTCOME_COLORS: Readonly<Record<Outcome, string>> = {
  delivered: "#29845a",
  failedAttempt: "#e8a30c",
  returned: "#c7372f",
  canceled: "#8a8a8a",
};

export const OUTCOME_LABELS: Readonly<Record<Outcome, MessageKey>> = {
  delivered: "overview.figures.delivered",
  failedAttempt: "overview.figures.failedAttempt",
  returned: "overview.figures.returned",
  canceled: "overview.figures.canceled",
};

function ClientOnly({ label, children }: { label: string; children: () => ReactNode }) {
  // False on the server and while hydrating, true once the browser renders on its own.
  const hydrated = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
  // Charts read left to right whatever the page's direction: time and durations grow rightwards.
  return (
    <div dir="ltr" style={{ height: CHART_HEIGHT }}>
      {hydrated ? (
        <PolarisVizProvider>{children()}</PolarisVizProvider>
      ) : (
        <Box paddingBlockStart="400" aria-busy="true" aria-label={label}>
          <SkeletonBodyText lines={8} />
        </Box>
      )}
    </div>
  );
}

function EmptyChart({ text }: { text: string }) {
  return (
    <Box minHeight={`${CHART_HEIGHT}px`} paddingBlockStart="800">
      <Text as="p" tone="subdued" alignment="center">
        {text}
      </Text>
    </Box>
  );
}

/** Labels the shop's calendar days (YYYY-MM-DD): formatted as UTC so no zone moves them. */
function useDayLabel(): (date: string) => string {
  const locale = useLocale();
  const format = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  return (date) => format.format(new Date(`${date}T00:00:00Z`));
}

export function OutcomesPerDayChart({ days }: { days: { date: string; counts: Record<Outcome, number> }[] }) {
  const t = useTranslate();
  const dayLabel = useDayLabel();
  if (days.every((day) => OUTCOMES.every((outcome) => day.counts[outcome] === 0))) {
    return <EmptyChart text={t("overview.chart.perDay.empty")} />;
  }
  const data = OUTCOMES.map((outcome) => ({
    name: t(OUTCOME_LABELS[outcome]),
    color: OUTCOME_COLORS[outcome],
    data: days.map((day) => ({ key: dayLabel(day.date), value: day.counts[outcome] })),
  }));
  return (
    <ClientOnly label={t("overview.chart.loading")}>
      {() => <BarChart data={data} type="stacked" isAnimated={false} xAxisOptions={{ labelFormatter: (value) => String(value) }} />}
    </ClientOnly>
  );
}

export function TimeToDeliverChart({ fromCreated, fromAssigned }: { fromCreated: number[]; fromAssigned: number[] }) {
  const t = useTranslate();
  const formatHours = useFormatDuration();
  if (fromCreated.every((value) => value === 0) && fromAssigned.every((value) => value === 0)) {
    return <EmptyChart text={t("overview.chart.timeToDeliver.empty")} />;
  }
  const labels = TIME_TO_DELIVER_BUCKETS.map(({ fromHours, toHours }) =>
    toHours === null ? t("overview.chart.more", { from: formatHours(fromHours) }) : `${formatHours(fromHours)}–${formatHours(toHours)}`,
  );
  const series = (name: MessageKey, values: number[], color: string) => ({
    name: t(name),
    color,
    data: values.map((value, index) => ({ key: labels[index], value })),
  });
  return (
    <ClientOnly label={t("overview.chart.loading")}>
      {() => (
        <BarChart
          data={[
            series("overview.chart.fromCreated", fromCreated, "#1f5199"),
            series("overview.chart.fromAssigned", fromAssigned, "#5c9ded"),
          ]}
          isAnimated={false}
        />
      )}
    </ClientOnly>
  );
}

/** A duration in hours the way a merchant says it: hours up to two days, days beyond, in their language. */
export function useFormatDuration(): (hours: number) => string {
  const locale = useLocale();
  const hoursFormat = new Intl.NumberFormat(locale, { style: "unit", unit: "hour", unitDisplay: "short", maximumFractionDigits: 1 });
  const daysFormat = new Intl.NumberFormat(locale, { style: "unit", unit: "day", unitDisplay: "short", maximumFractionDigits: 1 });
  return (hours) => (hours < 48 ? hoursFormat.format(hours) : daysFormat.format(hours / 24));
}

/** The cash Wakilni collected on each of the chart's days, one series per currency. */
export function CashPerDayChart({ dates, cash }: { dates: string[]; cash: CashDay[] }) {
  const t = useTranslate();
  const dayLabel = useDayLabel();
  if (cash.length === 0) return <EmptyChart text={t("overview.cash.empty")} />;
  const currencies = [...new Set(cash.map((day) => day.currencyCode))].sort();
  const data = currencies.map((currencyCode) => ({
    name: currencyCode,
    data: dates.map((date) => {
      const day = cash.find((candidate) => candidate.day === date && candidate.currencyCode === currencyCode);
      return { key: dayLabel(date), value: day ? Number(day.amount) : 0 };
    }),
  }));
  return (
    <ClientOnly label={t("overview.chart.loading")}>
      {() => <BarChart data={data} isAnimated={false} xAxisOptions={{ labelFormatter: (value) => String(value) }} />}
    </ClientOnly>
  );
}
