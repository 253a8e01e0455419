/**
 * What `zlc sandbox serve` and `zlc sandbox reset` need beyond `startSandbox`: the default data dir, the
 * `sandbox.env` file, reading a faults file, and resetting a data dir. No printing here; the CLI renders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_KEY_HEADER } from './core/admin.js';
import { type FaultsParse, parseFaultsText } from './core/faults-file.js';
import { isLoopbackUrl } from './core/loopback.js';
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

export type ServedReset = { ok: true; result: ResetResult & { url: string } } | { ok: false; message: string };

/**
 * Resets the org of a data dir that a running `zlc sandbox serve` holds, through its `POST /__sandbox/reset` with
 * the run's admin key from `<dataDir>/sandbox.env` (only to a loopback URL: the key never leaves the machine).
 */
export async function resetServedDataDir(dataDir: string, seed: SeedName): Promise<ServedReset> {
  const file = join(dataDir, ENV_FILE);
  let env: Record<string, string>;
  try {
    env = parseEnvFile(readFileSync(file, 'utf8'));
  } catch {
    return { ok: false, message: `${file} cannot be read, so the running sandbox cannot be asked to reset.` };
  }
  const url = env.ZOHO_API_URL;
  const key = env.ZLC_SANDBOX_ADMIN_KEY;
  if (url === undefined || key === undefined || !isLoopbackUrl(url))
    return {
      ok: false,
      message: `${file} names no local sandbox with an admin key (a zlc older than this one wrote it?).`,
    };
  let answer: Response;
  try {
    answer = await fetch(`${url}/__sandbox/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ADMIN_KEY_HEADER]: key },
      body: JSON.stringify({ seed }),
    });
  } catch (error) {
    return {
      ok: false,
      message: `The sandbox at ${url} did not answer (${error instanceof Error ? error.message : error}).`,
    };
  }
  const body = (await answer.json().catch(() => ({}))) as { documents?: unknown; message?: unknown };
  if (answer.status !== 200 || typeof body.documents !== 'number')
    return {
      ok: false,
      message: `The sandbox at ${url} refused the reset: HTTP ${answer.status} ${String(body.message ?? '')}`,
    };
  return { ok: true, result: { dataDir, seed, documents: body.documents, url } };
}

/** `KEY=value` lines (as `formatEnvFile` writes them); comments and blank lines skipped. */
function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (line.startsWith('#') || at <= 0) continue;
    env[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return env;
}
