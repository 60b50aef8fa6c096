// Failures an emulated remote shows, on demand: by script (one entry per request, consumed
// before rates apply) or by rate from a seeded RNG so a failing run replays exactly. Shared by
// the Shopify Admin emulator and the Wakilni API emulator; each names its own fault kinds.
import { seededRandom } from "./seeded-random";

export type FaultPlanRates<K extends string> = Partial<Record<K, number>> & { slowMs?: number };

export interface FaultPlanSnapshot<K extends string> {
  rates: Partial<Record<K, number>>;
  slowMs: number;
  script: (K | "ok")[];
  injected: Partial<Record<K, number>>;
}

export class FaultPlan<K extends string> {
  private rates: Partial<Record<K, number>> = {};
  private queue: (K | "ok")[] = [];
  private random: () => number;
  private injected: Partial<Record<K, number>> = {};
  /** How long a `slow` fault, where the emulator has one, holds its answer. */
  slowMs = 1500;

  constructor(
    private readonly kinds: readonly K[],
    private readonly seed = 1,
  ) {
    this.random = seededRandom(seed);
  }

  private known(kind: string): kind is K {
    return (this.kinds as readonly string[]).includes(kind);
  }

  /** Replaces all rates; their sum must not exceed 1. */
  setRates(rates: FaultPlanRates<K>): void {
    const kinds: Partial<Record<K, number>> = {};
    for (const [kind, rate] of Object.entries<number | undefined>(rates)) {
      if (kind === "slowMs") continue;
      if (!this.known(kind)) throw new Error(`emulator: unknown fault kind ${kind}`);
      if (typeof rate !== "number" || rate < 0 || rate > 1) throw new Error(`emulator: fault rate ${kind} must be within 0..1`);
      kinds[kind] = rate;
    }
    const total = Object.values<number | undefined>(kinds).reduce<number>((sum, rate) => sum + (rate ?? 0), 0);
    if (total > 1) throw new Error(`emulator: fault rates add up to ${total}, more than 1`);
    this.rates = kinds;
    if (rates.slowMs !== undefined) this.slowMs = rates.slowMs;
  }

  /** Queues faults for the next requests, one each; "ok" lets a request through untouched. */
  script(kinds: (K | "ok")[]): void {
    for (const kind of kinds) {
      if (kind !== "ok" && !this.known(kind)) throw new Error(`emulator: unknown fault kind ${kind}`);
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
  next(): K | null {
    const scripted = this.queue.shift();
    const kind = scripted !== undefined ? (scripted === "ok" ? null : scripted) : this.draw();
    if (kind) this.injected[kind] = (this.injected[kind] ?? 0) + 1;
    return kind;
  }

  private draw(): K | null {
    const roll = this.random();
    let threshold = 0;
    for (const kind of this.kinds) {
      threshold += this.rates[kind] ?? 0;
      if (roll < threshold) return kind;
    }
    return null;
  }

  snapshot(): FaultPlanSnapshot<K> {
    return { rates: { ...this.rates }, slowMs: this.slowMs, script: [...this.queue], injected: { ...this.injected } };
  }
}
