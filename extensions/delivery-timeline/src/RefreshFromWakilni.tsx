// The block's "Refresh from Wakilni" for one parcel (POST /api/orders/<id>/refresh, the delivery
// page's own action): shown only when the shop's connection to Wakilni's API works (the timeline
// says so), it says what Wakilni knew that the app had missed, nothing new, or what failed. The
// order action (extensions/link-waybill-action) shows it too, with the same `refresh.*` texts.
import type { I18nTranslate } from "@shopify/ui-extensions/admin";
import { useState } from "preact/hooks";
import type { RefreshDeliveryAnswer } from "../../../app/delivery/order-actions";
import { failureDetail } from "../../../app/settings/wakilni-connection";

type RefreshState = { state: "idle" } | { state: "sending" } | { state: "done"; message: string; tone: "success" | "info" | "critical" };

/** `translate`: the host extension's shopify.i18n.translate (each extension's global is typed for its own target). */
export function RefreshFromWakilni({
  orderId,
  waybill,
  translate,
  onChanged,
}: {
  orderId: string;
  waybill: string;
  translate: I18nTranslate;
  onChanged?: () => void;
}) {
  const [refresh, setRefresh] = useState<RefreshState>({ state: "idle" });

  async function run() {
    setRefresh({ state: "sending" });
    try {
      const response = await fetch(`/api/orders/${orderId}/refresh`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ waybill }),
      });
      const answer = (await response.json()) as RefreshDeliveryAnswer;
      if (!answer.ok) {
        const detail = "notConnected" in answer ? translate("refresh.notConnected") : failureDetail(answer.failure);
        setRefresh({ state: "done", tone: "critical", message: translate("refresh.failed", { detail }) });
        return;
      }
      setRefresh(
        answer.newChanges > 0
          ? { state: "done", tone: "success", message: translate("refresh.newChanges", { count: answer.newChanges }) }
          : { state: "done", tone: "info", message: translate("refresh.nothingNew") },
      );
      if (answer.newChanges > 0) onChanged?.();
    } catch (error) {
      console.error(error);
      setRefresh({ state: "done", tone: "critical", message: translate("refresh.unreachable") });
    }
  }

  return (
    <s-stack gap="small-200">
      <s-button loading={refresh.state === "sending"} onClick={run}>
        {translate("refresh.button")}
      </s-button>
      {refresh.state === "done" && <s-paragraph tone={refresh.tone}>{refresh.message}</s-paragraph>}
    </s-stack>
  );
}
