// Every route of the app as a URL a client can send a request to, read from the route files
// (Remix flat routes: dots are slashes, `$param` a value, `_index` the parent), so attacks on
// "every route" cover a route the day it is added, plus the Wakilni endpoint, which the server
// answers ahead of Remix (decision 005).
import { readdirSync } from "node:fs";
import path from "node:path";
import { wakilniWebhookPath } from "../app/inbox/wakilni-webhook-path";

const ROUTES_DIR = path.resolve(import.meta.dirname, "../app/routes");

/** `endpointKey` fills the Wakilni endpoint's `$key`; other parameters get a plausible value. */
export function appRouteUrls(endpointKey: string): string[] {
  const remixRoutes = readdirSync(ROUTES_DIR)
    .filter((file) => file.endsWith(".tsx"))
    .map((file) =>
      `/${file.replace(/\.tsx$/, "").replaceAll(".", "/")}`
        .replace(/(^|\/)_index$/, "$1")
        .replace(/\/\$[a-zA-Z]+/g, "/1")
        .replace(/\/\$$/, "/anything"),
    );
  return [...remixRoutes, wakilniWebhookPath(endpointKey)];
}
