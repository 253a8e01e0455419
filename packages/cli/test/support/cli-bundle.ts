/**
 * The cli project's global setup: builds the CLI that ships (scripts/build.mjs, the workspace packages bundled from
 * their sources) once per test run, and gives its bin/run.js to every test (`runCli`, `startCli`, `cliCommand`).
 * A spawned zlc then starts on plain Node: tsx would compile the TypeScript sources again in every child, about a
 * second and a half of a core each, hundreds of times a run. The bundle is built afresh by every run, and again
 * before each watch-mode rerun, so it is never older than the sources.
 *
 * It is laid out as the installed package is (package.json, bin/run.js, dist/), under this package's node_modules
 * so that its third-party imports resolve as they do for dist/, and inside the repository so that `zlc init` finds
 * examples/ as it does from a clone. Each run has a folder of its own (two runs at once never share one); a folder
 * whose run has ended without its teardown is removed by the next run.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

// Not from @zlc/testkit, which loads Vitest's test-side API: this runs in the main process.
const CLI = join(import.meta.dirname, '..', '..');
const BUNDLES = join(CLI, 'node_modules', '.cache', 'zlc-test-cli');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the folders of runs whose process is gone. */
function removeAbandoned(): void {
  if (!existsSync(BUNDLES)) return;
  for (const name of readdirSync(BUNDLES)) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || !alive(pid))
      rmSync(join(BUNDLES, name), { recursive: true, force: true });
  }
}

async function build(dir: string): Promise<void> {
  await promisify(execFile)(process.execPath, [join('scripts', 'build.mjs'), '--outdir', join(dir, 'dist')], {
    cwd: CLI,
  });
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(join(CLI, 'bin', 'run.js'), join(dir, 'bin', 'run.js'));
  copyFileSync(join(CLI, 'package.json'), join(dir, 'package.json'));
}

export default async function setup(project: TestProject): Promise<() => void> {
  removeAbandoned();
  const dir = join(BUNDLES, `run-${process.pid}`);
  await build(dir);
  project.provide('zlcCliBin', join(dir, 'bin', 'run.js'));
  project.onTestsRerun(() => build(dir));
  return () => rmSync(dir, { recursive: true, force: true });
}
