// mulberry32: a tiny, fast PRNG, good enough to spread injected faults, pick fuzz cases and
// generate property-test cases, and seeded so a run can be replayed exactly. The one generator
// of the project: the emulator, the fuzzer and the tests all draw from it.
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of the items, drawn with `random`. */
export function pickRandom<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}
