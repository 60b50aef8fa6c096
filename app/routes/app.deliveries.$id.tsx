// One delivery: what the app knows of the parcel and its Shopify order, and its timeline — what
// the app did with each Wakilni event, merged with the events as they arrived (state changes
// and raw body on demand), so the merchant can see why an order looks the way it does and
// retry an event the worker gave up on.
import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Collapsible,
  DescriptionList,
  Divider,
  EmptyState,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import { authenticate } from "../shopify.server";
import { prisma } from "../db.server";
import { retryInboxEventFromForm } from "../inbox/manual-retry.server";
import { waybillEvents } from "../inbox/inbox-store.server";
import { formatContact } from "../delivery/labels";
import { useFormatDateTime, useTranslate } from "../i18n/context";
import { DeliveryStatusBadge, InboxStateBadge, OutcomeBadge, useStatusLabel } from "../components/status-badges";
import { RetryEventButton, useEventRetry, type EventRetry } from "../components/retry-event-button";
import { ShopifyOrderLink } from "../components/shopify-order-link";
import { PARCEL_ILLUSTRATION } from "../components/parcel-illustration";
import { LinkOrderModal, UnlinkModal } from "../components/order-link-controls";
import { parseFulfillmentIds } from "../sync/fulfillment-ids";
import { LinkError, linkWaybillToOrder, unlinkWaybill } from "../sync/link-waybill.server";

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

  const [entries, events] = await Promise.all([
    prisma.timelineEntry.findMany({
      where: { deliveryId: id },
      orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
      take: TIMELINE_LIMIT,
      select: { id: true, topic: true, outcome: true, message: true, occurredAt: true, recordedAt: true },
    }),
    waybillEvents(session.shop, delivery.waybill, TIMELINE_LIMIT),
  ]);

  const timeline = [
    ...entries.map(({ recordedAt, occurredAt, ...entry }) => ({
      kind: "entry" as const,
      at: recordedAt.toISOString(),
      occurredAt: occurredAt?.toISOString() ?? null,
      ...entry,
    })),
    ...events.map(({ receivedAt, rawBody, transitions, conflicts, ...event }) => ({
      kind: "event" as const,
      at: receivedAt.toISOString(),
      body: prettyBody(rawBody),
      conflicts: conflicts.map((conflict) => ({
        id: conflict.id,
        at: conflict.receivedAt.toISOString(),
        body: prettyBody(conflict.rawBody),
      })),
      transitions: transitions.map((transition) => ({ ...transition, at: transition.at.toISOString() })),
      ...event,
    })),
  ].sort(
    // Newest first; at the same instant, what the app did comes before the event it did it with.
    (a, b) => b.at.localeCompare(a.at) || (a.kind === b.kind ? b.id - a.id : a.kind === "entry" ? -1 : 1),
  );

  return {
    delivery: { ...facts, fulfillmentCount: parseFulfillmentIds(fulfillmentIds).length },
    timeline,
    truncated: entries.length === TIMELINE_LIMIT || events.length === TIMELINE_LIMIT,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "link" && intent !== "unlink") return retryInboxEventFromForm(session.shop, form, new Date());
  const delivery = await prisma.delivery.findFirst({ where: { id: Number(params.id), shop: session.shop }, select: { waybill: true } });
  if (!delivery) throw new Response("Not found", { status: 404 });
  try {
    if (intent === "unlink") return { unlinked: await unlinkWaybill(session.shop, delivery.waybill, new Date()) };
    const linked = await linkWaybillToOrder(session.shop, delivery.waybill, String(form.get("order") ?? ""), new Date());
    return { linked: linked.orderName };
  } catch (error) {
    if (error instanceof LinkError) return { linkError: error.message };
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

type TimelineItem = SerializeFrom<typeof loader>["timeline"][number];

export default function DeliveryPage() {
  const { delivery, timeline, truncated } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const retry = useEventRetry();
  const unknown = (
    <Text as="span" tone="subdued">
      {t("delivery.unknown")}
    </Text>
  );

  return (
    <Page title={t("delivery.title", { waybill: delivery.waybill })} backAction={{ content: t("delivery.back"), url: "/app/deliveries" }}>
      <Layout>
        {delivery.orderId ? null : (
          <Layout.Section>
            <Banner tone="warning" title={t("delivery.unmatchedTitle")}>
              <BlockStack gap="300">
                <Text as="p">{delivery.parkedReason}</Text>
                <LinkControls delivery={delivery} />
              </BlockStack>
            </Banner>
          </Layout.Section>
        )}
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t("delivery.facts")}
              </Text>
              <DescriptionList
                gap="tight"
                items={[
                  { term: t("delivery.waybill"), description: delivery.waybill },
                  { term: t("delivery.wakilniOrderId"), description: delivery.wakilniOrderId ?? unknown },
                  {
                    term: t("delivery.order"),
                    description: delivery.orderId ? (
                      <InlineStack gap="200" blockAlign="center">
                        <ShopifyOrderLink orderId={delivery.orderId} orderName={delivery.orderName} />
                        <LinkControls delivery={delivery} />
                      </InlineStack>
                    ) : (
                      unknown
                    ),
                  },
                  {
                    term: t("delivery.status"),
                    description: (
                      <InlineStack gap="100">
                        <DeliveryStatusBadge status={delivery.status} matched={delivery.orderId !== null} />
                        {delivery.needsAttention ? <Text as="span">{t("deliveries.needsAttention")}</Text> : null}
                      </InlineStack>
                    ),
                  },
                  {
                    term: t("delivery.fulfillment"),
                    description:
                      delivery.fulfillmentCount === 0
                        ? t("delivery.fulfillment.none")
                        : delivery.fulfillmentCount === 1
                          ? t("delivery.fulfillment.created")
                          : t("delivery.fulfillment.several", { count: delivery.fulfillmentCount }),
                  },
                  {
                    term: t("delivery.trackingUrl"),
                    description: delivery.trackingUrl ? (
                      <Link url={delivery.trackingUrl} target="_blank">
                        {delivery.trackingUrl}
                      </Link>
                    ) : (
                      unknown
                    ),
                  },
                  { term: t("delivery.driver"), description: formatContact(delivery.driverName, delivery.driverPhone) ?? unknown },
                ]}
              />
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
              {timeline.length === 0 ? (
                <Text as="p" tone="subdued">
                  {t("delivery.timeline.empty")}
                </Text>
              ) : (
                timeline.map((item, index) => (
                  <BlockStack gap="300" key={`${item.kind}-${item.id}`}>
                    {index > 0 ? <Divider /> : null}
                    {item.kind === "entry" ? <EntryRow entry={item} /> : <EventRow event={item} retry={retry} />}
                  </BlockStack>
                ))
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
      {retry.toast}
    </Page>
  );
}

function EntryRow({ entry }: { entry: Extract<TimelineItem, { kind: "entry" }> }) {
  const t = useTranslate();
  const formatDateTime = useFormatDateTime();
  const statusLabel = useStatusLabel();
  return (
    <BlockStack gap="100">
      <InlineStack gap="200" align="space-between" blockAlign="center">
        <InlineStack gap="200" blockAlign="center">
          <OutcomeBadge outcome={entry.outcome} />
          {entry.topic ? (
            <Text as="span" fontWeight="semibold">
              {statusLabel(entry.topic) ?? entry.topic}
            </Text>
          ) : null}
        </InlineStack>
        <Text as="span" tone="subdued">
          {t("delivery.timeline.recordedAt", { at: formatDateTime(entry.at) })}
        </Text>
      </InlineStack>
      <Text as="p">{entry.message}</Text>
      {entry.occurredAt ? (
        <Text as="p" tone="subdued">
          {t("delivery.timeline.wakilniTime", { at: formatDateTime(entry.occurredAt) })}
        </Text>
      ) : null}
    </BlockStack>
  );
}

function EventRow({ event, retry }: { event: Extract<TimelineItem, { kind: "event" }>; retry: EventRetry }) {
  const t = useTranslate();
  const formatDateTime = useFormatDateTime();
  const statusLabel = useStatusLabel();
  const [open, setOpen] = useState(false);
  const detailsId = `event-${event.id}-details`;
  return (
    <BlockStack gap="100">
      <InlineStack gap="200" align="space-between" blockAlign="center">
        <InlineStack gap="200" blockAlign="center">
          <InboxStateBadge state={event.state} />
          <Text as="span" fontWeight="semibold">
            {statusLabel(event.topic) ?? event.topicName}
          </Text>
        </InlineStack>
        <Text as="span" tone="subdued">
          {t("delivery.timeline.eventReceived", { at: formatDateTime(event.at) })}
        </Text>
      </InlineStack>
      <Text as="p" tone="subdued">
        {t("events.attempts", { count: event.attempts })} · {t("events.receipts", { count: event.receiptCount })}
      </Text>
      {event.lastError ? (
        <Text as="p" tone="critical">
          {t("events.lastError", { error: event.lastError })}
        </Text>
      ) : null}
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
        <RetryEventButton eventId={event.id} state={event.state} retry={retry} />
      </InlineStack>
      <Collapsible id={detailsId} open={open}>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            {t("events.transitions")}
          </Text>
          {event.transitions.map((transition) => (
            <InlineStack key={transition.id} gap="200" blockAlign="center">
              <Text as="span" tone="subdued">
                {formatDateTime(transition.at)}
              </Text>
              <InboxStateBadge state={transition.state} />
              {transition.detail ? <Text as="span">{transition.detail}</Text> : null}
            </InlineStack>
          ))}
          <Text as="h3" variant="headingSm">
            {t("events.rawBody")}
          </Text>
          <Box background="bg-surface-secondary" padding="300" borderRadius="200" overflowX="scroll">
            {/* JSON reads left to right, even on an Arabic page. */}
            <pre dir="ltr" style={{ margin: 0, fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", fontSize: 12 }}>
              {event.body}
            </pre>
          </Box>
          {event.conflicts.length > 0 ? (
            <>
              <Text as="h3" variant="headingSm">
                {t("events.conflicts")}
              </Text>
              {event.conflicts.map((conflict) => (
                <BlockStack key={conflict.id} gap="100">
                  <Text as="p" tone="subdued">
                    {t("events.conflictReceived", { at: formatDateTime(conflict.at) })}
                  </Text>
                  <Box background="bg-surface-secondary" padding="300" borderRadius="200" overflowX="scroll">
                    <pre
                      dir="ltr"
                      style={{ margin: 0, fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", fontSize: 12 }}
                    >
                      {conflict.body}
                    </pre>
                  </Box>
                </BlockStack>
              ))}
            </>
          ) : null}
        </BlockStack>
      </Collapsible>
    </BlockStack>
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
