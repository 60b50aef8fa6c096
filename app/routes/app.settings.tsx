// The settings page: Wakilni credentials (sealed, shown only by their last four characters),
// the shop's Delivery URL with the steps to paste it into Wakilni, and delivery settings.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
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
import { useEffect, useState } from "react";
import { authenticate } from "../shopify.server";
import { env } from "../env.server";
import {
  ensureShop,
  rotateEndpointKey,
  saveWakilniCredentials,
  updateWakilniZone,
} from "../settings/shop-settings.server";
import { readCredentialsForm, type FieldError } from "../settings/credentials-form";
import { useLocale, useTranslate } from "../i18n/context";
import type { MessageKey } from "../i18n/messages";

const WAKILNI_ZONES = [
  { value: "Asia/Beirut", label: "settings.zone.beirut" },
  { value: "Asia/Amman", label: "settings.zone.amman" },
] as const satisfies readonly { value: string; label: MessageKey }[];

function deliveryUrl(endpointKey: string): string {
  return `${env.SHOPIFY_APP_URL}/webhooks/wakilni/${endpointKey}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await ensureShop(session.shop);
  return {
    deliveryUrl: deliveryUrl(shop.endpointKey),
    appTokenLast4: shop.appTokenLast4,
    secretLast4: shop.secretLast4,
    previousSecretUntil:
      shop.previousSecretUntil && shop.previousSecretUntil > new Date() ? shop.previousSecretUntil.toISOString() : null,
    wakilniZone: shop.wakilniZone,
  };
}

type ActionResult =
  | { ok: true; intent: "credentials" | "rotate-endpoint" | "delivery" }
  | { ok: false; errors: Partial<Record<string, FieldError>> };

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
    const zone = String(form.get("wakilniZone") ?? "");
    if (!WAKILNI_ZONES.some((option) => option.value === zone)) {
      return { ok: false, errors: { wakilniZone: { key: "settings.error.timeZone" } } };
    }
    await updateWakilniZone(session.shop, zone);
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
  const locale = useLocale();
  const [appToken, setAppToken] = useState("");
  const [secret, setSecret] = useState("");
  const [zone, setZone] = useState(data.wakilniZone);
  const [toast, setToast] = useState<MessageKey | null>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [copied, setCopied] = useState(false);
  const busyIntent = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;

  useEffect(() => {
    if (!result?.ok) return;
    if (result.intent === "credentials") {
      setAppToken("");
      setSecret("");
    }
    setToast(result.intent === "rotate-endpoint" ? "settings.endpoint.rotated" : "settings.saved");
  }, [result]);

  const fieldError = (field: string) => {
    const error = result && !result.ok ? result.errors[field] : undefined;
    return error ? t(error.key, error.values) : undefined;
  };
  const post = (fields: Record<string, string>) => submit(fields, { method: "post" });
  const formatDate = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

  return (
    <Page title={t("settings.title")}>
      <Layout>
        <Layout.AnnotatedSection title={t("settings.credentials.title")} description={t("settings.credentials.description")}>
          <Card>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                post({ intent: "credentials", appToken, secret });
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
                  helpText={
                    [
                      data.secretLast4 ? t("settings.secret.setHelp", { last4: data.secretLast4 }) : t("settings.secret.unsetHelp"),
                      data.previousSecretUntil ? t("settings.secret.rotationHelp", { until: formatDate(data.previousSecretUntil) }) : "",
                    ].join(" ")
                  }
                  error={fieldError("secret")}
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
            <FormLayout>
              <Select
                label={t("settings.zone.label")}
                helpText={t("settings.zone.help")}
                options={WAKILNI_ZONES.map((option) => ({ value: option.value, label: t(option.label) }))}
                value={zone}
                onChange={setZone}
                error={fieldError("wakilniZone")}
              />
              <Button onClick={() => post({ intent: "delivery", wakilniZone: zone })} loading={busyIntent === "delivery"}>
                {t("common.save")}
              </Button>
            </FormLayout>
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
