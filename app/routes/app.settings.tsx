// The settings page: Wakilni credentials (sealed, shown only by their last four characters) and
// how long a replaced webhook secret stays valid, the API region and the connection check (run
// by its button and after saving new credentials), the shop's Delivery URL with the steps to
// paste it into Wakilni, the delivery settings with a preview of the tracking link, and a
// warning when Wakilni's requests were rejected lately (the usual sign of a wrong secret).
// Every field is saved at once from App Bridge's contextual save bar; the server checks the
// whole form and answers with an error per field, shown inline, and saves nothing until all pass.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { SaveBar } from "@shopify/app-bridge-react";
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
  Link,
  List,
  Modal,
  Page,
  Select,
  Text,
  TextField,
  Toast,
} from "@shopify/polaris";
import { useMemo, useState } from "react";
import { authenticate } from "../shopify.server";
import { env } from "../env.server";
import {
  changesWakilniApiCredentials,
  deliverySettingsOf,
  ensureShop,
  rotateEndpointKey,
  saveSettings,
  savedCredentialsOf,
  wakilniApiCredentialsOf,
} from "../settings/shop-settings.server";
import { hasWakilniApiCredentials } from "../wakilni/api/http-wakilni-api";
import { checkWakilniConnection } from "../settings/wakilni-connection.server";
import { CONNECTION_MESSAGES, connectionCheckFrom, type ConnectionOutcome } from "../settings/wakilni-connection";
import { WAKILNI_REGIONS, wakilniRegionFrom } from "../wakilni/api/wakilni-hosts";
import { MAX_PREVIOUS_SECRET_HOURS, type FieldError } from "../settings/credentials-form";
import { trackingUrlPreview, WAKILNI_ZONES, waybillPatternExample } from "../settings/delivery-settings-form";
import { readSettingsForm } from "../settings/settings-form";
import { recentRejections } from "../inbox/inbox-store.server";
import { rejectionHint } from "../inbox/rejection-hints";
import { wakilniWebhookUrl } from "../inbox/wakilni-webhook-path";
import { FULFILLMENT_STAGES } from "../delivery/settings";
import { STATUS_LABELS } from "../delivery/labels";
import { LtrField, LtrText } from "../components/ltr-text";
import { useFormatDateTime, useTranslate, useTranslateRich } from "../i18n/context";
import type { MessageKey } from "../i18n/messages";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const now = new Date();
  const [shop, rejections] = await Promise.all([ensureShop(session.shop), recentRejections(session.shop, now)]);
  return {
    deliveryUrl: wakilniWebhookUrl(env.SHOPIFY_APP_URL, shop.endpointKey),
    appTokenLast4: shop.appTokenLast4,
    secretLast4: shop.secretLast4,
    apiKeyLast4: shop.apiKeyLast4,
    apiSecretLast4: shop.apiSecretLast4,
    wakilniRegion: wakilniRegionFrom(shop.wakilniRegion),
    apiCredentialsSet: hasWakilniApiCredentials(wakilniApiCredentialsOf(shop)),
    connection: connectionView(connectionCheckFrom(shop)),
    previousSecretUntil: shop.previousSecretUntil && shop.previousSecretUntil > now ? shop.previousSecretUntil.toISOString() : null,
    previousSecretHours: shop.previousSecretHours,
    delivery: deliverySettingsOf(shop),
    rejections: rejections.map((rejection) => ({ ...rejection, lastAt: rejection.lastAt.toISOString() })),
  };
}

function connectionView(check: ReturnType<typeof connectionCheckFrom>) {
  return check && { ...check, checkedAt: check.checkedAt.toISOString() };
}

type ActionResult =
  { ok: true; intent: "save" | "rotate-endpoint" | "test-connection" } | { ok: false; errors: Partial<Record<string, FieldError>> };

