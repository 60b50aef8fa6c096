// Preloaded into the app's server process in the sandbox only (`node --import
// ./sandbox/admin-api-preload.mjs server.mjs`): every fetch to *.myshopify.com goes to the
// Shopify Admin emulator at ADMIN_API_ORIGIN instead of the internet. The app's code is the
// production build, untouched.
//
// Plain JavaScript because Node runs `--import` preloads again in every worker thread, where
// tsx's loader (registered for the main thread by `--import tsx`) does not follow on Node 20:
// registering tsx here, in each thread, lets the inbox worker thread reach the emulator too.
import { register } from "tsx/esm/api";
import { setGlobalDispatcher } from "undici";

register();
const origin = process.env.ADMIN_API_ORIGIN;
if (!origin) throw new Error("admin-api-preload: set ADMIN_API_ORIGIN to the emulator's origin");
const { createEmulatorDispatcher } = await import("./shopify-admin-emulator/dispatcher.ts");
setGlobalDispatcher(createEmulatorDispatcher(origin));
