import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteError } from "@remix-run/react";
import { useEffect } from "react";
import { localeFromRequest, textDirection } from "./i18n/locale";

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = localeFromRequest(request);
  return { locale, dir: textDirection(locale) };
}

// Shopify's admin shows its own title bar; the document still needs a title for screen readers.
export const meta: MetaFunction = () => [{ title: "Wakilni Delivery Sync" }];

export default function App() {
  const { locale, dir } = useLoaderData<typeof loader>();
  // Marks the document once React owns it. Text typed into a server-rendered field before then
  // never reaches the field's React state, so browser tests wait for this mark before typing.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={locale} dir={dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="preconnect" href="https://cdn.shopify.com/" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/**
 * The page for what no route has an answer for — a URL that does not exist, a refusal outside the
 * embedded app, an unexpected error: its status and one sentence, never a stack trace. (Remix's
 * default page shows the stack and logs every 404 as an error.)
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : "500 Internal Server Error";
  const explanation =
    status === 404
      ? "There is no page at this address."
      : status < 500 && isRouteErrorResponse(error) && typeof error.data === "string" && !("error" in error)
        ? error.data
        : "Something went wrong on our side. Please try again in a moment.";
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{title}</title>
      </head>
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
        <h1>{title}</h1>
        <p>{explanation}</p>
        <Scripts />
      </body>
    </html>
  );
}
