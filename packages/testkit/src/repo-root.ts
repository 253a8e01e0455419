/** The repository root (the folder holding `pnpm-workspace.yaml`), found from this file's place. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('testkit: cannot find the repo root (no pnpm-workspace.yaml above this file)');
    dir = parent;
  }
  return dir;
}
