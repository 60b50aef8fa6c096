import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ADMIN_SCHEMA_FILE } from "../tests/fixtures/admin-schema";
import { ADMIN_API_VERSION } from "./admin-api-version";

const root = path.resolve(import.meta.dirname, "..");

/** The `key = "value"` settings of one `[section]` of a TOML file, up to the next section header. */
function tomlSection(text: string, section: string): Map<string, string> {
  const settings = new Map<string, string>();
  let inSection = false;
  for (const line of text.split("\n").map((raw) => raw.trim())) {
    if (line.startsWith("[")) inSection = line === `[${section}]`;
    const setting = inSection && line.match(/^(\w+)\s*=\s*"([^"]*)"/);
    if (setting) settings.set(setting[1], setting[2]);
  }
  return settings;
}

describe("the Admin API version", () => {
  it("is the one shopify.app.toml subscribes the app's webhooks with", () => {
    const webhooks = tomlSection(readFileSync(path.join(root, "shopify.app.toml"), "utf8"), "webhooks");
    expect(webhooks.get("api_version")).toBe(ADMIN_API_VERSION);
  });

  it("reads only the [webhooks] section", () => {
    const toml = ['api_version = "2020-01"', "[webhooks]", 'api_version = "2026-10"', "[other]", 'api_version = "2021-01"'].join("\n");
    expect(tomlSection(toml, "webhooks").get("api_version")).toBe("2026-10");
  });

  it("has its schema committed, which the GraphQL documents are checked against", () => {
    expect(path.basename(ADMIN_SCHEMA_FILE)).toBe(`admin-schema-${ADMIN_API_VERSION}.json.gz`);
    expect(readFileSync(ADMIN_SCHEMA_FILE).length).toBeGreaterThan(0);
  });
});
