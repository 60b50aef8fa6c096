// Lets unchanged app code talk to the emulator: installed with undici's setGlobalDispatcher,
// it sends every request for `*.myshopify.com` to the emulator over plain HTTP (the shop
// travels in x-emulator-shop, since the Host becomes loopback) and everything else out as usual.
import { Agent, type Dispatcher } from "undici";

type Headers = Dispatcher.DispatchOptions["headers"];

/** undici hands headers over as a flat array, an array of pairs, a record or an iterable. */
function headerEntries(headers: Headers): [string, string | string[]][] {
  if (!headers) return [];
  if (Array.isArray(headers)) {
    if (headers.length > 0 && Array.isArray(headers[0])) return headers as unknown as [string, string][];
    const flat = headers as unknown as string[];
    const pairs: [string, string][] = [];
    for (let index = 0; index + 1 < flat.length; index += 2) pairs.push([String(flat[index]), String(flat[index + 1])]);
    return pairs;
  }
  if (Symbol.iterator in headers)
    return [...(headers as Iterable<[string, string | string[] | undefined]>)].filter(
      (entry): entry is [string, string | string[]] => entry[1] !== undefined,
    );
  return Object.entries(headers).filter((entry): entry is [string, string | string[]] => entry[1] !== undefined);
}

export function createEmulatorDispatcher(emulatorOrigin: string): Dispatcher {
  const target = new URL(emulatorOrigin).origin;
  return new Agent().compose((dispatch) => (options, handler) => {
    const origin = new URL(String(options.origin));
    if (!origin.hostname.endsWith(".myshopify.com")) return dispatch(options, handler);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of headerEntries(options.headers)) {
      if (name.toLowerCase() !== "host") headers[name] = value;
    }
    headers["x-emulator-shop"] = origin.hostname;
    return dispatch({ ...options, origin: target, headers }, handler);
  });
}
