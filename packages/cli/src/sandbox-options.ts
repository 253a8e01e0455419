/**
 * The sandbox values that command metadata (flag defaults and options, shown by `--help`) and the target's label
 * need, spelled out here so that building a command class does not load `@zlc/sandbox`. `satisfies` keeps each
 * value inside the sandbox's own union; a test pins the lists to its `DEFAULT_DATA_DIR`, `SEED_NAMES` and `EDITIONS`.
 */
import { join } from 'node:path';
import type { Edition, SeedName } from '@zlc/sandbox';
import { stateDir } from './state-dir.js';

/** Where the embedded sandbox keeps its org unless told otherwise (under the default state dir). */
export const SANDBOX_DATA_DIR = '.zlc/sandbox';

/**
 * The embedded sandbox's data dir for this environment, the same for every command (`sandbox serve`, `sandbox
 * reset`, and every command that opens the embedded sandbox): `ZLC_SANDBOX_DIR`, else `<state dir>/sandbox`.
 */
export function sandboxDataDir(env: Readonly<Record<string, string | undefined>>): string {
  return env.ZLC_SANDBOX_DIR?.trim() || join(stateDir(env), 'sandbox');
}

export const SANDBOX_SEEDS = ['default', 'large', 'empty'] as const satisfies readonly SeedName[];

export const SANDBOX_EDITIONS = [
  'free',
  'standard',
  'professional',
  'enterprise',
  'ultimate',
] as const satisfies readonly Edition[];
