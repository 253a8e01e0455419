import type { Clock } from './types.js';

/** The sandbox's clock: real time plus an offset that tests move forward (token and channel expiry). */
export interface TestClock extends Clock {
  advance(ms: number): void;
}

export function createClock(start: () => number = Date.now): TestClock {
  let offset = 0;
  return {
    now: () => start() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock.advance needs a non-negative number, got ${ms}`);
      offset += ms;
    },
  };
}
