// The Wakilni API emulator's public surface, so callers import one module rather than its internals.
export { startWakilniApiEmulator, type WakilniApiEmulator, type WakilniApiEmulatorOptions } from "./server";
export {
  WakilniApiStore,
  type AccountRecord,
  type AdvanceInput,
  type CreateAccountInput,
  type CreateOrderInput,
  type Driver,
  type OrderRecord,
  type OrderReference,
  type StatusEntry,
} from "./store";
export { WAKILNI_FAULT_KINDS, type WakilniFaultKind, type WakilniFaultRates } from "./faults";
export type { WakilniStatsSnapshot } from "./stats";
