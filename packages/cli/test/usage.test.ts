/**
 * Usage errors, the way a user or CI meets them: a misspelt flag or command exits 1 (exit 2 is --detailed-exitcode's
 * "changes present") and names what was meant; `zlc help` is a command; a model outside the working folder is
 * refused with what to do; `--json` puts a refusal in the same envelope as a result.
 *
 * @module-tag e2e
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@zlc/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDuration } from '../src/base/duration.js';

const dir = mkdtempSync(join(tmpdir(), 'zlc-usage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('usage errors', () => {
  it('exit 1 for a misspelt flag, naming the flag meant', async () => {
    const run = await runCli(['plan', '--detailed-exitcod']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Nonexistent flag: --detailed-exitcod');
    expect(run.stderr).toContain('--detailed-exitcod: did you mean --detailed-exitcode?');
  });

  it('exit 1 for a bad choice of a flag, not 2', async () => {
    const run = await runCli(['plan', '--format', 'yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Expected --format=yaml to be one of: text, markdown, json');
  });

  it('exit 1 for a misspelt command, naming the closest one and zlc help', async () => {
    const run = await runCli(['valdate']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('valdate is not a zlc command.');
    expect(run.stderr).toContain('Did you mean: zlc validate?');
    expect(run.stderr).toContain('Run zlc help for the list of commands.');
  });

  it('put a usage error in the --json envelope, alone on stdout', async () => {
    const run = await runCli(['validate', '--json', '--fiel', 'x.yaml']);
    expect(run.code).toBe(1);
    const envelope = JSON.parse(run.stdout) as { status: number; result: unknown; error: { message: string } };
    expect(envelope).toMatchObject({ status: 1, result: null, warnings: [] });
    expect(envelope.error.message).toContain('did you mean --file?');
  });
});

describe('zlc help', () => {
  it('lists every command, and shows one command’s help with its exit codes', async () => {
    const all = await runCli(['help']);
    expect(all.code).toBe(0);
    for (const id of ['apply', 'doctor', 'drift', 'plan', 'validate']) expect(all.stdout).toContain(id);
    const one = await runCli(['help', 'drift']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('Exit codes:');
    expect(one.stdout).toContain('2  drift: changes to apply, manual steps undone, or orphans');
  });
});

describe('a model outside the working folder', () => {
  it('is refused with -f unless --allow-outside, saying which file and what to do', async () => {
    const outside = join(dir, 'lifecycle.yaml');
    writeFileSync(outside, 'version: 1\n');
    const run = await runCli(['validate', '-f', outside]);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain('outside the working directory');
    expect(run.stdout + run.stderr).toContain('--allow-outside');
  });
});

describe('durations in flags', () => {
  it('read as lifecycle.yaml writes them, with a clear message otherwise', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('0', { allowZero: true })).toBe(0);
    expect(parseDuration('90', { bareSeconds: true })).toBe(90_000);
    expect(parseDuration('5 minutes')).toMatch(/is not a duration: write a whole number and s, m or h/);
    expect(parseDuration('90')).toMatch(/is not a duration/);
  });

  it('refuse a bad one on the command line with exit 1', async () => {
    const run = await runCli(['flow', 'serve', '--poll-interval', 'soon', '--port', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"soon" is not a duration');
  });
});
