/**
 * `zlc export` against a sandbox: the org written as a model that validates.
 *
 * @module-tag e2e
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateSource } from '@zlc/model';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { runCli } from '@zlc/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let sandbox: Sandbox;
let dir: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  dir = mkdtempSync(join(tmpdir(), 'zlc-export-cli-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('zlc export', () => {
  it('writes the org to --out as a model that validates, telling the target on stderr', async () => {
    const out = join(dir, 'exported.yaml');
    const run = await runCli(['export', '--out', out], { env: { ...sandbox.env, ZLC_STATE_DIR: join(dir, 'state') } });
    expect(run.stderr).not.toContain('rror');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Target: /);
    expect(run.stderr).toMatch(/Exported \d+ CRM, \d+ Desk and \d+ Books custom fields and \d+ Deal stages to /);
    expect(validateSource(readFileSync(out, 'utf8')).ok).toBe(true);
  }, 60_000);
});
