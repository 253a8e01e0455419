/**
 * Durations, written the same in flags as in lifecycle.yaml (`runtime.poll_interval: 5m`): a whole number and a
 * unit, `s`, `m` or `h` — the schema's pattern — read with the `ms` package. `0` (no unit) means "off" where a flag
 * allows it. Flags that took whole seconds before durations (`--poll-interval`, `--lease-seconds`) still read a bare
 * number as seconds, so scripts written for them keep working.
 */
import { Flags } from '@oclif/core';
import ms from 'ms';

/** lifecycle.schema.json's pattern for `runtime.poll_interval`. */
const DURATION = /^[1-9][0-9]*(s|m|h)$/;

/** Milliseconds, or a message saying what is wrong. */
export function parseDuration(
  text: string,
  options: { allowZero?: boolean; bareSeconds?: boolean } = {},
): number | string {
  const given = text.trim();
  if (options.allowZero === true && given === '0') return 0;
  if (options.bareSeconds === true && /^[1-9][0-9]*$/.test(given)) return Number(given) * 1000;
  if (!DURATION.test(given))
    return `"${text}" is not a duration: write a whole number and s, m or h, as in lifecycle.yaml (30s, 5m, 1h)${options.allowZero === true ? ', or 0 for off' : ''}.`;
  return ms(given as ms.StringValue);
}

/** A flag holding a duration (returned in milliseconds). */
export function durationFlag(options: {
  description: string;
  default?: string;
  allowZero?: boolean;
  bareSeconds?: boolean;
}) {
  const flag = Flags.custom<number>({
    description: options.description,
    helpValue: 'DURATION',
    parse: async (input) => {
      const parsed = parseDuration(input, {
        allowZero: options.allowZero === true,
        bareSeconds: options.bareSeconds === true,
      });
      if (typeof parsed === 'string') throw new Error(parsed);
      return parsed;
    },
  });
  const fallback = options.default;
  if (fallback === undefined) return flag();
  return flag({ default: ms(fallback as ms.StringValue), defaultHelp: async () => fallback });
}
