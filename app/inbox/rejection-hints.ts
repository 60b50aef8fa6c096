// What each rejection the webhook counts is called, and what the merchant can do about it: read
// by the settings page and the overview's connection banner alike.
import type { MessageKey } from "../i18n/messages";
import type { RejectionReason } from "./receive-wakilni-webhook.server";

export const REJECTION_HINTS: Partial<Record<RejectionReason, { label: MessageKey; hint: MessageKey }>> = {
  missing_signature: { label: "rejection.missing_signature", hint: "settings.rejections.hint.signature" },
  malformed_signature: { label: "rejection.malformed_signature", hint: "settings.rejections.hint.signature" },
  signature_mismatch: { label: "rejection.signature_mismatch", hint: "settings.rejections.hint.signature" },
  secret_not_set: { label: "rejection.secret_not_set", hint: "settings.rejections.hint.secret" },
  invalid_json: { label: "rejection.invalid_json", hint: "settings.rejections.hint.payload" },
  invalid_payload: { label: "rejection.invalid_payload", hint: "settings.rejections.hint.payload" },
  topic_mismatch: { label: "rejection.topic_mismatch", hint: "settings.rejections.hint.payload" },
  payload_too_large: { label: "rejection.payload_too_large", hint: "settings.rejections.hint.payload" },
  event_too_old: { label: "rejection.event_too_old", hint: "settings.rejections.hint.tooOld" },
  event_in_future: { label: "rejection.event_in_future", hint: "settings.rejections.hint.inFuture" },
  event_id_conflict: { label: "rejection.event_id_conflict", hint: "settings.rejections.hint.conflict" },
};

export function rejectionHint(reason: string): { label: MessageKey; hint: MessageKey } | undefined {
  return REJECTION_HINTS[reason as RejectionReason];
}
