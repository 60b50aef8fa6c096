// The Retry button of inbox events, for pages whose action is retryInboxEventFromForm. The page
// owns one retry (fetcher and toast), so the toast outlives the row: a retried event may leave
// a filtered list as soon as the page reloads. The toast is Polaris's, not App Bridge's, which
// needs Shopify's CDN script.
import { useFetcher } from "@remix-run/react";
import { Button, Toast } from "@shopify/polaris";
import { useState, type ReactNode } from "react";
import { useTranslate } from "../i18n/context";
import type { MessageKey } from "../i18n/messages";
import { isRetryable } from "../inbox/inbox-states";
import type { RetryResult } from "../inbox/manual-retry";

export interface EventRetry {
  retry(eventId: number): void;
  pendingEventId: number | null;
  toast: ReactNode;
}

export function useEventRetry(): EventRetry {
  const t = useTranslate();
  const fetcher = useFetcher<RetryResult>();
  // The toast shows the latest answer until the merchant dismisses that answer.
  const [dismissed, setDismissed] = useState<RetryResult | undefined>(undefined);
  const result = fetcher.data !== dismissed ? fetcher.data : undefined;
  const toast: { key: MessageKey; error: boolean } | null = result
    ? result.ok
      ? { key: "retry.queued", error: false }
      : { key: `retry.error.${result.reason}`, error: true }
    : null;

  const pending = fetcher.state === "idle" ? null : fetcher.formData?.get("eventId");
  return {
    retry: (eventId) => fetcher.submit({ eventId: String(eventId) }, { method: "post" }),
    pendingEventId: pending ? Number(pending) : null,
    toast: toast ? <Toast content={t(toast.key)} error={toast.error} onDismiss={() => setDismissed(fetcher.data)} /> : null,
  };
}

/** Nothing for an event in a state the merchant cannot retry. */
export function RetryEventButton({ eventId, state, retry }: { eventId: number; state: string; retry: EventRetry }) {
  const t = useTranslate();
  if (!isRetryable(state)) return null;
  return (
    <Button size="slim" loading={retry.pendingEventId === eventId} onClick={() => retry.retry(eventId)}>
      {t("common.retry")}
    </Button>
  );
}
