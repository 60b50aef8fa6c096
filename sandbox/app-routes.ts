// Every route of the app as a URL a client can send a request to, read from the route files
// (Remix flat routes: dots are slashes, `$param` a value, `_index` the parent), so attacks on
// "every route" cover a route the day it is added.
import { readdirSync } from "node:fs";
import path from "node:path";

const ROUTES_DIR = path.resolve(import.meta.dirname, "../app/routes");

/** `endpointKey` fills the Wakilni endpoint's `$key`; other parameters get a plausible value. */
export function appRouteUrls(endpointKey: string): string[] {
  return readdirSync(ROUTES_DIR)
    .filter((file) => file.endsWith(".tsx"))
    .map((file) =>
      `/${file.replace(/\.tsx$/, "").replaceAll(".", "/")}`
        .replace(/(^|\/)_index$/, "$1")
        .replace("/$key", `/${endpointKey}`)
        .replace(/\/\$[a-zA-Z]+/g, "/1")
        .replace(/\/\$$/, "/anything"),
    );
}
