// One delivery: what the app knows of the parcel and its Shopify order, and its timeline — one
// step per Wakilni status change in Wakilni's order, with what the app did in Shopify folded
// inside and the event's attempts and body on demand (app/delivery/timeline-steps.ts builds it,
// app/components/delivery-timeline.tsx shows it), so the merchant can see why an order looks the
// way it does and retry an event the worker gave up on.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { Banner, BlockStack, Button, Card, EmptyState, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";
import { useState, type ReactNode } from "react";
import { authenticate } from "../shopify.server";
import { prisma } from "../db.server";
import { env } from "../env.server";
import { retryInboxEventFromForm } from "../inbox/manual-retry.server";
import { waybillEvents } from "../inbox/inbox-store.server";
import { formatContact } from "../delivery/labels";
import { buildTimeline, inboxText } from "../delivery/timeline-steps";
import type { TimelineStep } from "../delivery/order-timeline";
import { ltrIsolate } from "../i18n/bidi";
import { useLocale, useTranslate } from "../i18n/context";
import { DeliveryStatusBadge } from "../components/status-badges";
import { useEventRetry } from "../components/retry-event-button";
import { DeliveryTimeline, useTimelineText, type StepDetails } from "../components/delivery-timeline";
import { ShopifyOrderLink } from "../components/shopify-order-link";
import { PARCEL_ILLUSTRATION } from "../components/parcel-illustration";
import { LinkOrderModal, UnlinkModal } from "../components/order-link-controls";
import { parseFulfillmentIds } from "../sync/fulfillment-ids";
import { LinkError, linkWaybillToOrder, unlinkWaybill } from "../sync/link-waybill.server";
import { refusalText } from "../delivery/order-action-refusals";
import { localeFromRequest } from "../i18n/locale";
import { canRefreshFromWakilni, refreshFromWakilni } from "../reconcile/refresh-from-wakilni.server";
import { RefreshFromWakilni } from "../components/refresh-from-wakilni";

/** Per kind of row: a waybill Wakilni keeps resending must not make the page unbounded. */
const TIMELINE_LIMIT = 200;

function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

/** The body as sent, indented when it is JSON (it nearly always is: the webhook parsed it). */
function prettyBody(rawBody: string): string {
  try {
    return JSON.stringify(JSON.parse(rawBody), null, 2);
  } catch {
    return rawBody;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const id = Number(params.id);
  if (!Number.isSafeInteger(id)) throw notFound();
  const delivery = await prisma.delivery.findFirst({
    where: { id, shop: session.shop },
    select: {
      id: true,
      waybill: true,
      wakilniOrderId: true,
      orderId: true,
      orderName: true,
      fulfillmentIds: true,
      status: true,
      needsAttention: true,
      trackingUrl: true,
      driverName: true,
      driverPhone: true,
      parkedReason: true,
    },
  });
  if (!delivery) throw notFound();
  const { fulfillmentIds, ...facts } = delivery;

  const [entries, events, canRefresh] = await Promise.all([
    prisma.timelineEntry.findMany({
      where: { deliveryId: id },
      orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
      take: TIMELINE_LIMIT,
      select: {
        id: true,
        inboxEventId: true,
        topic: true,
        outcome: true,
        messageKey: true,
        messageValues: true,
        message: true,
        occurredAt: true,
        recordedAt: true,
        undoneAt: true,
      },
    }),
    waybillEvents(session.shop, delivery.waybill, TIMELINE_LIMIT),
    canRefreshFromWakilni(session.shop),
  ]);

  const details: Record<string, StepDetails> = Object.fromEntries(
    events.map((event) => [
      `event-${event.id}`,
      {
        body: event.prunedAt ? { removedAfterDays: env.INBOX_RETENTION_DAYS } : prettyBody(event.rawBody),
        transitions: event.transitions.map((transition) => ({
          id: transition.id,
          state: transition.state,
          at: transition.at.toISOString(),
          message: inboxText(transition.messageKey, transition.messageValues, transition.detail),
        })),
        conflicts: event.conflicts.map((conflict) => ({
          id: conflict.id,
          at: conflict.receivedAt.toISOString(),
          body: prettyBody(conflict.rawBody),
        })),
      } satisfies StepDetails,
    ]),
  );

  return {
    delivery: { ...facts, fulfillmentCount: parseFulfillmentIds(fulfillmentIds).length },
    steps: buildTimeline(entries, events),
    details,
    truncated: entries.length === TIMELINE_LIMIT || events.length === TIMELINE_LIMIT,
    canRefresh,
  };
}

/**
 * Why the waybill waits for a link, in the merchant's language: the newest step that parked it
 * or unlinked it; the stored English reason for a delivery from before message keys.
 */
function waitingReason(steps: readonly TimelineStep[]): TimelineStep["message"] {
  const step = steps.find(
    (candidate) =>
      (candidate.outcome === "parked" && !candidate.undone) ||
      (candidate.message !== null && "key" in candidate.message && candidate.message.key === "unlinkedFromOrder"),
  );
  return step?.message ?? null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "link" && intent !== "unlink" && intent !== "refresh") return retryInboxEventFromForm(session.shop, form, new Date());
  const delivery = await prisma.delivery.findFirst({ where: { id: Number(params.id), shop: session.shop }, select: { waybill: true } });
  if (!delivery) throw new Response("Not found", { status: 404 });
  if (intent === "refresh") return refreshFromWakilni(session.shop, delivery.waybill, new Date());
  try {
    if (intent === "unlink") return { unlinked: await unlinkWaybill(session.shop, delivery.waybill, new Date()) };
    const linked = await linkWaybillToOrder(session.shop, delivery.waybill, String(form.get("order") ?? ""), new Date());
    return { linked: linked.orderName };
  } catch (error) {
    if (error instanceof LinkError) return { linkError: refusalText(error.refusal, localeFromRequest(request)) };
    throw error;
  }
}

