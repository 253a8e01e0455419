/**
 * `zlc validate` as a user runs it: diagnostics with file, line, column and a hint; bad files refused without a
 * stack trace.
 *
 * @module-tag e2e
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliResult, runCli } from '@zlc/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import Validate from '../src/commands/validate.js';

const dir = mkdtempSync(join(tmpdir(), 'zlc-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `zlc validate ARGS` as a user would, from the repo root. */
function zlcValidate(args: string[]): Promise<CliResult> {
  return runCli(['validate', ...args]);
}

function fixture(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const VALID = `version: 1
owners:
  sales: { name: Sales }
  finance: { name: Finance }
stages:
  - id: won
    name: Won
    record: crm:Deals
    owner: sales
    entry: { field: Stage, equals: Closed Won }
  - id: invoiced
    name: Invoiced
    record: books:invoices
    owner: finance
fields:
  crm:
    Accounts:
      - { api_name: Tier, type: picklist, values: [Gold, Silver, Bronze] }
  books:
    contacts:
      - { api_name: cf_crm_account_id, type: string, unique: true }
      - { api_name: cf_tier, type: dropdown, values: [Gold, Silver, Bronze] }
handoffs:
  - id: won-to-books
    trigger: { on: record_enters_stage, stage: won }
    steps:
      - id: customer
        target: books:contacts
        match: { by: unique_field, field: cf_crm_account_id, value: account.id }
        map:
          contact_name: account.Account_Name
          cf_crm_account_id: account.id
          cf_tier: account.Tier
runtime: { url: 'https://flow.example.test' }
`;

function billionLaughs(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  let previous = 'a';
  for (const name of 'bcdefghi') {
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    previous = name;
  }
  return `${lines.join('\n')}\n`;
}

const BAD_INPUTS: [string, string, string][] = [
  ['a file that is not YAML', 'version: 1\nowners: [oops\n', 'yaml-syntax'],
  ['tabs', VALID.replace('  sales:', '\tsales:'), 'yaml-tab'],
  ['duplicate keys', VALID.replace('owners:\n', 'owners:\n  sales: { name: A }\n'), 'duplicate-key'],
  ['a scalar at the top', 'hello\n', 'invalid-top-level'],
  ['a list at the top', '- version: 1\n', 'invalid-top-level'],
  ['unknown keys', VALID.replace('    owner: sales', '    ownr: sales'), 'unknown-key'],
  ['wrong types', VALID.replace('version: 1', 'version: one'), 'invalid-type'],
  ['dangling references', VALID.replace('    owner: finance', '    owner: finnance'), 'dangling-reference'],
  [
    'a mapping between incompatible types',
    VALID.replace(
      'contact_name: account.Account_Name',
      'contact_name: account.Account_Name\n          payment_terms: account.Website',
    ),
    'incompatible-mapping',
  ],
  [
    'a picklist mapping that is not total',
    VALID.replace('values: [Gold, Silver, Bronze] }\nhandoffs', 'values: [Gold, Silver] }\nhandoffs'),
    'picklist-not-total',
  ],
  ['an empty file', '', 'empty-file'],
  ['a 10 MB file', `version: 1\n#${'x'.repeat(10 * 1024 * 1024)}\n`, 'file-too-large'],
  ['an alias bomb', billionLaughs(), 'alias-bomb'],
  [
    'a 150,000-key mapping of 4 MB',
    `version: 1\nowners:\n${Array.from({ length: 150_000 }, (_, i) => `  owner_key_${String(i).padStart(12, '0')}: x\n`).join('')}`,
    'too-many-entries',
  ],
  ['nesting thousands deep', `version: 1\nx: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, 'nesting-too-deep'],
  ['a NUL byte', VALID.replace('version: 1', 'version: 1\0'), 'file-binary'],
  ['an http:// runtime.url to another machine', VALID.replace("'https://", "'http://"), 'insecure-url'],
];

describe('zlc validate', { timeout: 60_000 }, () => {
  it('keeps its documented flags', () => {
    const flags = Object.entries(Validate.flags).map(([name, flag]) => ({
      name,
      char: flag.char,
      default: flag.default,
      type: flag.type,
    }));
    expect(flags).toEqual([
      { name: 'file', char: 'f', default: 'lifecycle.yaml', type: 'option' },
      { name: 'allow-outside', char: undefined, default: undefined, type: 'boolean' },
      { name: 'insecure', char: undefined, default: undefined, type: 'boolean' },
    ]);
    expect(Validate.enableJsonFlag).toBe(true);
  });

  it('exits 0 and says so for the root lifecycle.yaml (the default file)', async () => {
    const run = await zlcValidate([]);
    expect(run.stdout).toMatch(/^lifecycle\.yaml is valid: 5 stages/m);
    expect(run.code).toBe(0);
  });

  it('prints file:line:col, the line, a caret and a did-you-mean, and exits 1', async () => {
    const file = fixture('owner.yaml', VALID.replace('    owner: finance', '    owner: finnance'));
    const run = await zlcValidate(['-f', file, '--allow-outside']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${file}:14:12 error dangling-reference unknown owner 'finnance'`);
    expect(run.stdout).toContain(
      "  14 |     owner: finnance\n     |            ^^^^^^^^\n  hint: did you mean 'finance'?",
    );
    expect(run.stdout).toContain('1 error, 0 warnings');
  });

  it('prints the diagnostics as data with --json', async () => {
    const file = fixture(
      'json.yaml',
      VALID.replace('    ownr', '    owner').replace('version: 1', 'version: 1\nstagse: []'),
    );
    const run = await zlcValidate(['--json', '--file', file, '--allow-outside']);
    expect(run.code).toBe(1);
    const envelope = JSON.parse(run.stdout) as { status: number; result: unknown; warnings: unknown };
    expect(envelope.status).toBe(1);
    expect(envelope.warnings).toEqual([]);
    expect(envelope.result).toEqual({
      valid: false,
      file,
      errors: 1,
      warnings: 0,
      diagnostics: [
        expect.objectContaining({
          code: 'unknown-key',
          severity: 'error',
          line: 2,
          column: 1,
          path: 'stagse',
          hint: "did you mean 'stages'?",
        }),
      ],
    });
  });

  it('reports a missing file without a stack trace', async () => {
    const run = await zlcValidate(['-f', join(dir, 'nowhere.yaml'), '--allow-outside']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('error file-not-found');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/^\s+at /m);
  });

  it.each(BAD_INPUTS)(
    'refuses %s with a clear diagnostic, exit 1 and no stack trace',
    async (name, content, code) => {
      const file = fixture(`${name.replace(/\W+/g, '-')}.yaml`, content);
      const run = await zlcValidate(['-f', file, '--allow-outside']);
      expect(run.stdout).toMatch(
        new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+:\\d+)? error ${code} `, 'm'),
      );
      expect(run.code).toBe(1);
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/^\s+at /m);
    },
    60_000,
  );
});
