// The connection check's result as the shop row keeps it and the settings page shows it: when,
// the outcome ("ok" or the failure's kind), the Wakilni account's name, and what failed in
// Wakilni's own words. Reconciliation stays off until the last check passed (wakilniApiConnected).
import type { MessageKey } from "../i18n/messages";
import type { WakilniAccount, WakilniApiFailure, WakilniApiResult } from "../wakilni/api/wakilni-api";

export type ConnectionOutcome = "ok" | WakilniApiFailure["kind"];

export interface ConnectionCheck {
  checkedAt: Date;
  outcome: ConnectionOutcome;
  /** The Wakilni account's name, when the check passed and Wakilni gave one. */
  account: string | null;
  /** What failed, in Wakilni's or the network's words (code-like: shown left to right). */
  detail: string | null;
}

/** The merchant's sentence for each outcome: {account} for success, {detail} for a failure. */
export const CONNECTION_MESSAGES: Readonly<Record<ConnectionOutcome, MessageKey>> = {
  ok: "settings.connection.ok",
  unreachable: "settings.connection.unreachable",
  refused: "settings.connection.refused",
  rate_limited: "settings.connection.rateLimited",
  server_error: "settings.connection.serverError",
  // The check looks nothing up, so a 404 means the path is not what docs/decisions/020 assumes.
  not_found: "settings.connection.unexpected",
  unexpected_answer: "settings.connection.unexpected",
};

function isOutcome(value: string): value is ConnectionOutcome {
  return Object.hasOwn(CONNECTION_MESSAGES, value);
}

/** A failure told briefly, for the merchant to read out to support: the HTTP status and Wakilni's message. */
export function failureDetail(failure: WakilniApiFailure): string {
  switch (failure.kind) {
    case "unreachable":
      return failure.detail;
    case "refused":
    case "unexpected_answer":
      return `HTTP ${failure.status}: ${failure.detail}`;
    case "rate_limited":
      return failure.retryAfterSeconds === null ? "HTTP 429" : `HTTP 429, Retry-After ${failure.retryAfterSeconds} s`;
    case "server_error":
      return `HTTP ${failure.status}`;
    case "not_found":
      return "HTTP 404";
  }
}

export function connectionCheckOf(result: WakilniApiResult<WakilniAccount>, checkedAt: Date): ConnectionCheck {
  return result.ok
    ? { checkedAt, outcome: "ok", account: result.value.name, detail: null }
    : { checkedAt, outcome: result.failure.kind, account: null, detail: failureDetail(result.failure) };
}

interface ConnectionColumns {
  wakilniApiCheckedAt: Date | null;
  wakilniApiOutcome: string | null;
  wakilniApiAccount: string | null;
  wakilniApiDetail: string | null;
}

export function connectionCheckColumns(check: ConnectionCheck): ConnectionColumns {
  return {
    wakilniApiCheckedAt: check.checkedAt,
    wakilniApiOutcome: check.outcome,
    wakilniApiAccount: check.account,
    wakilniApiDetail: check.detail,
  };
}

/** The last check, or null when the shop never ran one; an outcome this version does not know reads as unexpected. */
export function connectionCheckFrom(row: ConnectionColumns): ConnectionCheck | null {
  if (!row.wakilniApiCheckedAt || !row.wakilniApiOutcome) return null;
  return {
    checkedAt: row.wakilniApiCheckedAt,
    outcome: isOutcome(row.wakilniApiOutcome) ? row.wakilniApiOutcome : "unexpected_answer",
    account: row.wakilniApiAccount,
    detail: row.wakilniApiDetail,
  };
}

/** The last connection check passed: what reconciliation waits for before it asks Wakilni anything. */
export function wakilniApiConnected(row: Pick<ConnectionColumns, "wakilniApiOutcome">): boolean {
  return row.wakilniApiOutcome === "ok";
}
