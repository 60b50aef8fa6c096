// How many bytes of request body each part of the app accepts. The HTTP server reads every body
// itself, up to its path's limit, before Express and Remix see the request (a larger one gets a
// 413 and is never buffered), so no route, authenticated or not, can be made to read more.
// Each limit is the largest genuine body of its routes with a wide margin, kept small because
// every open connection may hold one body of its limit in memory at a time.
// (The Wakilni endpoint is answered ahead of all this with its own limit, MAX_BODY_BYTES.)

export interface BodyLimit {
  /** Paths this limit applies to: the prefix itself and everything below it. */
  prefix: string;
  bytes: number;
  why: string;
}

export const KIB = 1024;

export const BODY_LIMITS: readonly BodyLimit[] = [
  {
    prefix: "/webhooks/",
    bytes: 256 * KIB,
    why:
      "Shopify's webhooks: app/uninstalled carries the shop (≈ 3 KB), the compliance topics a customer and the ids of their " +
      "orders (256 KiB holds ≈ 15,000 of them)",
  },
  {
    prefix: "/auth/",
    bytes: 4 * KIB,
    why: "the login form sends one field, the shop's domain (< 300 bytes); the other auth pages take no body",
  },
];

export const DEFAULT_BODY_LIMIT: BodyLimit = {
  prefix: "/",
  bytes: 64 * KIB,
  why: "the embedded admin's forms (Wakilni credentials and settings, linking an order, retrying events) send < 4 KB",
};

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The limit for a request target (`/path?query`), matched on its path as Remix will route it. */
export function bodyLimitFor(requestTarget: string): BodyLimit {
  // Dot segments, percent-encoded letters and doubled slashes are resolved as routing resolves
  // them, so a disguised path still gets the limit of the route it reaches.
  const { pathname } = new URL(`http://request.invalid/${requestTarget.replace(/^\/+/, "")}`);
  const path = pathname
    .split("/")
    .map(decodeSegment)
    .join("/")
    .replace(/\/{2,}/g, "/");
  return BODY_LIMITS.find((limit) => path === limit.prefix.slice(0, -1) || path.startsWith(limit.prefix)) ?? DEFAULT_BODY_LIMIT;
}
