import { describe, expect, it } from "vitest";
import { BODY_LIMITS, DEFAULT_BODY_LIMIT, KIB, bodyLimitFor } from "./body-limits";
import { MAX_BODY_BYTES } from "../inbox/receive-wakilni-webhook.server";

describe("bodyLimitFor", () => {
  it("gives each part of the app its limit", () => {
    expect(bodyLimitFor("/auth/login").bytes).toBe(4 * KIB);
    expect(bodyLimitFor("/auth/login?shop=x.myshopify.com").bytes).toBe(4 * KIB);
    expect(bodyLimitFor("/webhooks/app/uninstalled").bytes).toBe(256 * KIB);
    expect(bodyLimitFor("/webhooks/customers/redact").bytes).toBe(256 * KIB);
    expect(bodyLimitFor("/app/settings").bytes).toBe(64 * KIB);
    expect(bodyLimitFor("/").bytes).toBe(64 * KIB);
    expect(bodyLimitFor("/authentic").bytes).toBe(DEFAULT_BODY_LIMIT.bytes);
  });

  it("matches the path a disguised URL is routed to", () => {
    for (const disguised of ["/webhooks/../auth/login", "/webhooks/%2e%2e/auth/login", "/%61uth/login", "//auth/login", "/auth//login"]) {
      expect(bodyLimitFor(disguised).prefix).toBe("/auth/");
    }
    expect(bodyLimitFor("/%zz/login").bytes).toBe(DEFAULT_BODY_LIMIT.bytes);
  });

  it("keeps every limit within the Wakilni endpoint's, so the connection cap bounds the memory bodies can take", () => {
    expect(Math.max(...BODY_LIMITS.map((limit) => limit.bytes), DEFAULT_BODY_LIMIT.bytes)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    for (const limit of [...BODY_LIMITS, DEFAULT_BODY_LIMIT]) expect(limit.why.length).toBeGreaterThan(20);
  });
});
