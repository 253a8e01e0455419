/** Skips that say why: a suite that cannot run where it is shows its reason in the run, never a silent pass. */
import { it } from 'vitest';

export type Availability = { ok: true } | { ok: false; reason: string };

/** Where `availability` is not ok, registers a skipped test named with the reason (call it at the top of a file). */
export function skipUnless(availability: Availability, what: string): void {
  if (!availability.ok) it.skip(`${what} (skipped: ${availability.reason})`, () => {});
}
