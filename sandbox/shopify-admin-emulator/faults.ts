// Failures a real Shopify connection shows, on demand: by script (one entry per GraphQL
// request, consumed before rates apply) or by rate from a seeded RNG so a failing run replays
// exactly. Every kind except `lostResponse` leaves state untouched; `lostResponse` applies the
// request and then drops the connection, the "did Shopify get it?" case.
import { seededRandom } from "../seeded-random";

export const FAULT_KINDS = ["http500", "http503", "http429", "throttled", "timeout", "slow", "lostResponse"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type ScriptedFault = FaultKind | "ok";

export type FaultRates = Partial<Record<FaultKind, number>> & { slowMs?: number };

export interface FaultsSnapshot {
  rates: Partial<Record<FaultKind, number>>;
  slowMs: number;
  script: ScriptedFault[];
  injected: Partial<Record<FaultKind, number>>;
}

export class Faults {
  private rates: Partial<Record<FaultKind, number>> = {};
  private queue: ScriptedFault[] = [];
  private random: () => number;
  private injected: Partial<Record<FaultKind, number>> = {};
  slowMs = 1500;

  constructor(private readonly seed = 1) {
    this.random = seededRandom(seed);
  }

  /** Replaces all rates; their sum must not exceed 1. */
  setRates(rates: FaultRates): void {
    const { slowMs, ...kinds } = rates;
    for (const [kind, rate] of Object.entries(kinds)) {
      if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new Error(`emulator: unknown fault kind ${kind}`);
      if (typeof rate !== "number" || rate < 0 || rate > 1) throw new Error(`emulator: fault rate ${kind} must be within 0..1`);
    }
    const total = Object.values(kinds).reduce((sum, rate) => sum + (rate ?? 0), 0);
    if (total > 1) throw new Error(`emulator: fault rates add up to ${total}, more than 1`);
    this.rates = kinds;
    if (slowMs !== undefined) this.slowMs = slowMs;
  }

  /** Queues faults for the next requests, one each; "ok" lets a request through untouched. */
  script(kinds: ScriptedFault[]): void {
    for (const kind of kinds) {
      if (kind !== "ok" && !(FAULT_KINDS as readonly string[]).includes(kind)) throw new Error(`emulator: unknown fault kind ${kind}`);
    }
    this.queue.push(...kinds);
  }

  /** Back to no faults, with the RNG restarted so the same rates replay the same sequence. */
  reset(): void {
    this.rates = {};
    this.queue = [];
    this.injected = {};
    this.random = seededRandom(this.seed);
  }

  /** The fault for the next request, or null to answer it normally. */
  next(): FaultKind | null {
    const scripted = this.queue.shift();
    const kind = scripted !== undefined ? (scripted === "ok" ? null : scripted) : this.draw();
    if (kind) this.injected[kind] = (this.injected[kind] ?? 0) + 1;
    return kind;
  }

  private draw(): FaultKind | null {
    const roll = this.random();
    let threshold = 0;
    for (const kind of FAULT_KINDS) {
      threshold += this.rates[kind] ?? 0;
      if (roll < threshold) return kind;
    }
    return null;
  }

  snapshot(): FaultsSnapshot {
    return { rates: { ...this.rates }, slowMs: this.slowMs, script: [...this.queue], injected: { ...this.injected } };
  }
}