export async function action({ request }: ActionFunctionArgs): Promise<ActionResult> {
  const { session } = await authenticate.admin(request);
  const shop = await ensureShop(session.shop);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "rotate-endpoint") {
    await rotateEndpointKey(session.shop);
    return { ok: true, intent };
  }
  if (intent === "test-connection") {
    await checkWakilniConnection(session.shop);
    return { ok: true, intent };
  }
  if (intent !== "save") throw new Response("Unknown intent", { status: 400 });
  const settings = readSettingsForm(form, savedCredentialsOf(shop));
  if (!settings.ok) return { ok: false, errors: settings.errors };
  await saveSettings(session.shop, settings.changes, new Date());
  // New credentials are tested at once, so the page says whether Wakilni takes them.
  if (changesWakilniApiCredentials(settings.changes, shop)) await checkWakilniConnection(session.shop);
  return { ok: true, intent };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** What the fields show before the merchant changes anything: sealed credentials start empty. */
function savedValues(data: LoaderData) {
  return {
    appToken: "",
    secret: "",
    apiKey: "",
    apiSecret: "",
    wakilniRegion: data.wakilniRegion as string,
    previousSecretHours: String(data.previousSecretHours),
    ...data.delivery,
    silentAfterHours: String(data.delivery.silentAfterHours),
    reconcileSilentHours: String(data.delivery.reconcileSilentHours),
    reconcilePerMinute: String(data.delivery.reconcilePerMinute),
  };
}

type SettingsValues = ReturnType<typeof savedValues>;

const SAVE_BAR_ID = "settings-save-bar";

