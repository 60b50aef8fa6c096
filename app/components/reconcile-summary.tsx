// The home page's word on reconciliation (app/reconcile/reconcile-summary.ts decides which):
// off, waiting for Test connection, stopped by a refusal, not run yet, or its last run — how
// many silent parcels it checked and how many it healed — and the last problem it met.
import { BlockStack, Card, Text } from "@shopify/polaris";
import { useTranslate } from "../i18n/context";
import type { ReconcileSummary } from "../reconcile/reconcile-summary";
import { wakilniFailureText } from "./refresh-from-wakilni";

/** `ago` writes "5 minutes ago" as the rest of the page does. */
export function ReconcileSummaryCard({ summary, ago }: { summary: ReconcileSummary; ago: (minutes: number) => string }) {
  const t = useTranslate();
  const lines =
    summary.kind === "ran"
      ? [
          t("home.reconcile.lastRun", {
            time: ago(summary.minutesAgo),
            checked: summary.checked,
            healed: summary.healed,
          }),
          ...(summary.problem ? [t("home.reconcile.problem", { reason: wakilniFailureText(t, summary.problem) })] : []),
        ]
      : [t(`home.reconcile.${summary.kind}`)];
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("home.reconcile.title")}
        </Text>
        {lines.map((line) => (
          <Text as="p" key={line} breakWord>
            {line}
          </Text>
        ))}
      </BlockStack>
    </Card>
  );
}
