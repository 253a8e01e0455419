/**
 * Where zlc keeps local state: `<dir>/journal/<run id>.jsonl`, `<dir>/locks/`, `<dir>/tokens/` (the shared access
 * token), `<dir>/reports/`, and the embedded sandbox's org in `<dir>/sandbox` unless `ZLC_SANDBOX_DIR` says
 * otherwise. `ZLC_STATE_DIR` (or `--state-dir`) overrides `.zlc`.
 */
export const DEFAULT_STATE_DIR = '.zlc';

export function stateDir(env: Readonly<Record<string, string | undefined>>): string {
  return env.ZLC_STATE_DIR?.trim() || DEFAULT_STATE_DIR;
}

/** The environment a command runs with: the location flags, when given, in place of their variables. */
export function withLocations(
  env: Readonly<Record<string, string | undefined>>,
  flags: { 'state-dir'?: string | undefined; 'sandbox-dir'?: string | undefined },
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  if (flags['state-dir']?.trim()) out.ZLC_STATE_DIR = flags['state-dir'].trim();
  if (flags['sandbox-dir']?.trim()) out.ZLC_SANDBOX_DIR = flags['sandbox-dir'].trim();
  return out;
}
