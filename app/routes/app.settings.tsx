// The settings page: Wakilni credentials (sealed, shown only by their last four characters) and
// how long a replaced webhook secret stays valid, the shop's Delivery URL with the steps to
// paste it into Wakilni, the delivery settings, and a warning when Wakilni's requests were
// rejected lately (the usual sign of a wrong secret).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  ChoiceList,
  FormLayout,
  InlineStack,
  Layout,
  List,
  Modal,
  Page,
  Select,
  Text,
  TextField,
  Toast,
} from "@shopify/polaris";
import { useState } from "react";
import { authenticate } from "../shopify.server";
import { env } from "../env.server";
import {
  deliverySettingsOf,
  ensureShop,
  rotateEndpointKey,
  saveWakilniCredentials,
  updateDeliverySettings,
} from "../settings/shop-settings.server";
import { MAX_PREVIOUS_SECRET_HOURS, readCredentialsForm, type FieldError } from "../settings/credentials-form";
import { readDeliverySettingsForm, WAKILNI_ZONES, waybillPatternExample } from "../settings/delivery-settings-form";
import { recentRejections } from "../inbox/inbox-store.server";
import type { RejectionReason } from "../inbox/receive-wakilni-webhook.server";
import { wakilniWebhookUrl } from "../inbox/wakilni-webhook-path";
import { FULFILLMENT_STAGES } from "../delivery/settings";
import { STATUS_LABELS } from "../delivery/labels";
import { useFormatDateTime, useTranslate } from "../i18n/context";
import type { MessageKey } from "../i18n/messages";

/** What each rejection the webhook counts is called, and what the merchant can do about it. */
const REJECTIONS: Partial<Record<RejectionReason, { label: MessageKey; hint: MessageKey }>> = {
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

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const now = new Date();
  const [shop, rejections] = await Promise.all([ensureShop(session.shop), recentRejections(session.shop, now)]);
  return {
    deliveryUrl: wakilniWebhookUrl(env.SHOPIFY_APP_URL, shop.endpointKey),
    appTokenLast4: shop.appTokenLast4,
    secretLast4: shop.secretLast4,
    previousSecretUntil: shop.previousSecretUntil && shop.previousSecretUntil > now ? shop.previousSecretUntil.toISOString() : null,
    previousSecretHours: shop.previousSecretHours,
    delivery: deliverySettingsOf(shop),
    rejections: rejections.map((rejection) => ({ ...rejection, lastAt: rejection.lastAt.toISOString() })),
  };
}

type ActionResult =
  { ok: true; intent: "credentials" | "rotate-endpoint" | "delivery" } | { ok: false; errors: Partial<Record<string, FieldError>> };

export async function action({ request }: ActionFunctionArgs): Promise<ActionResult> {
  const { session } = await authenticate.admin(request);
  const shop = await ensureShop(session.shop);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "rotate-endpoint") {
    await rotateEndpointKey(session.shop);
    return { ok: true, intent };
  }
  if (intent === "delivery") {
    const delivery = readDeliverySettingsForm(form);
    if (!delivery.ok) return { ok: false, errors: delivery.errors };
    await updateDeliverySettings(session.shop, delivery.settings);
    return { ok: true, intent };
  }
  const credentials = readCredentialsForm(form, Boolean(shop.secretSealed));
  if (!credentials.ok) return { ok: false, errors: credentials.errors };
  await saveWakilniCredentials(session.shop, credentials, new Date());
  return { ok: true, intent: "credentials" };
}

