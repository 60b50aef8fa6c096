// Failures a real Shopify connection shows, on demand (../fault-plan.ts: by script or by seeded
// rate). Every kind except `lostResponse` leaves state untouched; `lostResponse` applies the
// request and then drops the connection, the "did Shopify get it?" case.
import { FaultPlan, type FaultPlanRates, type FaultPlanSnapshot } from "../fault-plan";

export const FAULT_KINDS = ["http500", "http503", "http429", "throttled", "timeout", "slow", "lostResponse"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type ScriptedFault = FaultKind | "ok";
export type FaultRates = FaultPlanRates<FaultKind>;
export type FaultsSnapshot = FaultPlanSnapshot<FaultKind>;

export class Faults extends FaultPlan<FaultKind> {
  constructor(seed = 1) {
    super(FAULT_KINDS, seed);
  }
}
