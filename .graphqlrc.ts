// Generates TypeScript types for every `#graphql` document in app/ from Shopify's Admin schema
// 2026-10 (`npm run graphql:codegen`), so a query naming a wrong field fails `tsc`.
import { ApiType, shopifyApiProject } from "@shopify/api-codegen-preset";
import { ADMIN_API_VERSION } from "./app/admin-api-version";

export default {
  schema: "./app/types/admin-2026-10.schema.json",
  documents: ["./app/**/*.{ts,tsx}", "!./app/**/*.test.{ts,tsx}", "!./app/types/**"],
  projects: {
    default: shopifyApiProject({
      apiType: ApiType.Admin,
      apiVersion: ADMIN_API_VERSION,
      documents: ["./app/**/*.{ts,tsx}", "!./app/**/*.test.{ts,tsx}", "!./app/types/**"],
      outputDir: "./app/types",
      // String unions instead of TS enums, so the domain's literal statuses type-check against them.
      enumsAsConst: true,
    }),
  },
};
