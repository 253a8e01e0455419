/**
 * `zlc init` through the CLI, as a new user runs it: every template scaffolds a folder in which `zlc validate`
 * passes (and the new wholesale template plans against a sandbox org); bad input — no or an unknown template, a
 * folder that is not empty, a misspelt flag — exits 1 with what to do and writes nothing.
 *
 * @module-tag e2e
 * @module-tag slow
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lifecycleSchema } from '@zlc/model';
import { afterAll, describe, expect, it } from 'vitest';
import { listTemplates, templatesRoot } from '../src/init/templates.js';
import { hasNoStackTrace, zlc } from './support/zlc.js';

const dir = mkdtempSync(join(tmpdir(), 'zlc-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const names = listTemplates(templatesRoot() ?? '').map((t) => t.name);

describe('zlc init', { timeout: 120_000 }, () => {
  it('offers at least three templates, the wholesale one among them', () => {
    expect(names).toEqual(expect.arrayContaining(['b2b-saas', 'services-agency', 'wholesale-distribution']));
  });

  it.each(names)('scaffolds %s into a folder where zlc validate passes', async (name) => {
    const run = await zlc(['init', name, '--template', name], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const target = join(dir, name);
    expect(readdirSync(target).sort()).toEqual(['.github', '.gitignore', 'README.md', 'lifecycle.yaml', 'schema']);
    const schema = lifecycleSchema();
    expect(readFileSync(join(target, 'lifecycle.yaml'), 'utf8').split('\n')[0]).toBe(
      `# yaml-language-server: $schema=${String(schema.$id)}`,
    );
    expect(JSON.parse(readFileSync(join(target, 'schema', 'lifecycle.schema.json'), 'utf8'))).toEqual(schema);
    expect(readFileSync(join(target, '.gitignore'), 'utf8')).toMatch(/^\.zlc\/$/m);
    const readme = readFileSync(join(target, 'README.md'), 'utf8');
    expect(readme).toContain(`\`${name}\` template`);
    expect(readme).toContain('## The model');
    expect(readme).not.toContain('## Use it');
    const validate = await zlc(['validate'], { cwd: target });
    expect(validate.code, validate.stdout).toBe(0);
    expect(validate.stdout).toContain('lifecycle.yaml is valid');
  });

  it('plans the wholesale template against a sandbox org from the scaffolded folder', async () => {
    const target = join(dir, 'wholesale-plan');
    expect((await zlc(['init', target, '--template', 'wholesale-distribution', '--ci', 'none'])).code).toBe(0);
    expect(existsSync(join(target, '.github'))).toBe(false);
    const plan = await zlc(['plan', '--json'], { cwd: target, env: { ZLC_WEBHOOK_SECRET: 'init-test-secret' } });
    expect(plan.code, plan.stderr).toBe(0);
    const envelope = JSON.parse(plan.stdout) as { result: { counts: { add: number; manual: number } } };
    expect(envelope.result.counts.add).toBeGreaterThan(0);
    // The Books custom fields (customer, invoice and item fields) are manual steps.
    expect(envelope.result.counts.manual).toBeGreaterThanOrEqual(6);
  });

  it('writes GitLab CI with --ci gitlab and points the modeline at the local copy with --offline-schema', async () => {
    const target = join(dir, 'gitlab');
    const run = await zlc(['init', target, '-t', 'services-agency', '--ci', 'gitlab', '--offline-schema', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const envelope = JSON.parse(run.stdout) as { result: { files: string[]; schema: string } };
    expect(envelope.result.files).toContain('.gitlab-ci.yml');
    expect(envelope.result.files).toContain('.gitlab/zlc-gitlab.mjs');
    expect(envelope.result.schema).toBe('./schema/lifecycle.schema.json');
    expect(readFileSync(join(target, 'lifecycle.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./schema/lifecycle.schema.json',
    );
  });
});

describe('zlc init with bad input', { timeout: 120_000 }, () => {
  it('without --template: exit 1, listing the templates', async () => {
    const run = await zlc(['init', join(dir, 'none')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Choose a template with --template NAME');
    for (const name of names) expect(run.stderr).toContain(name);
    expect(existsSync(join(dir, 'none'))).toBe(false);
  });

  it('an unknown template: exit 1, the closest name and the list', async () => {
    const run = await zlc(['init', join(dir, 'typo'), '--template', 'wholesale-distrbution']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('There is no template "wholesale-distrbution". Did you mean wholesale-distribution?');
    expect(run.stderr).toContain('b2b-saas');
    expect(hasNoStackTrace(run.stderr)).toBe(true);
    expect(existsSync(join(dir, 'typo'))).toBe(false);
  });

  it('a folder that is not empty: exit 1 and nothing written; --force writes, naming what it replaced', async () => {
    const target = join(dir, 'busy');
    mkdirSync(target);
    writeFileSync(join(target, 'lifecycle.yaml'), 'version: 1\n');
    writeFileSync(join(target, 'notes.txt'), 'keep me\n');
    const refused = await zlc(['init', target, '--template', 'b2b-saas']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not empty (lifecycle.yaml, notes.txt)');
    expect(refused.stderr).toContain('--force');
    expect(readdirSync(target).sort()).toEqual(['lifecycle.yaml', 'notes.txt']);
    const forced = await zlc(['init', target, '--template', 'b2b-saas', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('replaced lifecycle.yaml');
    expect(readFileSync(join(target, 'notes.txt'), 'utf8')).toBe('keep me\n');
    expect((await zlc(['validate'], { cwd: target })).code).toBe(0);
  });

  it('a folder holding only .git (a fresh clone) is empty enough', async () => {
    const target = join(dir, 'clone');
    mkdirSync(join(target, '.git'), { recursive: true });
    expect((await zlc(['init', target, '--template', 'b2b-saas'])).code).toBe(0);
  });

  it('a misspelt flag or an unknown CI: exit 1, naming the flag meant or the choices', async () => {
    const flag = await zlc(['init', join(dir, 'flag'), '--templte', 'b2b-saas']);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain('did you mean --template?');
    const ci = await zlc(['init', join(dir, 'ci'), '--template', 'b2b-saas', '--ci', 'jenkins']);
    expect(ci.code).toBe(1);
    expect(ci.stderr).toContain('github, gitlab, none');
    expect(existsSync(join(dir, 'flag'))).toBe(false);
    expect(existsSync(join(dir, 'ci'))).toBe(false);
  });
});
