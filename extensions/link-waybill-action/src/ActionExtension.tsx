// The order action "Link a Wakilni waybill": when Wakilni's waybill matched no order, the
// merchant links it from the order itself. It suggests the shop's parked waybills (or takes a
// typed one), asks the app to link it (/api/orders/<id>/link, which replays the waybill's
// parked events at once) and says how it went. A failure to load suggestions leaves typing open.
// When the order's timeline says the shop's connection to Wakilni's API works (canRefresh), each
// linked parcel can also be refreshed from Wakilni here, as on the order-page block.
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { readActionAnswer, refusalText } from "../../../app/delivery/order-action-refusals";
import type { LinkSuggestions, LinkWaybillAnswer, ParkedWaybill } from "../../../app/delivery/order-actions";
import { supportedLocale } from "../../../app/i18n/locale";
import type { OrderTimeline } from "../../../app/delivery/order-timeline";
import { RefreshFromWakilni } from "../../delivery-timeline/src/RefreshFromWakilni";

export default async () => {
  render(<LinkWaybillAction />, document.body);
};

type Suggestions = { state: "loading" } | { state: "failed" } | { state: "loaded"; data: LinkSuggestions };
type Submission =
  | { state: "idle" }
  | { state: "sending" }
  | { state: "linked"; waybill: string; orderName: string; replayed: number }
  | { state: "refused"; message: string };

/** The numeric id the app's routes take, from the order's GID ("gid://shopify/Order/123"). */
function legacyOrderId(): string | null {
  return shopify.data.selected[0]?.id.match(/\/(\d+)$/)?.[1] ?? null;
}

/** Relative to the app's URL; Shopify adds the ID token the route checks. */
async function loadSuggestions(orderId: string): Promise<LinkSuggestions> {
  const response = await fetch(`/api/orders/${orderId}/link`);
  if (!response.ok) throw new Error(`Suggestions request answered ${response.status}`);
  return response.json();
}

/** The waybills "Refresh from Wakilni" is offered for: none unless the timeline says canRefresh. */
async function refreshableWaybills(orderId: string): Promise<string[]> {
  const response = await fetch(`/api/orders/${orderId}/timeline`);
  if (!response.ok) throw new Error(`Timeline request answered ${response.status}`);
  const timeline = (await response.json()) as OrderTimeline;
  return timeline.canRefresh ? timeline.deliveries.map((delivery) => delivery.waybill) : [];
}

async function linkWaybill(orderId: string, waybill: string): Promise<LinkWaybillAnswer> {
  const response = await fetch(`/api/orders/${orderId}/link`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ waybill }),
  });
  return readActionAnswer(response, "Link request");
}

