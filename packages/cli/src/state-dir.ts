/**
 * Where zlc keeps local state: `<dir>/journal/<run id>.jsonl`, `<dir>/locks/`, `<dir>/tokens/` (the shared access
 * token). `ZLC_STATE_DIR` overrides `.zlc`.
 */
export function stateDir(env: Readonly<Record<string, string | undefined>>): string {
  return env.ZLC_STATE_DIR?.trim() || '.zlc';
}
