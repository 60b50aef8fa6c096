// Failures the app's Wakilni adapter must survive, injected by script or seeded rate
// (../fault-plan.ts). None changes the emulator's state.
import { FaultPlan, type FaultPlanRates, type FaultPlanSnapshot } from "../fault-plan";

export const WAKILNI_FAULT_KINDS = [
  /** 500 with an HTML page, as a crashed PHP backend answers. */
  "http500",
  /** 503, as a load balancer in front of a down backend answers. */
  "http503",
  /** The request is held unanswered until the client gives up or the emulator closes. */
  "timeout",
  /** Answered correctly after `slowMs`. */
  "slow",
  /** 401 whatever the credentials, as an expired or revoked token is answered. */
  "http401",
  /** 200 with a body that is not JSON. */
  "malformed",
  /** 200 with JSON that lacks the fields the answer should carry. */
  "missingFields",
] as const;
export type WakilniFaultKind = (typeof WAKILNI_FAULT_KINDS)[number];
export type WakilniFaultRates = FaultPlanRates<WakilniFaultKind>;
export type WakilniFaultsSnapshot = FaultPlanSnapshot<WakilniFaultKind>;

export class WakilniFaults extends FaultPlan<WakilniFaultKind> {
  constructor(seed = 1) {
    super(WAKILNI_FAULT_KINDS, seed);
  }
}
