import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { blockLocale } from "./labels";

const LOCALES_DIR = path.resolve(import.meta.dirname, "../locales");
const localeFiles = readdirSync(LOCALES_DIR).filter((file) => file.endsWith(".json"));

function readLocaleFile(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(LOCALES_DIR, file), "utf8"));
}

describe("the block's language", () => {
  it.each(localeFiles)("%s names its own language, which the block then uses for the status names", (file) => {
    const language = file.split(".")[0];
    const { locale } = readLocaleFile(file);
    expect(locale).toBe(language);
    expect(blockLocale(String(locale))).toBe(language);
  });

  it("is English when the entry is missing (Shopify then returns the key) or names a language the tables lack", () => {
    expect(blockLocale("locale")).toBe("en");
    expect(blockLocale("de")).toBe("en");
  });

  it.each(localeFiles)("%s leaves status and outcome names to the app's tables", (file) => {
    const entries = readLocaleFile(file);
    expect(entries).not.toHaveProperty("status");
    expect(entries).not.toHaveProperty("outcome");
  });
});
