// Linking a waybill to the right order and unlinking it from a wrong one, as the delivery page
// and the needs-attention queue both offer them: an order picker that searches Shopify as the
// merchant types (app.orders.search), and an unlink confirmation listing what will be undone
// (app.deliveries.$id.unlink) before the delivery page's action does it.
import { useFetcher } from "@remix-run/react";
import { Autocomplete, Banner, BlockStack, Icon, List, Modal, Spinner, Text } from "@shopify/polaris";
import { SearchIcon } from "@shopify/polaris-icons";
import { useEffect, useState } from "react";
import { useFormatDateTime, useLocale, useTranslate } from "../i18n/context";
import { ltrIsolate } from "../i18n/bidi";
import type { PickableOrder } from "../sync/order-picker";
import type { UnlinkResult } from "../sync/link-waybill.server";

/** Typing pauses this long before the search is sent: one request per word, not per key. */
const SEARCH_DELAY_MS = 250;

type LinkAnswer = { linked?: string; linkError?: string; unlinked?: UnlinkResult };

export function LinkOrderModal({ deliveryId, waybill, onClose }: { deliveryId: number; waybill: string; onClose: () => void }) {
  const t = useTranslate();
  const locale = useLocale();
  const formatDateTime = useFormatDateTime();
  const search = useFetcher<{ orders: PickableOrder[]; error: string | null }>();
  const link = useFetcher<LinkAnswer>();
  const [typed, setTyped] = useState("");
  const [picked, setPicked] = useState<string | null>(null);
  const { load } = search;

  useEffect(() => {
    if (typed.trim() === "") return;
    const timer = setTimeout(() => load(`/app/orders/search?q=${encodeURIComponent(typed)}`), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, load]);

  useEffect(() => {
    if (link.state === "idle" && link.data?.linked) onClose();
  }, [link.state, link.data, onClose]);

  const orders = typed.trim() ? (search.data?.orders ?? []) : [];
  const options = orders.map((order) => ({
    value: order.name,
    label: `${ltrIsolate(order.name, locale)} · ${formatDateTime(order.createdAt)}`,
  }));
  const searching = search.state !== "idle";

  return (
    <Modal
      open
      onClose={onClose}
      title={t("picker.title", { waybill: ltrIsolate(waybill, locale) })}
      primaryAction={{
        content: t("picker.submit"),
        disabled: picked === null,
        loading: link.state !== "idle",
        onAction: () => link.submit({ intent: "link", order: picked! }, { method: "post", action: `/app/deliveries/${deliveryId}` }),
      }}
      secondaryActions={[{ content: t("common.cancel"), onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          {link.data?.linkError ? <Banner tone="critical">{link.data.linkError}</Banner> : null}
          <Autocomplete
            options={options}
            selected={picked ? [picked] : []}
            onSelect={(selected) => {
              setPicked(selected[0] ?? null);
              if (selected[0]) setTyped(selected[0]);
            }}
            loading={searching}
            emptyState={
              typed.trim() && !searching ? (
                <Text as="p" tone="subdued">
                  {search.data?.error ?? t("picker.none", { text: ltrIsolate(typed.trim(), locale) })}
                </Text>
              ) : undefined
            }
            textField={
              <Autocomplete.TextField
                label={t("picker.label")}
                value={typed}
                onChange={(value) => {
                  setTyped(value);
                  setPicked(null);
                }}
                prefix={<Icon source={SearchIcon} tone="base" />}
                placeholder={t("picker.placeholder")}
                helpText={t("picker.help")}
                autoComplete="off"
              />
            }
          />
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}

/** The pieces undo-link.ts reports, in the merchant's words. */
function UndoneItem({ part }: { part: string }) {
  const t = useTranslate();
  if (part === "tags") return <List.Item>{t("unlink.tags")}</List.Item>;
  if (part === "metafield") return <List.Item>{t("unlink.metafield")}</List.Item>;
  const fulfillment = /^fulfillment:gid:\/\/shopify\/Fulfillment\/(\d+)$/.exec(part);
  if (fulfillment) return <List.Item>{t("unlink.fulfillment", { id: fulfillment[1] })}</List.Item>;
  return <List.Item>{part}</List.Item>;
}

export function UnlinkModal({
  deliveryId,
  waybill,
  orderName,
  onClose,
}: {
  deliveryId: number;
  waybill: string;
  orderName: string;
  onClose: () => void;
}) {
  const t = useTranslate();
  const locale = useLocale();
  const preview = useFetcher<{ preview: UnlinkResult | null; error: string | null }>();
  const unlink = useFetcher<LinkAnswer>();
  const { load } = preview;

  useEffect(() => {
    load(`/app/deliveries/${deliveryId}/unlink`);
  }, [deliveryId, load]);
  useEffect(() => {
    if (unlink.state === "idle" && unlink.data?.unlinked) onClose();
  }, [unlink.state, unlink.data, onClose]);

  const ready = preview.data?.preview;
  const error = preview.data?.error ?? unlink.data?.linkError;
  return (
    <Modal
      open
      onClose={onClose}
      title={t("unlink.title", { waybill: ltrIsolate(waybill, locale), order: ltrIsolate(orderName, locale) })}
      primaryAction={{
        content: t("unlink.confirm"),
        destructive: true,
        disabled: !ready,
        loading: unlink.state !== "idle",
        onAction: () => unlink.submit({ intent: "unlink" }, { method: "post", action: `/app/deliveries/${deliveryId}` }),
      }}
      secondaryActions={[{ content: t("common.cancel"), onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          {error ? <Banner tone="critical">{error}</Banner> : null}
          {ready ? (
            <>
              <Text as="p">{t("unlink.intro", { order: ltrIsolate(orderName, locale) })}</Text>
              <List>
                {ready.undone.map((part) => (
                  <UndoneItem key={part} part={part} />
                ))}
                <List.Item>{t("unlink.events", { count: ready.reparked })}</List.Item>
              </List>
            </>
          ) : error ? null : (
            <BlockStack gap="200" inlineAlign="center">
              <Spinner size="small" accessibilityLabel={t("unlink.loading")} />
            </BlockStack>
          )}
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
