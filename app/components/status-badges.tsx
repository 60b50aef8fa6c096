// The badges the deliveries, delivery and event log pages share, so a status reads (and is
// coloured) the same wherever the merchant meets it, the order page's block included: names and
// tones come from the status and outcome tables. Codes come from the database as text: a code
// this version does not know is shown as it is rather than hidden.
import { Badge } from "@shopify/polaris";
import type { BadgeProps } from "@shopify/polaris";
import { TIMELINE_OUTCOMES, timelineOutcomeFromCode } from "../delivery/timeline-outcomes";
import { useTranslate } from "../i18n/context";
import type { MessageKey } from "../i18n/messages";
import { WAKILNI_STATUSES, type BadgeTone } from "../wakilni/statuses";
import { topicFromCode } from "../wakilni/topics";
import { inboxStateTone, isInboxState, type InboxState } from "../inbox/inbox-states";

type Tone = BadgeProps["tone"];

/** Polaris's words for the tones of Shopify's admin components; neutral is a badge without a tone. */
const POLARIS_TONES: Readonly<Record<BadgeTone, Tone>> = {
  neutral: undefined,
  info: "info",
  success: "success",
  caution: "attention",
  warning: "warning",
  critical: "critical",
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
  return (
    <Badge tone={topic ? POLARIS_TONES[WAKILNI_STATUSES[topic].tone] : undefined}>
      {statusLabel(status) ?? status ?? t("status.none")}
    </Badge>
  );
}

export function inboxStateLabel(state: InboxState): MessageKey {
  return `inboxState.${state}`;
}

export function InboxStateBadge({ state }: { state: string }) {
  const t = useTranslate();
  return isInboxState(state) ? <Badge tone={inboxStateTone(state)}>{t(inboxStateLabel(state))}</Badge> : <Badge>{state}</Badge>;
}

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const t = useTranslate();
  const known = timelineOutcomeFromCode(outcome);
  return known ? <Badge tone={POLARIS_TONES[TIMELINE_OUTCOMES[known].tone]}>{t(`outcome.${known}`)}</Badge> : <Badge>{outcome}</Badge>;
}
