/**
 * Validation benchmarks: `validateSource` on a generated 5,000-line model in-process (median of warm runs; target
 * well under a second), and the cold start of the CLI running `zlc validate -f lifecycle.yaml` (median of 5 spawns).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { validateSource } from '@zlc/model';
import { generateModel } from '../generate-model.js';
import { percentile, round, type Scenario } from '../scenario.js';

const repoRoot = join(import.meta.dirname, '..', '..');

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export const validate5kLines: Scenario = {
  name: 'validate-5k-lines',
  description:
    'validateSource on a generated ~5,000-line model, in-process: first run (schema compile) and median of 9 warm runs',
  async run(ctx) {
    const text = generateModel(5000);
    const lines = text.split('\n').length;
    ctx.log(`generated ${lines} lines (${Math.round(text.length / 1024)} kB)`);
    let started = performance.now();
    const first = validateSource(text, { file: 'generated.yaml' });
    const firstMs = performance.now() - started;
    if (!first.ok) throw new Error(`the generated model is invalid: ${first.diagnostics[0]?.message ?? ''}`);
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      started = performance.now();
      validateSource(text, { file: 'generated.yaml' });
      times.push(performance.now() - started);
    }
    return {
      lines,
      custom_fields: first.resolved.customFields.length,
      first_ms: round(firstMs, 1),
      median_ms: round(median(times), 1),
      max_ms: round(Math.max(...times), 1),
      warnings: first.warnings.length,
    };
  },
};

function spawnValidate(): Promise<{ ms: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'packages/cli/bin/run.js', 'validate', '-f', 'lifecycle.yaml'],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'ignore', 'ignore'],
      },
    );
    child.once('error', reject);
    child.once('exit', (code) => resolve({ ms: performance.now() - started, code }));
  });
}

export const validateColdStart: Scenario = {
  name: 'validate-cold-start',
  description: 'Spawn `node --import tsx packages/cli/bin/run.js validate -f lifecycle.yaml` 5 times: median wall time',
  async run(ctx) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { ms, code } = await spawnValidate();
      if (code !== 0) throw new Error(`zlc validate exited with ${code}`);
      times.push(ms);
      ctx.log(`run ${i + 1}: ${Math.round(ms)} ms`);
    }
    return {
      runs: times.length,
      median_ms: Math.round(median(times)),
      min_ms: Math.round(Math.min(...times)),
      max_ms: Math.round(Math.max(...times)),
    };
  },
};
