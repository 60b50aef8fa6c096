// The embedded app's frame: authenticates every admin page, provides Polaris (in the
// merchant's language and direction, dates in the shop's Wakilni zone), App Bridge and the
// navigation menu.
import { json, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { Frame } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import appStyles from "../styles/app.css";
import { authenticate } from "../shopify.server";
import { env } from "../env.server";
import { ensureShop } from "../settings/shop-settings.server";
import { localeFromRequest, rememberLocaleHeaders } from "../i18n/locale";
import { polarisTranslations } from "../i18n/polaris-translations";
import { LocaleProvider } from "../i18n/context";
import { translator } from "../i18n/messages";

export const links = () => [
  { rel: "stylesheet", href: polarisStyles },
  { rel: "stylesheet", href: appStyles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await ensureShop(session.shop);
  return json(
    { apiKey: env.SHOPIFY_API_KEY, locale: localeFromRequest(request), timeZone: shop.wakilniZone },
    { headers: rememberLocaleHeaders(request) },
  );
}

export default function AppLayout() {
  const { apiKey, locale, timeZone } = useLoaderData<typeof loader>();
  const t = translator(locale);
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} i18n={polarisTranslations(locale)}>
      <LocaleProvider locale={locale} timeZone={timeZone}>
        <NavMenu>
          <Link to="/app" rel="home">
            {t("nav.home")}
          </Link>
          <Link to="/app/events">{t("nav.events")}</Link>
          <Link to="/app/settings">{t("nav.settings")}</Link>
        </NavMenu>
        <Frame>
          <Outlet />
        </Frame>
      </LocaleProvider>
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses, so that their headers are included.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
