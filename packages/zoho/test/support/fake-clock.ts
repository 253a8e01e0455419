import type { Clock } from '@zlc/zoho';

/** A clock tests move by hand; `sleep` advances it instead of waiting. */
export function fakeClock(start = 1_700_000_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
    async sleep(ms: number) {
      if (ms > 0) now += ms;
      await Promise.resolve();
    },
  };
}
