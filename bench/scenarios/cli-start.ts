/**
 * Start-up of the installed CLI: the package packed (`pnpm pack`, as it is published) and installed with npm into an
 * empty folder, then `zlc --help` and `zlc validate` (on the b2b-saas template's model) spawned there, interleaved
 * with `node -e 0` in the same rounds, so the figures carry the machine's own start-up beside them. Targets: median
 * ≤ 0.3 s for `--help` and ≤ 0.5 s for `validate` on the reference machine.
 *
 * The install skips install scripts (`--ignore-scripts`): the one that matters, better-sqlite3's native build,
 * takes minutes here, and neither command loads it (they never open a ledger or a sandbox).
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, type Scenario } from '../scenario.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const ROUNDS = 9;

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

function timeSpawn(args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: 'ignore', env: { PATH: process.env.PATH ?? '' } });
    child.once('error', reject);
    child.once('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve(ms);
      else reject(new Error(`node ${args.join(' ')} exited with ${code}`));
    });
  });
}

/** Packs the CLI and installs the tarball into `<work>/client`; returns the installed bin/run.js. */
function install(work: string): string {
  const pnpm = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { packageManager: string })
    .packageManager;
  execFileSync('npx', ['-y', pnpm, 'pack', '--pack-destination', work], {
    cwd: join(repoRoot, 'packages', 'cli'),
    stdio: 'ignore',
  });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('pnpm pack made no tarball');
  const folder = join(work, 'client');
  mkdirSync(folder);
  writeFileSync(join(folder, 'package.json'), '{"private":true}');
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', join(work, tarball)],
    { cwd: folder, stdio: 'ignore' },
  );
  copyFileSync(join(repoRoot, 'examples', 'b2b-saas', 'lifecycle.yaml'), join(folder, 'lifecycle.yaml'));
  return join(folder, 'node_modules', '@zlc', 'cli', 'bin', 'run.js');
}

export const cliStartInstalled: Scenario = {
  name: 'cli-start-installed',
  description: `The packed CLI installed with npm: \`zlc --help\` and \`zlc validate\` beside \`node -e 0\`, ${ROUNDS} interleaved rounds, medians`,
  async run(ctx) {
    const work = mkdtempSync(join(tmpdir(), 'zlc-bench-cli-'));
    try {
      ctx.log('packing and installing @zlc/cli …');
      const bin = install(work);
      const folder = join(work, 'client');
      const node: number[] = [];
      const help: number[] = [];
      const validate: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        node.push(await timeSpawn(['-e', '0'], folder));
        help.push(await timeSpawn([bin, '--help'], folder));
        validate.push(await timeSpawn([bin, 'validate'], folder));
        ctx.log(
          `round ${i + 1}: node ${Math.round(node.at(-1) ?? 0)} ms, --help ${Math.round(help.at(-1) ?? 0)} ms, validate ${Math.round(validate.at(-1) ?? 0)} ms`,
        );
      }
      const nodeMs = median(node);
      return {
        rounds: ROUNDS,
        node_e_0_median_ms: Math.round(nodeMs),
        help_median_ms: Math.round(median(help)),
        validate_median_ms: Math.round(median(validate)),
        help_over_node: Math.round((median(help) / nodeMs) * 10) / 10,
        validate_over_node: Math.round((median(validate) / nodeMs) * 10) / 10,
      };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
