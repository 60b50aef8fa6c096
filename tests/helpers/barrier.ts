// A meeting point for tests that race two (or more) parties: each awaits meet(), and none goes
// on before all have arrived, so the statements that follow start as close together as one event
// loop allows; the database then runs them on separate connections. Reusable round after round.

export interface Barrier {
  /** Resolves once `parties` callers have called it in this round. */
  meet(): Promise<void>;
}

export function createBarrier(parties: number): Barrier {
  let waiting: (() => void)[] = [];
  return {
    meet() {
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length < parties) return;
        const round = waiting;
        waiting = [];
        for (const release of round) release();
      });
    },
  };
}