function LinkWaybillAction() {
  const { translate } = shopify.i18n;
  // Each locale file names its own language, so a refusal is said in the language of the other texts.
  const locale = supportedLocale(translate("locale")) ?? "en";
  const orderId = legacyOrderId();
  const [suggestions, setSuggestions] = useState<Suggestions>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [waybill, setWaybill] = useState("");
  const [submission, setSubmission] = useState<Submission>({ state: "idle" });
  const [refreshable, setRefreshable] = useState<string[]>([]);

  useEffect(() => {
    if (!orderId) return;
    let current = true;
    // Without the timeline the action is what it was: linking still works.
    refreshableWaybills(orderId).then(
      (waybills) => current && setRefreshable(waybills),
      (error: unknown) => console.error(error),
    );
    return () => {
      current = false;
    };
  }, [orderId]);

  useEffect(() => {
    if (!orderId) {
      setSuggestions({ state: "failed" });
      return;
    }
    let current = true;
    setSuggestions({ state: "loading" });
    loadSuggestions(orderId).then(
      (data) => current && setSuggestions({ state: "loaded", data }),
      (error: unknown) => {
        console.error(error);
        if (current) setSuggestions({ state: "failed" });
      },
    );
    return () => {
      current = false;
    };
  }, [attempt, orderId]);

  async function submit() {
    const typed = waybill.trim();
    if (!orderId || !typed || submission.state === "sending") return;
    setSubmission({ state: "sending" });
    try {
      const answer = await linkWaybill(orderId, typed);
      setSubmission(
        "linked" in answer ? { state: "linked", ...answer.linked } : { state: "refused", message: refusalText(answer.error, locale) },
      );
    } catch (error) {
      console.error(error);
      setSubmission({ state: "refused", message: translate("failed.unknown") });
    }
  }

  if (submission.state === "linked") {
    return (
      <s-admin-action heading={translate("heading")}>
        <s-banner tone="success" heading={translate("linked.heading", { waybill: submission.waybill, order: submission.orderName })}>
          <s-paragraph>
            {submission.replayed > 0 ? translate("linked.body", { count: submission.replayed }) : translate("linked.later")}
          </s-paragraph>
        </s-banner>
        <s-button slot="primary-action" variant="primary" onClick={() => shopify.close()}>
          {translate("close")}
        </s-button>
      </s-admin-action>
    );
  }

  return (
    <s-admin-action heading={translate("heading")}>
      <s-stack gap="base">
        {orderId &&
          refreshable.map((linked) => (
            <s-stack key={linked} gap="small-300">
              <s-text type="strong">{linked}</s-text>
              <RefreshFromWakilni orderId={orderId} waybill={linked} translate={translate} />
            </s-stack>
          ))}
        <s-paragraph>{translate("intro")}</s-paragraph>
        {submission.state === "refused" && (
          <s-banner tone="critical" heading={translate("failed.heading")}>
            <s-paragraph>{submission.message}</s-paragraph>
          </s-banner>
        )}
        {suggestions.state === "loaded" && suggestions.data.linkedWaybills.length > 0 && (
          <s-paragraph color="subdued">{translate("alreadyLinked", { waybills: suggestions.data.linkedWaybills.join(", ") })}</s-paragraph>
        )}
        <s-text-field
          label={translate("field.label")}
          details={translate("field.help")}
          value={waybill}
          onInput={(event) => setWaybill(event.currentTarget.value)}
        />
        {suggestions.state === "loading" && (
          <s-stack direction="inline" gap="small" alignItems="center">
            <s-spinner accessibilityLabel={translate("loading")} />
            <s-text color="subdued">{translate("loading")}</s-text>
          </s-stack>
        )}
        {suggestions.state === "failed" && (
          <s-banner tone="warning" heading={translate("loadFailed.heading")}>
            <s-stack gap="small">
              <s-paragraph>{translate("loadFailed.body")}</s-paragraph>
              <s-button onClick={() => setAttempt((count) => count + 1)}>{translate("loadFailed.retry")}</s-button>
            </s-stack>
          </s-banner>
        )}
        {suggestions.state === "loaded" && (
          <Suggestions parked={suggestions.data.suggestions} chosen={waybill.trim()} onChoose={setWaybill} />
        )}
      </s-stack>
      <s-button
        slot="primary-action"
        variant="primary"
        disabled={!waybill.trim() || !orderId}
        loading={submission.state === "sending"}
        onClick={submit}
      >
        {translate("submit")}
      </s-button>
      <s-button slot="secondary-actions" onClick={() => shopify.close()}>
        {translate("cancel")}
      </s-button>
    </s-admin-action>
  );
}

function Suggestions({ parked, chosen, onChoose }: { parked: ParkedWaybill[]; chosen: string; onChoose: (waybill: string) => void }) {
  const { translate, formatDate } = shopify.i18n;
  if (parked.length === 0) return <s-paragraph color="subdued">{translate("suggestions.none")}</s-paragraph>;
  return (
    <s-stack gap="small">
      <s-heading>{translate("suggestions.heading")}</s-heading>
      {parked.map((suggestion) => (
        <s-stack key={suggestion.waybill} direction="inline" gap="small" alignItems="center" justifyContent="space-between">
          <s-stack gap="small-300">
            <s-text type="strong">{suggestion.waybill}</s-text>
            {suggestion.lastEventAt && (
              <s-text color="subdued">
                {translate("suggestions.detail", {
                  count: suggestion.parkedEvents,
                  at: formatDate(new Date(suggestion.lastEventAt), { dateStyle: "medium", timeStyle: "short" }),
                })}
              </s-text>
            )}
          </s-stack>
          <s-button disabled={chosen === suggestion.waybill} onClick={() => onChoose(suggestion.waybill)}>
            {translate("suggestions.choose", { waybill: suggestion.waybill })}
          </s-button>
        </s-stack>
      ))}
    </s-stack>
  );
}
