// A delivery's timeline as the merchant reads it: one step per Wakilni status change, newest
// first, saying the status, when Wakilni said it happened and what came of it in Shopify, with
// everything the app recorded, the inbox's attempts and the body Wakilni sent behind "details".
// Renders the model of app/delivery/order-timeline.ts in the merchant's language: messages from
// the timeline message table, times in the shop's zone, code-like text kept left-to-right.
import { Badge, BlockStack, Box, Button, Collapsible, Divider, InlineStack, Text } from "@shopify/polaris";
import { useState } from "react";
import type { TimelineStep, TimelineText } from "../delivery/order-timeline";
import { timelineText } from "../delivery/timeline-messages";
import { ltrIsolate } from "../i18n/bidi";
import { useFormatDateTime, useLocale, useTranslate } from "../i18n/context";
import { DeliveryStatusBadge, InboxStateBadge, OutcomeBadge } from "./status-badges";
import { RetryEventButton, type EventRetry } from "./retry-event-button";

/** What the page adds to an event's step from the inbox: its state changes and the bodies Wakilni sent. */
export interface StepDetails {
  /** Each state change and what the inbox said about it, if anything. */
  transitions: { id: number; state: string; at: string; message: TimelineText | null }[];
  /** The raw body, or how many days retention kept it before removing it. */
  body: string | { removedAfterDays: number };
  conflicts: { id: number; at: string; body: string }[];
}

/** A stored message in the merchant's language, its times in the shop's zone. */
export function useTimelineText(): (text: TimelineText) => string {
  const locale = useLocale();
  const formatTime = useFormatDateTime();
  return (text) => ("text" in text ? text.text : timelineText(text.key, text.values, { locale, formatTime }));
}

/** What the inbox recorded, in the merchant's language; a row from before message keys holds English, kept left-to-right inside Arabic. */
export function useInboxText(): (text: TimelineText) => string {
  const locale = useLocale();
  const text = useTimelineText();
  return (message) => ("text" in message ? ltrIsolate(message.text, locale) : text(message));
}

/** A time never breaks across lines, whatever the column's width. */
function When({ children }: { children: string }) {
  return (
    <Text as="span" tone="subdued">
      <span style={{ whiteSpace: "nowrap" }}>{children}</span>
    </Text>
  );
}

const MONOSPACE = {
  margin: 0,
  fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
  fontSize: 12,
  whiteSpace: "pre-wrap",
  wordBreak: "break-all",
} as const;

/** JSON reads left to right, even on an Arabic page. */
function Body({ text }: { text: string }) {
  return (
    <Box background="bg-surface-secondary" padding="300" borderRadius="200">
      <pre dir="ltr" style={MONOSPACE}>
        {text}
      </pre>
    </Box>
  );
}

function StepBadges({ step }: { step: TimelineStep }) {
  const t = useTranslate();
  return (
    <InlineStack gap="200" blockAlign="center">
      {step.kind === "event" ? <DeliveryStatusBadge status={step.topic} matched /> : null}
      {step.undone ? (
        <Badge>{t("timeline.undone")}</Badge>
      ) : step.outcome ? (
        <OutcomeBadge outcome={step.outcome} />
      ) : step.inbox ? (
        <InboxStateBadge state={step.inbox.state} />
      ) : null}
    </InlineStack>
  );
}

