/**
 * What `zlc sandbox serve` and `zlc sandbox reset` need beyond `startSandbox`: the default data dir, the
 * `sandbox.env` file, reading a faults file, and resetting a data dir. No printing here; the CLI renders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FaultsParse, parseFaultsText } from './core/faults-file.js';
import { writePrivateFile } from './core/private-file.js';
import type { SeedName } from './core/types.js';
import { type Sandbox, type SandboxOptions, startSandbox } from './sandbox.js';

/** Where the embedded sandbox keeps its org, relative to the working directory. */
export const DEFAULT_DATA_DIR = '.zlc/sandbox';
export const ENV_FILE = 'sandbox.env';
export const SEED_NAMES: readonly SeedName[] = ['default', 'large', 'empty'];

/** The `ZOHO_*` lines, ready for `set -a; . sandbox.env` or a dotenv loader. */
export function formatEnvFile(env: Record<string, string>): string {
  const lines = Object.entries(env).map(([key, value]) => `${key}=${value}`);
  return `# Written by zlc sandbox serve; valid while it runs.\n${lines.join('\n')}\n`;
}

/** Writes `<dataDir>/sandbox.env` (it holds the client secret and refresh token: mode 0600) and returns its path. */
export function writeEnvFile(sandbox: Sandbox, dataDir: string): string {
  const file = join(dataDir, ENV_FILE);
  writePrivateFile(file, formatEnvFile(sandbox.env));
  return file;
}

/** Reads a faults file (format: SPEC.md, "Faults"); a missing or unreadable file is an error result, not a throw. */
export function loadFaultsFile(path: string): FaultsParse {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      errors: [code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? error})`],
    };
  }
  const parsed = parseFaultsText(text);
  return parsed.ok ? parsed : { ok: false, errors: parsed.errors.map((e) => `${path}: ${e}`) };
}

export interface ResetResult {
  dataDir: string;
  seed: SeedName;
  documents: number;
}

/** Wipes the org in a data dir (keeping credentials, so `sandbox.env` stays valid) and seeds it again. */
export async function resetDataDir(
  dataDir: string,
  seed: SeedName,
  options: Pick<SandboxOptions, 'products'> = {},
): Promise<ResetResult> {
  let documents = 0;
  const sandbox = await startSandbox({
    ...options,
    dataDir,
    seed,
    onEvent: (event) => {
      if (event.type === 'seeded') documents = event.documents;
    },
  });
  try {
    if (documents === 0) sandbox.reset(seed);
  } finally {
    await sandbox.close();
  }
  return { dataDir, seed, documents };
}
