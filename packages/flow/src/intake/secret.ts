/** The shared webhook secret, compared in constant time (hashing first, so lengths leak nothing either). */
import { createHash, timingSafeEqual } from 'node:crypto';

export function secretMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined || given === '' || expected === '') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}
