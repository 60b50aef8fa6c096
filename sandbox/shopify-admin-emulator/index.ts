// The emulator's public surface, so callers import one module rather than its internals.
export { startShopifyAdminEmulator, type EmulatorOptions, type ShopifyAdminEmulator } from "./server";
export { createEmulatorDispatcher } from "./dispatcher";
export { EmulatorStore, DEFAULT_SCOPES, type CreateOrderInput, type CreateShopInput } from "./store";
export { FAULT_KINDS, type FaultKind, type FaultRates, type ScriptedFault } from "./faults";
export type { StatsSnapshot } from "./stats";
export type * from "./model";