/** What "details" unfolds: the app's actions, the inbox's attempts and state changes, the bodies Wakilni sent. */
export function StepDetailsPanel({ step, details }: { step: TimelineStep; details: StepDetails | undefined }) {
  const t = useTranslate();
  const formatDateTime = useFormatDateTime();
  const text = useTimelineText();
  const storedError = useInboxText();
  return (
    <BlockStack gap="300">
      {step.actions.length > 0 ? (
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            {t("timeline.actions")}
          </Text>
          {step.actions.map((action, index) => (
            <InlineStack key={index} gap="200" blockAlign="start" wrap>
              <When>{formatDateTime(action.recordedAt)}</When>
              <OutcomeBadge outcome={action.outcome} />
              {action.undoneAt ? <Badge>{t("timeline.undone")}</Badge> : null}
              <Text as="span" breakWord>
                {text(action.message)}
              </Text>
            </InlineStack>
          ))}
        </BlockStack>
      ) : null}
      {step.inbox ? (
        <BlockStack gap="100">
          <Text as="p" tone="subdued">
            {t("timeline.inbox", { attempts: step.inbox.attempts, receipts: step.inbox.receiptCount })}
            {" · "}
            {t("delivery.timeline.eventReceived", { at: formatDateTime(step.inbox.receivedAt) })}
          </Text>
          {step.inbox.lastError ? (
            <Text as="p" tone="critical" breakWord>
              {t("events.lastError", { error: storedError(step.inbox.lastError) })}
            </Text>
          ) : null}
        </BlockStack>
      ) : null}
      {details ? (
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            {t("events.transitions")}
          </Text>
          {details.transitions.map((transition) => (
            <InlineStack key={transition.id} gap="200" blockAlign="center">
              <When>{formatDateTime(transition.at)}</When>
              <InboxStateBadge state={transition.state} />
              {transition.message ? (
                <Text as="span" breakWord>
                  {storedError(transition.message)}
                </Text>
              ) : null}
            </InlineStack>
          ))}
          <Text as="h3" variant="headingSm">
            {t("events.rawBody")}
          </Text>
          {typeof details.body === "string" ? (
            <Body text={details.body} />
          ) : (
            <Text as="p" tone="subdued">
              {t("events.rawBodyPruned", { days: details.body.removedAfterDays })}
            </Text>
          )}
          {details.conflicts.length > 0 ? (
            <>
              <Text as="h3" variant="headingSm">
                {t("events.conflicts")}
              </Text>
              {details.conflicts.map((conflict) => (
                <BlockStack key={conflict.id} gap="100">
                  <Text as="p" tone="subdued">
                    {t("events.conflictReceived", { at: formatDateTime(conflict.at) })}
                  </Text>
                  <Body text={conflict.body} />
                </BlockStack>
              ))}
            </>
          ) : null}
        </BlockStack>
      ) : null}
    </BlockStack>
  );
}

function Step({ step, details, retry }: { step: TimelineStep; details: StepDetails | undefined; retry: EventRetry | null }) {
  const t = useTranslate();
  const formatDateTime = useFormatDateTime();
  const text = useTimelineText();
  const [open, setOpen] = useState(false);
  const detailsId = `${step.id}-details`;
  const lastUndone = step.undone ? step.actions.findLast((action) => action.undoneAt !== null)?.undoneAt : null;
  const hasDetails = step.kind === "event";
  return (
    <BlockStack gap="150">
      <InlineStack gap="200" align="space-between" blockAlign="center">
        <StepBadges step={step} />
        <When>
          {step.occurredAt
            ? t("timeline.happenedAt", { at: formatDateTime(step.occurredAt) })
            : t("timeline.noteAt", { at: formatDateTime(step.at) })}
        </When>
      </InlineStack>
      {step.message ? (
        <Text as="p" breakWord tone={step.undone ? "subdued" : undefined}>
          {text(step.message)}
        </Text>
      ) : step.outcome === null ? (
        <Text as="p" tone="subdued">
          {t("timeline.waiting")}
        </Text>
      ) : null}
      {lastUndone ? (
        <Text as="p" tone="subdued">
          {t("timeline.undoneAt", { at: formatDateTime(lastUndone) })}
        </Text>
      ) : null}
      {hasDetails ? (
        <>
          <InlineStack gap="200" blockAlign="center">
            <Button
              variant="plain"
              disclosure={open ? "up" : "down"}
              ariaControls={detailsId}
              ariaExpanded={open}
              onClick={() => setOpen(!open)}
            >
              {open ? t("common.hideDetails") : t("common.showDetails")}
            </Button>
            {retry && step.inbox && step.inboxEventId !== null ? (
              <RetryEventButton eventId={step.inboxEventId} state={step.inbox.state} retry={retry} />
            ) : null}
          </InlineStack>
          <Collapsible id={detailsId} open={open}>
            <StepDetailsPanel step={step} details={details} />
          </Collapsible>
        </>
      ) : null}
    </BlockStack>
  );
}

export function DeliveryTimeline({
  steps,
  details,
  retry,
}: {
  steps: readonly TimelineStep[];
  /** By step id; absent for notes and events the inbox no longer holds. */
  details: Readonly<Record<string, StepDetails>>;
  retry: EventRetry | null;
}) {
  const t = useTranslate();
  if (steps.length === 0)
    return (
      <Text as="p" tone="subdued">
        {t("delivery.timeline.empty")}
      </Text>
    );
  return (
    <BlockStack gap="300" as="ol">
      {steps.map((step, index) => (
        <li key={step.id} style={{ listStyle: "none" }}>
          <BlockStack gap="300">
            {index > 0 ? <Divider /> : null}
            <Step step={step} details={details[step.id]} retry={retry} />
          </BlockStack>
        </li>
      ))}
    </BlockStack>
  );
}
