// The version of Shopify's Admin API the app is written against: its GraphQL documents are
// validated against that version's schema (tests/graphql/), the Admin client calls it, the
// emulator answers as it, and shopify.app.toml subscribes the app's webhooks with it. One
// constant, so moving to a new version is one edit here plus a new committed schema.
export const ADMIN_API_VERSION = "2026-10";