export default function SettingsPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const t = useTranslate();
  const formatDateTime = useFormatDateTime();
  const [appToken, setAppToken] = useState("");
  const [secret, setSecret] = useState("");
  const [previousSecretHours, setPreviousSecretHours] = useState(String(data.previousSecretHours));
  const [delivery, setDelivery] = useState(data.delivery);
  const [toast, setToast] = useState<MessageKey | null>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [copied, setCopied] = useState(false);
  const busyIntent = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;

  // A new answer from the action is handled once, while rendering (React's pattern for state
  // that follows a prop): the sealed fields are emptied and the toast shown.
  const [handledResult, setHandledResult] = useState(result);
  if (result !== handledResult) {
    setHandledResult(result);
    if (result?.ok) {
      if (result.intent === "credentials") {
        setAppToken("");
        setSecret("");
      }
      setToast(result.intent === "rotate-endpoint" ? "settings.endpoint.rotated" : "settings.saved");
    }
  }

  const fieldError = (field: string) => {
    const error = result && !result.ok ? result.errors[field] : undefined;
    return error ? t(error.key, error.values) : undefined;
  };
  const post = (fields: Record<string, string>) => submit(fields, { method: "post" });
  const setDeliveryField =
    <Field extends keyof typeof delivery>(field: Field) =>
    (value: (typeof delivery)[Field]) =>
      setDelivery((current) => ({ ...current, [field]: value }));
  const waybillExample = waybillPatternExample(delivery.waybillPattern);

  return (
    <Page title={t("settings.title")}>
      <Layout>
        {data.rejections.length > 0 ? (
          <Layout.Section>
            <BlockStack gap="300">
              {data.rejections.map((rejection) => {
                const known = REJECTIONS[rejection.reason as RejectionReason];
                return (
                  <Banner
                    key={rejection.reason}
                    tone="warning"
                    title={t("settings.rejections.title", { reason: known ? t(known.label) : rejection.reason })}
                  >
                    <BlockStack gap="100">
                      <Text as="p">{t("settings.rejections.body", { count: rejection.count, at: formatDateTime(rejection.lastAt) })}</Text>
                      {known ? <Text as="p">{t(known.hint)}</Text> : null}
                    </BlockStack>
                  </Banner>
                );
              })}
            </BlockStack>
          </Layout.Section>
        ) : null}
        <Layout.AnnotatedSection title={t("settings.credentials.title")} description={t("settings.credentials.description")}>
          <Card>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                post({ intent: "credentials", appToken, secret, previousSecretHours });
              }}
            >
              <FormLayout>
                <TextField
                  label={t("settings.appToken.label")}
                  name="appToken"
                  type="password"
                  autoComplete="off"
                  value={appToken}
                  onChange={setAppToken}
                  helpText={
                    data.appTokenLast4 ? t("settings.secret.setHelp", { last4: data.appTokenLast4 }) : t("settings.secret.unsetHelp")
                  }
                  error={fieldError("appToken")}
                />
                <TextField
                  label={t("settings.secret.label")}
                  name="secret"
                  type="password"
                  autoComplete="off"
                  value={secret}
                  onChange={setSecret}
                  helpText={[
                    data.secretLast4 ? t("settings.secret.setHelp", { last4: data.secretLast4 }) : t("settings.secret.unsetHelp"),
                    data.previousSecretUntil ? t("settings.secret.rotationHelp", { until: formatDateTime(data.previousSecretUntil) }) : "",
                  ].join(" ")}
                  error={fieldError("secret")}
                />
                <TextField
                  label={t("settings.previousSecretHours.label")}
                  name="previousSecretHours"
                  type="number"
                  min={0}
                  max={MAX_PREVIOUS_SECRET_HOURS}
                  step={1}
                  autoComplete="off"
                  value={previousSecretHours}
                  onChange={setPreviousSecretHours}
                  helpText={t("settings.previousSecretHours.help", { max: MAX_PREVIOUS_SECRET_HOURS })}
                  error={fieldError("previousSecretHours")}
                />
                <Button submit variant="primary" loading={busyIntent === "credentials"}>
                  {t("common.save")}
                </Button>
              </FormLayout>
            </form>
          </Card>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("settings.endpoint.title")} description={t("settings.endpoint.description")}>
          <Card>
            <BlockStack gap="400">
              <TextField
                label={t("settings.endpoint.label")}
                value={data.deliveryUrl}
                readOnly
                autoComplete="off"
                connectedRight={
                  <Button
                    onClick={() => {
                      void navigator.clipboard?.writeText(data.deliveryUrl);
                      setCopied(true);
                    }}
                  >
                    {copied ? t("common.copied") : t("common.copy")}
                  </Button>
                }
              />
              <Text as="h3" variant="headingSm">
                {t("settings.steps.title")}
              </Text>
              <List type="number">
                {(["settings.steps.1", "settings.steps.2", "settings.steps.3", "settings.steps.4", "settings.steps.5"] as const).map(
                  (step) => (
                    <List.Item key={step}>{t(step)}</List.Item>
                  ),
                )}
              </List>
              <InlineStack>
                <Button tone="critical" variant="plain" onClick={() => setConfirmRotate(true)}>
                  {t("settings.endpoint.rotate")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("settings.delivery.title")}>
          <Card>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                post({
                  intent: "delivery",
                  ...delivery,
                  notifyCustomer: String(delivery.notifyCustomer),
                  markCodPaid: String(delivery.markCodPaid),
                });
              }}
            >
              <FormLayout>
                <Select
                  label={t("settings.zone.label")}
                  helpText={t("settings.zone.help")}
                  options={WAKILNI_ZONES.map((option) => ({ value: option.value, label: t(option.label) }))}
                  value={delivery.wakilniZone}
                  onChange={setDeliveryField("wakilniZone")}
                  error={fieldError("wakilniZone")}
                />
                <ChoiceList
                  title={t("settings.stage.label")}
                  choices={FULFILLMENT_STAGES.map((stage) => ({
                    value: stage,
                    label: t(`settings.stage.${stage}`),
                    helpText: t(`settings.stage.${stage}.help`),
                  }))}
                  selected={[delivery.fulfillmentStage]}
                  onChange={([stage]) => setDeliveryField("fulfillmentStage")(stage as (typeof FULFILLMENT_STAGES)[number])}
                  error={fieldError("fulfillmentStage")}
                />
                <Checkbox
                  label={t("settings.notify.label")}
                  helpText={t("settings.notify.help")}
                  checked={delivery.notifyCustomer}
                  onChange={setDeliveryField("notifyCustomer")}
                />
                <Checkbox
                  label={t("settings.markCodPaid.label")}
                  helpText={t("settings.markCodPaid.help")}
                  checked={delivery.markCodPaid}
                  onChange={setDeliveryField("markCodPaid")}
                />
                <TextField
                  label={t("settings.tagPrefix.label")}
                  autoComplete="off"
                  value={delivery.tagPrefix}
                  onChange={setDeliveryField("tagPrefix")}
                  helpText={t("settings.tagPrefix.help", { example: delivery.tagPrefix + STATUS_LABELS.completed })}
                  error={fieldError("tagPrefix")}
                />
                <TextField
                  label={t("settings.waybill.label")}
                  autoComplete="off"
                  value={delivery.waybillPattern}
                  onChange={setDeliveryField("waybillPattern")}
                  placeholder="SHOP-{number}"
                  helpText={[
                    t("settings.waybill.help"),
                    waybillExample ? t("settings.waybill.example", { waybill: waybillExample.waybill, order: waybillExample.order }) : "",
                  ].join(" ")}
                  error={fieldError("waybillPattern")}
                />
                <TextField
                  label={t("settings.tracking.label")}
                  type="url"
                  autoComplete="off"
                  value={delivery.trackingUrlTemplate}
                  onChange={setDeliveryField("trackingUrlTemplate")}
                  placeholder="https://…/{waybill}"
                  helpText={t("settings.tracking.help")}
                  error={fieldError("trackingUrlTemplate")}
                />
                <Button submit variant="primary" loading={busyIntent === "delivery"}>
                  {t("common.save")}
                </Button>
              </FormLayout>
            </form>
          </Card>
        </Layout.AnnotatedSection>
      </Layout>

      <Modal
        open={confirmRotate}
        onClose={() => setConfirmRotate(false)}
        title={t("settings.endpoint.rotateConfirmTitle")}
        primaryAction={{
          content: t("settings.endpoint.rotate"),
          destructive: true,
          onAction: () => {
            setConfirmRotate(false);
            setCopied(false);
            post({ intent: "rotate-endpoint" });
          },
        }}
        secondaryActions={[{ content: t("common.cancel"), onAction: () => setConfirmRotate(false) }]}
      >
        <Modal.Section>
          <Banner tone="warning">{t("settings.endpoint.rotateConfirmBody")}</Banner>
        </Modal.Section>
      </Modal>
      {toast ? <Toast content={t(toast)} onDismiss={() => setToast(null)} /> : null}
    </Page>
  );
}
