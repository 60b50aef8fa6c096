// The delivery page's "Refresh from Wakilni": asks Wakilni's API about the delivery and says what
// it found — so many new status changes (now on their way to Shopify), nothing new, or exactly
// what failed. The page's action answers with a RefreshDeliveryAnswer (intent "refresh").
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Text } from "@shopify/polaris";
import { useTranslate } from "../i18n/context";
import type { Translate } from "../i18n/messages";
import type { RefreshDeliveryAnswer } from "../delivery/order-actions";
import type { WakilniApiFailure } from "../wakilni/api/wakilni-api";
import { failureDetail } from "../settings/wakilni-connection";

/** What failed, in the merchant's language, with the HTTP status or network error as the connection check tells it. */
export function wakilniFailureText(t: Translate, failure: WakilniApiFailure): string {
  return t(`refresh.failure.${failure.kind}`, { detail: failureDetail(failure) });
}

function AnswerBanner({ answer }: { answer: RefreshDeliveryAnswer }) {
  const t = useTranslate();
  if (!answer.ok) {
    return (
      <Banner tone="critical">
        <Text as="p" breakWord>
          {"notConnected" in answer ? t("refresh.notConnected") : t("refresh.failed", { reason: wakilniFailureText(t, answer.failure) })}
        </Text>
      </Banner>
    );
  }
  return (
    <Banner tone={answer.newChanges > 0 ? "success" : "info"}>
      <BlockStack gap="100">
        <Text as="p">
          {answer.newChanges > 0
            ? t("refresh.newChanges", { count: String(answer.newChanges) })
            : t("refresh.nothingNew", { status: answer.currentStatus })}
        </Text>
        {answer.unreadableChanges > 0 ? <Text as="p">{t("refresh.unreadable", { count: String(answer.unreadableChanges) })}</Text> : null}
      </BlockStack>
    </Banner>
  );
}

export function RefreshFromWakilni() {
  const t = useTranslate();
  const fetcher = useFetcher<RefreshDeliveryAnswer>();
  return (
    <BlockStack gap="200">
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="refresh" />
        <Button submit loading={fetcher.state !== "idle"}>
          {t("refresh.button")}
        </Button>
      </fetcher.Form>
      {fetcher.data && fetcher.state === "idle" ? <AnswerBanner answer={fetcher.data} /> : null}
    </BlockStack>
  );
}
