// The one owner of the Delivery URL's shape, /webhooks/wakilni/<endpoint key>: the settings page
// builds it for the merchant, the server matches it on every request, and the sandbox, scripts
// and tests build it from here, so moving the endpoint is a change to this file alone.

const PATH_PREFIX = "/webhooks/wakilni/";

/** The path Wakilni posts a shop's events to. */
export function wakilniWebhookPath(endpointKey: string): string {
  return `${PATH_PREFIX}${encodeURIComponent(endpointKey)}`;
}

/** The Delivery URL the merchant pastes into Wakilni: the app's public URL and the shop's path. */
export function wakilniWebhookUrl(appUrl: string, endpointKey: string): string {
  return `${appUrl.replace(/\/+$/, "")}${wakilniWebhookPath(endpointKey)}`;
}

/**
 * The endpoint key a request target (path and query string, as Node's `request.url` has it)
 * addresses, or undefined when the target is not a Delivery URL. One trailing slash and any
 * query string are accepted. A key that is not valid percent-encoding comes back as "": it is
 * still a delivery to this endpoint, to be refused as an unknown key rather than passed on.
 */
export function endpointKeyFromPath(target: string): string | undefined {
  if (!target.startsWith(PATH_PREFIX)) return undefined;
  const queryAt = target.indexOf("?");
  const path = target.slice(PATH_PREFIX.length, queryAt === -1 ? undefined : queryAt);
  const encodedKey = path.endsWith("/") ? path.slice(0, -1) : path;
  if (encodedKey === "" || encodedKey.includes("/") || encodedKey.includes("#")) return undefined;
  try {
    return decodeURIComponent(encodedKey);
  } catch {
    return "";
  }
}
