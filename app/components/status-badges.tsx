// The badges the deliveries, delivery and event log pages share, so a status reads (and is
// coloured) the same wherever the merchant meets it. Codes come from the database as text: a
// code this version does not know is shown as it is rather than hidden.
import { Badge } from "@shopify/polaris";
import type { BadgeProps } from "@shopify/polaris";
import { useTranslate } from "../i18n/context";
import type { MessageKey } from "../i18n/messages";
import { topicFromCode, type WakilniTopic } from "../wakilni/topics";
import { inboxStateTone, isInboxState, type InboxState } from "../inbox/inbox-states";

type Tone = BadgeProps["tone"];

const STATUS_TONES: Partial<Record<WakilniTopic, Tone>> = {
  completed: "success",
  failed: "critical",
  completed_rejected: "critical",
  closed_failed: "critical",
  declined: "critical",
  postponed: "warning",
  pending_cancelation: "warning",
};

/** The merchant's name for a Wakilni status (topic code), or null for an unknown code. */
export function useStatusLabel(): (code: string | null) => string | null {
  const t = useTranslate();
  return (code) => {
    const topic = code ? topicFromCode(code) : null;
    return topic ? t(`status.${topic}`) : null;
  };
}

/** A delivery without a Shopify order is unmatched whatever Wakilni says: that is what the merchant must act on. */
export function DeliveryStatusBadge({ status, matched }: { status: string | null; matched: boolean }) {
  const t = useTranslate();
  const statusLabel = useStatusLabel();
  if (!matched) return <Badge tone="attention">{t("status.unmatched")}</Badge>;
  const topic = status ? topicFromCode(status) : null;
  return <Badge tone={(topic && STATUS_TONES[topic]) || "info"}>{statusLabel(status) ?? status ?? t("status.none")}</Badge>;
}

export function inboxStateLabel(state: InboxState): MessageKey {
  return `inboxState.${state}`;
}

export function InboxStateBadge({ state }: { state: string }) {
  const t = useTranslate();
  return isInboxState(state) ? <Badge tone={inboxStateTone(state)}>{t(inboxStateLabel(state))}</Badge> : <Badge>{state}</Badge>;
}

const OUTCOMES = {
  applied: { label: "outcome.applied", tone: "success" },
  stale: { label: "outcome.stale", tone: undefined },
  after_terminal: { label: "outcome.after_terminal", tone: undefined },
  unsupported: { label: "outcome.unsupported", tone: "warning" },
  parked: { label: "outcome.parked", tone: "attention" },
  failed: { label: "outcome.failed", tone: "critical" },
  note: { label: "outcome.note", tone: "info" },
} as const satisfies Record<string, { label: MessageKey; tone: Tone }>;

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const t = useTranslate();
  const known = Object.hasOwn(OUTCOMES, outcome) ? OUTCOMES[outcome as keyof typeof OUTCOMES] : null;
  return known ? <Badge tone={known.tone}>{t(known.label)}</Badge> : <Badge>{outcome}</Badge>;
}
