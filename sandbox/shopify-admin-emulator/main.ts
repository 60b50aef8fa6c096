// Runs the emulator on its own for the offline demo and end-to-end runs:
//   npx tsx sandbox/shopify-admin-emulator/main.ts [--port 4010]
// It hosts demo.myshopify.com (token shpat_demo) with a few orders and prints its origin;
// control it further through the /_emulator/* endpoints.
import { parseArgs } from "node:util";
import { startShopifyAdminEmulator } from "./server";

const { values } = parseArgs({ options: { port: { type: "string", default: "0" } } });

const emulator = await startShopifyAdminEmulator({
  port: Number(values.port),
  shops: [{ shop: "demo.myshopify.com", accessToken: "shpat_demo", name: "Demo Store" }],
});
const shop = "demo.myshopify.com";
emulator.store.createOrder(shop, { lineItems: [{ title: "Cedar soap", quantity: 2, sku: "SOAP-1" }] });
emulator.store.createOrder(shop, {
  lineItems: [
    { title: "Olive oil 1L", quantity: 1, sku: "OIL-1" },
    { title: "Za'atar 250g", quantity: 3, sku: "ZAA-1", location: "Jounieh Store" },
  ],
});
emulator.store.createOrder(shop, {
  lineItems: [{ title: "Rose water", quantity: 1 }],
  fulfilled: { trackingNumber: "WK-1003", trackingCompany: "Wakilni" },
});

console.log(emulator.origin);
const stop = () => void emulator.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
