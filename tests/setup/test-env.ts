// The environment every test runs with: Shopify's test credentials (so the test helpers'
// session tokens verify for real) and a fixed sealing key. Set before any app module loads.
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";

Object.assign(process.env, {
  NODE_ENV: "test",
  SHOPIFY_API_KEY: API_KEY,
  SHOPIFY_API_SECRET: API_SECRET_KEY,
  SHOPIFY_APP_URL: APP_URL,
  SECRETS_ENCRYPTION_KEYS: "test1:" + Buffer.alloc(32, 7).toString("base64"),
  WORKER_ENABLED: "false",
  // No test ever reaches Wakilni: a closed loopback port unless a test points it at its emulator.
  WAKILNI_API_BASE_URL: "http://127.0.0.1:9",
});