/** The link and unlink controls of the delivery (order-link-controls.tsx), as on the queue. */
function LinkControls({ delivery }: { delivery: { id: number; waybill: string; orderId: string | null; orderName: string | null } }) {
  const t = useTranslate();
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <InlineStack>
      {delivery.orderId ? (
        <Button variant="tertiary" tone="critical" onClick={() => setOpen(true)}>
          {t("queue.unlink")}
        </Button>
      ) : (
        <Button onClick={() => setOpen(true)}>{t("queue.link")}</Button>
      )}
      {open && delivery.orderId ? (
        <UnlinkModal
          deliveryId={delivery.id}
          waybill={delivery.waybill}
          orderName={delivery.orderName ?? delivery.orderId}
          onClose={close}
        />
      ) : null}
      {open && !delivery.orderId ? <LinkOrderModal deliveryId={delivery.id} waybill={delivery.waybill} onClose={close} /> : null}
    </InlineStack>
  );
}

/** One fact of the delivery: the term above its value, so neither wraps mid-word in a narrow column. */
function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <BlockStack gap="050">
      <Text as="dt" tone="subdued">
        {term}
      </Text>
      <dd style={{ margin: 0 }}>{children}</dd>
    </BlockStack>
  );
}

export default function DeliveryPage() {
  const { delivery, steps, details, truncated, canRefresh } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const locale = useLocale();
  const text = useTimelineText();
  const retry = useEventRetry();
  const reason = waitingReason(steps);
  const unknown = (
    <Text as="span" tone="subdued">
      {t("delivery.unknown")}
    </Text>
  );
  const contact = formatContact(delivery.driverName, delivery.driverPhone);

  return (
    <Page
      title={t("delivery.title", { waybill: ltrIsolate(delivery.waybill, locale) })}
      backAction={{ content: t("delivery.back"), url: "/app/deliveries" }}
    >
      <Layout>
        {delivery.orderId ? null : (
          <Layout.Section>
            <Banner tone="warning" title={t("delivery.unmatchedTitle")}>
              <BlockStack gap="300">
                <Text as="p" breakWord>
                  {reason ? text(reason) : delivery.parkedReason}
                </Text>
                <LinkControls delivery={delivery} />
              </BlockStack>
            </Banner>
          </Layout.Section>
        )}
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("delivery.facts")}
              </Text>
              <dl style={{ margin: 0, display: "flex", flexDirection: "column", gap: "var(--p-space-300)" }}>
                <Fact term={t("delivery.waybill")}>
                  <bdi>{delivery.waybill}</bdi>
                </Fact>
                <Fact term={t("delivery.wakilniOrderId")}>{delivery.wakilniOrderId ? <bdi>{delivery.wakilniOrderId}</bdi> : unknown}</Fact>
                <Fact term={t("delivery.order")}>
                  {delivery.orderId ? (
                    <InlineStack gap="200" blockAlign="center">
                      <ShopifyOrderLink orderId={delivery.orderId} orderName={delivery.orderName} />
                      <LinkControls delivery={delivery} />
                    </InlineStack>
                  ) : (
                    unknown
                  )}
                </Fact>
                <Fact term={t("delivery.status")}>
                  <InlineStack gap="100">
                    <DeliveryStatusBadge status={delivery.status} matched={delivery.orderId !== null} />
                    {delivery.needsAttention ? <Text as="span">{t("deliveries.needsAttention")}</Text> : null}
                  </InlineStack>
                </Fact>
                <Fact term={t("delivery.fulfillment")}>
                  {delivery.fulfillmentCount === 0
                    ? t("delivery.fulfillment.none")
                    : delivery.fulfillmentCount === 1
                      ? t("delivery.fulfillment.created")
                      : t("delivery.fulfillment.several", { count: delivery.fulfillmentCount })}
                </Fact>
                <Fact term={t("delivery.trackingUrl")}>
                  {delivery.trackingUrl ? (
                    <Link url={delivery.trackingUrl} target="_blank">
                      <span dir="ltr" style={{ overflowWrap: "anywhere" }}>
                        {delivery.trackingUrl}
                      </span>
                    </Link>
                  ) : (
                    unknown
                  )}
                </Fact>
                <Fact term={t("delivery.driver")}>{contact ? <bdi>{contact}</bdi> : unknown}</Fact>
              </dl>
              {canRefresh ? <RefreshFromWakilni /> : null}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("delivery.timeline")}
              </Text>
              {truncated ? <Banner tone="info">{t("delivery.timeline.truncated", { count: TIMELINE_LIMIT })}</Banner> : null}
              <DeliveryTimeline steps={steps} details={details} retry={retry} />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
      {retry.toast}
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useTranslate();
  if (!isRouteErrorResponse(error) || error.status !== 404) return boundary.error(error);
  return (
    <Page title={t("delivery.notFoundTitle")} backAction={{ content: t("delivery.back"), url: "/app/deliveries" }}>
      <Card>
        <EmptyState
          heading={t("delivery.notFoundTitle")}
          image={PARCEL_ILLUSTRATION}
          action={{ content: t("delivery.back"), url: "/app/deliveries" }}
        >
          <p>{t("delivery.notFoundBody")}</p>
        </EmptyState>
      </Card>
    </Page>
  );
}
