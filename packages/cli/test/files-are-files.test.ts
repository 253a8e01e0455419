/**
 * The model and plan files are plain text files inside the working directory: `lifecycle.yaml` as a symlink to
 * /proc/self/environ (git commits symlinks; a pull request's CI has the secrets in its environment) is refused and
 * nothing of the environment reaches the output; a file outside needs --allow-outside; quoted lines are short and
 * carry no terminal escapes.
 *
 * @module-tag e2e
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasNoStackTrace, REPO_ROOT, runCli } from '@zlc/testkit';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'zlc-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ROOT_MODEL = readFileSync(join(REPO_ROOT, 'lifecycle.yaml'), 'utf8');

/** Secrets a CI job would hold, each unique to this run. */
const PLANTED = {
  ZOHO_CLIENT_ID: `1000.planted${Date.now()}`,
  ZOHO_CLIENT_SECRET: `plantedClientSecret${process.pid}x${Date.now()}`,
  ZOHO_REFRESH_TOKEN: `1000.plantedRefresh${process.pid}y${Date.now()}`,
  ZLC_WEBHOOK_SECRET: `plantedWebhookSecret${process.pid}z${Date.now()}`,
};
const SECRETS = [PLANTED.ZOHO_CLIENT_SECRET, PLANTED.ZOHO_REFRESH_TOKEN, PLANTED.ZLC_WEBHOOK_SECRET];

function project(name: string): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  return path;
}

function leaks(text: string): string[] {
  return SECRETS.flatMap((secret) => [secret, secret.slice(0, 8), secret.slice(-8)]).filter((s) => text.includes(s));
}

describe.runIf(existsSync('/proc/self/environ'))('a lifecycle.yaml that is a symlink to /proc/self/environ', () => {
  it.each([
    ['validate', ['validate']],
    ['validate --allow-outside', ['validate', '--allow-outside']],
    ['validate --json', ['validate', '--json']],
    ['plan', ['plan']],
    ['apply', ['apply', '--auto-approve']],
  ])('is refused by %s, and no planted secret reaches the output', async (_, args) => {
    const cwd = project(`environ-${args.join('-')}`);
    symlinkSync('/proc/self/environ', join(cwd, 'lifecycle.yaml'));
    const run = await runCli(args, { cwd, env: PLANTED });
    expect(run.code).toBe(1);
    const output = `${run.stdout}${run.stderr}`;
    expect(output).toMatch(/file-not-regular|file-outside-tree/);
    expect(output).toContain('lifecycle.yaml');
    expect(leaks(output)).toEqual([]);
    expect(hasNoStackTrace(output)).toBe(true);
  });

  it('is refused as a saved plan too, before the org is opened', async () => {
    const cwd = project('environ-plan-file');
    writeFileSync(join(cwd, 'lifecycle.yaml'), ROOT_MODEL);
    symlinkSync('/proc/self/environ', join(cwd, 'plan.json'));
    const run = await runCli(['apply', 'plan.json'], { cwd, env: PLANTED });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('plan.json is not a usable plan file');
    expect(run.stderr).toContain('kernel state');
    expect(leaks(`${run.stdout}${run.stderr}`)).toEqual([]);
  });
});

describe('files outside the working directory', () => {
  it('are refused unless --allow-outside is given, whether named or reached through a symlink', async () => {
    const cwd = project('repo');
    const elsewhere = project('elsewhere');
    writeFileSync(join(elsewhere, 'lifecycle.yaml'), ROOT_MODEL);
    symlinkSync(join(elsewhere, 'lifecycle.yaml'), join(cwd, 'lifecycle.yaml'));

    const named = await runCli(['validate', '-f', join(elsewhere, 'lifecycle.yaml')], { cwd });
    expect(named.code).toBe(1);
    expect(named.stdout).toContain('error file-outside-tree');
    expect(named.stdout).toContain('hint: run zlc from the directory that holds it, or pass --allow-outside');

    const linked = await runCli(['validate'], { cwd });
    expect(linked.code).toBe(1);
    expect(linked.stdout).toContain(`(it leads to ${join(elsewhere, 'lifecycle.yaml')})`);

    const allowed = await runCli(['validate', '--allow-outside'], { cwd });
    expect(allowed.stdout).toMatch(/^lifecycle\.yaml is valid/m);
    expect(allowed.code).toBe(0);
  });
});

describe('quoted source lines', () => {
  it('show line:col and at most 200 characters of the line, with no terminal escapes', async () => {
    const cwd = project('long-line');
    const noise = `\u001b]0;pwned\u0007\u001b[2J${'x'.repeat(5000)}`;
    writeFileSync(join(cwd, 'lifecycle.yaml'), `note: '${noise}'\n${ROOT_MODEL}`);
    const run = await runCli(['validate'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("lifecycle.yaml:1:1 error unknown-key unknown key 'note'");
    expect(run.stdout).toMatch(/^ {2}1 \| note: '\?]0;pwned\?\?\[2Jx+…$/m);
    expect(run.stdout).not.toContain('\u001b');
    expect(Math.max(...run.stdout.split('\n').map((line) => line.length))).toBeLessThan(220);
  });

  it('refuse a NUL byte in the model, naming where it is', async () => {
    const cwd = project('nul');
    writeFileSync(join(cwd, 'lifecycle.yaml'), `# \0\n${ROOT_MODEL}`);
    const run = await runCli(['validate'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'lifecycle.yaml:1:3 error file-binary lifecycle.yaml holds a NUL byte at line 1, column 3',
    );
  });
});
