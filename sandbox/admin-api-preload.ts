// Preloaded into the app's server process in the sandbox only (NODE_OPTIONS="--import tsx
// --import ./sandbox/admin-api-preload.ts"): every fetch to *.myshopify.com goes to the
// Shopify Admin emulator at ADMIN_API_ORIGIN instead of the internet. The app's code is the
// production build, untouched.
import { setGlobalDispatcher } from "undici";
import { createEmulatorDispatcher } from "./shopify-admin-emulator/dispatcher";

const origin = process.env.ADMIN_API_ORIGIN;
if (!origin) throw new Error("admin-api-preload: set ADMIN_API_ORIGIN to the emulator's origin");
setGlobalDispatcher(createEmulatorDispatcher(origin));