export default function SettingsPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const t = useTranslate();
  const tRich = useTranslateRich();
  const formatDateTime = useFormatDateTime();
  const saved = useMemo(() => savedValues(data), [data]);
  const [values, setValues] = useState(saved);
  const [errors, setErrors] = useState<Partial<Record<string, FieldError>>>({});
  const [toast, setToast] = useState<MessageKey | null>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [copied, setCopied] = useState(false);
  const busyIntent = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
  const saving = busyIntent === "save";
  const dirty = (Object.keys(values) as (keyof SettingsValues)[]).some((field) => values[field] !== saved[field]);

  // A new answer from the action is handled once, while rendering (React's pattern for state
  // that follows a prop), and only once the navigation is idle: Remix publishes the action's
  // answer while the loaders still reload, so before that the settings on hand are the old
  // ones. After a save the fields then show the reloaded settings (the sealed ones empty
  // again); after a refusal they keep what the merchant typed.
  const [handledResult, setHandledResult] = useState(result);
  if (result !== handledResult && navigation.state === "idle") {
    setHandledResult(result);
    if (result?.ok) {
      if (result.intent === "save") setValues(saved);
      setErrors({});
      // A connection check needs no toast: its banner changes in place (aria-live).
      if (result.intent !== "test-connection")
        setToast(result.intent === "rotate-endpoint" ? "settings.endpoint.rotated" : "settings.saved");
    } else if (result) {
      setErrors(result.errors);
    }
  }

  const fieldError = (field: keyof SettingsValues) => {
    const error = errors[field];
    return error ? tRich(error.key, error.values) : undefined;
  };
  const setField =
    <Field extends keyof SettingsValues>(field: Field) =>
    (value: SettingsValues[Field]) => {
      setValues((current) => ({ ...current, [field]: value }));
      setErrors(({ [field]: _fixed, ...others }) => others);
    };
  const save = () =>
    submit(
      { intent: "save", ...Object.fromEntries(Object.entries(values).map(([field, value]) => [field, String(value)])) },
      { method: "post" },
    );
  const discard = () => {
    setValues(saved);
    setErrors({});
  };
  const waybillExample = waybillPatternExample(values.waybillPattern);
  const preview = trackingUrlPreview(values.trackingUrlTemplate, values.waybillPattern);

  return (
    <Page title={t("settings.title")}>
      <SaveBar id={SAVE_BAR_ID} open={dirty}>
        {/* App Bridge draws the bar in the admin and clicks these buttons for it: the primary one is Save. */}
        <button variant="primary" onClick={save} disabled={saving} {...(saving ? { loading: "" } : {})}>
          {t("common.save")}
        </button>
        <button onClick={discard} disabled={saving}>
          {t("settings.discard")}
        </button>
      </SaveBar>
      {/* One form for the password managers and the Enter key; noValidate: errors are Polaris's, inline, never the browser's bubbles. */}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (dirty && !saving) save();
        }}
      >
        <Layout>
          {Object.keys(errors).length > 0 ? (
            <Layout.Section>
              <Banner tone="critical" title={t("settings.notSaved.title")}>
                <Text as="p">{t("settings.notSaved.body")}</Text>
              </Banner>
            </Layout.Section>
          ) : null}
          {data.rejections.length > 0 ? (
            <Layout.Section>
              <BlockStack gap="300">
                {data.rejections.map((rejection) => {
                  const known = rejectionHint(rejection.reason);
                  return (
                    <Banner
                      key={rejection.reason}
                      tone="warning"
                      title={t("settings.rejections.title", { reason: known ? t(known.label) : rejection.reason })}
                    >
                      <BlockStack gap="100">
                        <Text as="p">
                          {t("settings.rejections.body", { count: rejection.count, at: formatDateTime(rejection.lastAt) })}
                        </Text>
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
              <FormLayout>
                <TextField
                  label={t("settings.secret.label")}
                  type="password"
                  autoComplete="off"
                  requiredIndicator={!data.secretLast4}
                  value={values.secret}
                  onChange={setField("secret")}
                  helpText={
                    <>
                      {data.secretLast4
                        ? tRich("settings.secret.setHelp", { last4: <LtrText>{data.secretLast4}</LtrText> })
                        : t("settings.secret.unsetHelp")}{" "}
                      {data.previousSecretUntil
                        ? t("settings.secret.rotationHelp", { until: formatDateTime(data.previousSecretUntil) })
                        : null}
                    </>
                  }
                  error={fieldError("secret")}
                />
                <TextField
                  label={t("settings.previousSecretHours.label")}
                  inputMode="numeric"
                  autoComplete="off"
                  value={values.previousSecretHours}
                  onChange={setField("previousSecretHours")}
                  helpText={t("settings.previousSecretHours.help", { max: MAX_PREVIOUS_SECRET_HOURS })}
                  error={fieldError("previousSecretHours")}
                />
                <TextField
                  label={t("settings.appToken.label")}
                  type="password"
                  autoComplete="off"
                  value={values.appToken}
                  onChange={setField("appToken")}
                  helpText={
                    <BlockStack gap="100">
                      <span>{t("settings.appToken.help")}</span>
                      <span>
                        {data.appTokenLast4
                          ? tRich("settings.secret.setHelp", { last4: <LtrText>{data.appTokenLast4}</LtrText> })
                          : t("settings.secret.unsetHelp")}
                      </span>
                    </BlockStack>
                  }
                  error={fieldError("appToken")}
                />
                <Select
                  label={t("settings.region.label")}
                  helpText={t("settings.region.help")}
                  options={WAKILNI_REGIONS.map((region) => ({ value: region, label: t(`settings.region.${region}`) }))}
                  value={values.wakilniRegion}
                  onChange={setField("wakilniRegion")}
                  error={fieldError("wakilniRegion")}
                />
                <Text as="p" tone="subdued">
                  {t("settings.apiPair.help")}
                </Text>
                <FormLayout.Group>
                  {(["apiKey", "apiSecret"] as const).map((field) => {
                    const last4 = field === "apiKey" ? data.apiKeyLast4 : data.apiSecretLast4;
                    return (
                      <TextField
                        key={field}
                        label={t(`settings.${field}.label`)}
                        type="password"
                        autoComplete="off"
                        value={values[field]}
                        onChange={setField(field)}
                        helpText={
                          last4 ? tRich("settings.secret.setHelp", { last4: <LtrText>{last4}</LtrText> }) : t("settings.secret.unsetHelp")
                        }
                        error={fieldError(field)}
                      />
                    );
                  })}
                </FormLayout.Group>
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection title={t("settings.connection.title")}>
            <WakilniConnection
              connection={data.connection}
              credentialsSet={data.apiCredentialsSet}
              testing={busyIntent === "test-connection"}
              onTest={() => submit({ intent: "test-connection" }, { method: "post" })}
            />
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection title={t("settings.endpoint.title")} description={t("settings.endpoint.description")}>
            <Card>
              <BlockStack gap="400">
                <LtrField>
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
                </LtrField>
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
              {/* A simple list of fields: each new delivery setting adds one entry here. */}
              <FormLayout>
                <Select
                  label={t("settings.zone.label")}
                  helpText={t("settings.zone.help")}
                  options={WAKILNI_ZONES.map((option) => ({ value: option.value, label: t(option.label) }))}
                  value={values.wakilniZone}
                  onChange={setField("wakilniZone")}
                  error={fieldError("wakilniZone")}
                />
                <ChoiceList
                  title={t("settings.stage.label")}
                  choices={FULFILLMENT_STAGES.map((stage) => ({
                    value: stage,
                    label: t(`settings.stage.${stage}`),
                    helpText: t(`settings.stage.${stage}.help`),
                  }))}
                  selected={[values.fulfillmentStage]}
                  onChange={([stage]) => setField("fulfillmentStage")(stage as (typeof FULFILLMENT_STAGES)[number])}
                  error={fieldError("fulfillmentStage")}
                />
                <Checkbox
                  label={t("settings.notify.label")}
                  helpText={t("settings.notify.help")}
                  checked={values.notifyCustomer}
                  onChange={setField("notifyCustomer")}
                />
                <Checkbox
                  label={t("settings.markCodPaid.label")}
                  helpText={t("settings.markCodPaid.help")}
                  checked={values.markCodPaid}
                  onChange={setField("markCodPaid")}
                />
                <LtrField>
                  <TextField
                    label={t("settings.tagPrefix.label")}
                    autoComplete="off"
                    value={values.tagPrefix}
                    onChange={setField("tagPrefix")}
                    helpText={tRich("settings.tagPrefix.help", {
                      example: <LtrText>{values.tagPrefix + STATUS_LABELS.completed}</LtrText>,
                    })}
                    error={fieldError("tagPrefix")}
                  />
                </LtrField>
                <LtrField>
                  <TextField
                    label={t("settings.waybill.label")}
                    autoComplete="off"
                    value={values.waybillPattern}
                    onChange={setField("waybillPattern")}
                    placeholder="SHOP-{number}"
                    helpText={
                      <>
                        {tRich("settings.waybill.help", {
                          orderName: <LtrText>#1001</LtrText>,
                          orderNumber: <LtrText>1001</LtrText>,
                          numberPattern: <LtrText>SHOP-{"{number}"}</LtrText>,
                          namePlaceholder: <LtrText>{"{name}"}</LtrText>,
                        })}
                        {waybillExample ? " " : null}
                        {waybillExample
                          ? tRich("settings.waybill.example", {
                              waybill: <LtrText>{waybillExample.waybill}</LtrText>,
                              order: <LtrText>{waybillExample.order}</LtrText>,
                            })
                          : null}
                      </>
                    }
                    error={fieldError("waybillPattern")}
                  />
                </LtrField>
                <LtrField>
                  <TextField
                    label={t("settings.tracking.label")}
                    inputMode="url"
                    autoComplete="off"
                    value={values.trackingUrlTemplate}
                    onChange={setField("trackingUrlTemplate")}
                    placeholder="https://…/{waybill}"
                    helpText={tRich("settings.tracking.help", {
                      waybillPlaceholder: <LtrText>{"{waybill}"}</LtrText>,
                      orderIdPlaceholder: <LtrText>{"{order_id}"}</LtrText>,
                    })}
                    error={fieldError("trackingUrlTemplate")}
                  />
                </LtrField>
                <TrackingLinkPreview template={values.trackingUrlTemplate} preview={preview} />
                <Checkbox
                  label={t("settings.driverPhone.label")}
                  helpText={t("settings.driverPhone.help")}
                  checked={values.showDriverPhoneToBuyers}
                  onChange={setField("showDriverPhoneToBuyers")}
                />
                <TextField
                  label={t("settings.silentAfterHours.label")}
                  inputMode="numeric"
                  autoComplete="off"
                  value={values.silentAfterHours}
                  onChange={setField("silentAfterHours")}
                  helpText={t("settings.silentAfterHours.help")}
                  error={fieldError("silentAfterHours")}
                />
                <Checkbox
                  label={t("settings.reconcile.enabled.label")}
                  helpText={t("settings.reconcile.enabled.help")}
                  checked={values.reconcileEnabled}
                  onChange={setField("reconcileEnabled")}
                />
                <TextField
                  label={t("settings.reconcile.silentHours.label")}
                  inputMode="numeric"
                  autoComplete="off"
                  value={values.reconcileSilentHours}
                  onChange={setField("reconcileSilentHours")}
                  disabled={!values.reconcileEnabled}
                  error={fieldError("reconcileSilentHours")}
                />
                <TextField
                  label={t("settings.reconcile.perMinute.label")}
                  inputMode="numeric"
                  autoComplete="off"
                  value={values.reconcilePerMinute}
                  onChange={setField("reconcilePerMinute")}
                  disabled={!values.reconcileEnabled}
                  error={fieldError("reconcilePerMinute")}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
        </Layout>
        {/* Enter in a field saves, as in the admin's own forms. */}
        <button type="submit" hidden />
      </form>

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
            submit({ intent: "rotate-endpoint" }, { method: "post" });
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

const CONNECTION_TONES: Record<ConnectionOutcome, "success" | "warning" | "critical"> = {
  ok: "success",
  unreachable: "warning",
  rate_limited: "warning",
  server_error: "warning",
  refused: "critical",
  not_found: "critical",
  unexpected_answer: "critical",
};

/** The last connection check, said plainly, with the button that runs it again. */
function WakilniConnection({
  connection,
  credentialsSet,
  testing,
  onTest,
}: {
  connection: LoaderData["connection"];
  credentialsSet: boolean;
  testing: boolean;
  onTest: () => void;
}) {
  const t = useTranslate();
  const tRich = useTranslateRich();
  const formatDateTime = useFormatDateTime();
  const button = (
    <InlineStack>
      <Button onClick={onTest} disabled={!credentialsSet} loading={testing}>
        {connection && connection.outcome !== "ok" ? t("settings.connection.retry") : t("settings.connection.test")}
      </Button>
    </InlineStack>
  );
  if (!credentialsSet || !connection) {
    return (
      <Card>
        <BlockStack gap="300">
          <Text as="p">{credentialsSet ? t("settings.connection.never") : t("settings.connection.noCredentials")}</Text>
          {button}
        </BlockStack>
      </Card>
    );
  }
  const sentence =
    connection.outcome === "ok"
      ? connection.account
        ? t("settings.connection.ok", { account: connection.account })
        : t("settings.connection.okNoName")
      : tRich(CONNECTION_MESSAGES[connection.outcome], { detail: <LtrText>{connection.detail ?? ""}</LtrText> });
  return (
    <Card>
      <BlockStack gap="300">
        <div aria-live="polite">
          <Banner tone={CONNECTION_TONES[connection.outcome]}>
            <BlockStack gap="100">
              <Text as="p">{sentence}</Text>
              <Text as="p" tone="subdued">
                {t("settings.connection.checkedAt", { at: formatDateTime(connection.checkedAt) })}
              </Text>
            </BlockStack>
          </Banner>
        </div>
        {button}
      </BlockStack>
    </Card>
  );
}

/** What a customer's tracking link will look like, updated as the merchant types; a warning while there is none. */
function TrackingLinkPreview({ template, preview }: { template: string; preview: { waybill: string; url: string } | null }) {
  const t = useTranslate();
  const tRich = useTranslateRich();
  if (template.trim() === "") return <Banner tone="warning">{t("settings.tracking.none")}</Banner>;
  return (
    <div aria-live="polite">
      <Text as="p" tone={preview ? undefined : "subdued"}>
        {preview
          ? tRich("settings.tracking.preview", {
              waybill: <LtrText>{preview.waybill}</LtrText>,
              url: (
                <LtrText>
                  <Link url={preview.url} target="_blank">
                    {preview.url}
                  </Link>
                </LtrText>
              ),
            })
          : t("settings.tracking.previewPending")}
      </Text>
    </div>
  );
}
