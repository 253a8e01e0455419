/**
 * Hostile input through the CLI, on a sandbox org: random bytes and truncated YAML as the model of `validate` and
 * `plan`, and random JSON as the plan of `apply PLAN`. Every case must end with exit 0, 1 or 4 and a message — never
 * a stack trace — and the org's configuration must be what it was (no write request reached it). The cases come
 * from a seeded generator (ZLC_FUZZ_SEED picks another run), a few CLI runs at a time, about 30 s in all.
 *
 * @module-tag e2e
 * @module-tag slow
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyModel, desiredContext, makePlan, readRemote, serializePlan } from '@zlc/engine';
import { type ResolvedModel, validateSource } from '@zlc/model';
import { type Sandbox, type SandboxStats, startSandbox } from '@zlc/sandbox';
import { type CliResult, hasNoStackTrace, REPO_ROOT, runCli } from '@zlc/testkit';
import { createZohoClients, loadZohoConfig, targetIdentity, type ZohoClients } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SEED = Number(process.env.ZLC_FUZZ_SEED ?? 20_261_207);
const SECRET = 'fuzz-webhook-secret';
const ROOT_MODEL = readFileSync(join(REPO_ROOT, 'lifecycle.yaml'), 'utf8');

/** mulberry32: small, seeded, good enough to pick cases. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = generator(SEED);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;

function randomBytes(length: number): Buffer {
  return Buffer.from(Array.from({ length }, () => int(256)));
}

/** Text made of YAML's own punctuation, words and indentation: it gets past the byte checks into the parser. */
function yamlish(length: number): string {
  const pieces = [
    '{',
    '}',
    '[',
    ']',
    ':',
    ': ',
    ',',
    '- ',
    '? ',
    '&a ',
    '*a',
    '!!str ',
    '|',
    '>',
    "'",
    '"',
    '#',
    '%',
    '@',
    '<<: ',
    '\n',
    '\n  ',
    '\n    ',
    'version',
    'owners',
    'stages',
    'x',
    '1',
    'true',
    '~',
    '\u00e9',
    '\u202e',
  ];
  let text = '';
  while (text.length < length) text += pick(pieces);
  return text;
}

function randomJson(depth = 0): unknown {
  const kind = int(depth > 3 ? 4 : 7);
  if (kind === 0) return null;
  if (kind === 1) return random() < 0.5;
  if (kind === 2) return pick([0, -1, 1e308, 3.5, 2 ** 53 + 1]);
  if (kind === 3) return pick(['', 'x'.repeat(int(300)), '\u0000', '../../etc/passwd', '<script>', '💥', '1']);
  if (kind === 4) return Array.from({ length: int(4) }, () => randomJson(depth + 1));
  const keys = ['formatVersion', 'target', 'configHash', 'actions', 'waves', 'counts', 'action', 'address', 'x'];
  return Object.fromEntries(Array.from({ length: int(5) }, () => [pick(keys), randomJson(depth + 1)]));
}

/** Replaces, deletes or scrambles one value at a random place in `value` (a copy). */
function mutate(value: unknown): unknown {
  const copy = structuredClone(value);
  let node: unknown = copy;
  for (let depth = 0; depth < 6; depth++) {
    if (node === null || typeof node !== 'object') break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = pick(keys);
    const record = node as Record<string, unknown>;
    if (random() < 0.35 || depth === 5) {
      const roll = int(3);
      if (roll === 0 && !Array.isArray(node)) delete record[key];
      else record[key] = roll === 1 ? randomJson(2) : typeof record[key] === 'string' ? 42 : 'scrambled';
      break;
    }
    node = record[key];
  }
  return copy;
}

function writeCase(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return name;
}

/** Writes to the org (anything but a read) since the stats were reset. */
function writes(stats: SandboxStats): string[] {
  return Object.entries(stats.routes)
    .filter(([route, n]) => n > 0 && !/^(GET|HEAD) /.test(route) && !route.includes('/oauth/'))
    .map(([route, n]) => `${route} ×${n}`);
}

let sandbox: Sandbox;
let clients: ZohoClients;
let receiver: Server;
let dir: string;
let env: Record<string, string>;
let model: ResolvedModel;
let runtimeUrl: string;

/** address → fingerprint of every object zlc manages in the org. */
async function orgConfig(): Promise<Record<string, string>> {
  const read = await readRemote(clients, model, {
    context: desiredContext(model, runtimeUrl, SECRET),
    secretEnv: model.runtime.secretEnv,
  });
  return Object.fromEntries(read.resources.map((r) => [r.address, r.fingerprint()]).sort());
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zlc-fuzz-'));
  sandbox = await startSandbox({ seed: 'default' });
  const loaded = loadZohoConfig(sandbox.env);
  if (!loaded.ok) throw new Error('sandbox env does not load');
  clients = createZohoClients(loaded.config);
  receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(200).end()));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  runtimeUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/zlc`;
  const validated = validateSource(ROOT_MODEL);
  if (!validated.ok) throw new Error('the root model does not validate');
  model = validated.resolved;
  // The org converged: a plan of the model has nothing left for the API to do.
  const identity = targetIdentity(loaded.config);
  const options = { clients, identity, webhookSecret: SECRET, runtimeUrlOverride: runtimeUrl, allowDataLoss: true };
  await applyModel(model, { ...options, journalDir: join(dir, 'journal'), lockDir: join(dir, 'locks') });
  const { plan } = await makePlan(clients, model, {
    target: identity,
    webhookSecret: SECRET,
    runtimeUrlOverride: runtimeUrl,
  });
  writeFileSync(join(dir, 'lifecycle.yaml'), ROOT_MODEL);
  writeFileSync(join(dir, 'base-plan.json'), serializePlan(plan));
  env = { ...sandbox.env, ZLC_WEBHOOK_SECRET: SECRET, ZLC_RUNTIME_URL: runtimeUrl };
}, 120_000);

afterAll(async () => {
  clients.close();
  await sandbox.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

interface Case {
  name: string;
  args: string[];
  codes: readonly number[];
}

/** Runs the cases a few at a time; each gets its own state dir (its own lock). */
async function runAll(cases: readonly Case[]): Promise<{ c: Case; run: CliResult }[]> {
  const done: { c: Case; run: CliResult }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++] as Case;
      const stateDir = join(dir, 'state', c.name);
      mkdirSync(stateDir, { recursive: true });
      done.push({ c, run: await runCli(c.args, { cwd: dir, env: { ...env, ZLC_STATE_DIR: stateDir } }) });
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return done;
}

describe(`zlc under hostile input (seed ${SEED})`, () => {
  it('exits 0, 1 or 4 with a message for every case, shows no stack trace, and leaves the org as it was', async () => {
    const cases: Case[] = [];
    for (let i = 0; i < 4; i++) {
      const content = i % 2 === 0 ? randomBytes(1 + int(4000)) : yamlish(1 + int(4000));
      const file = writeCase(dir, `bytes-${i}.yaml`, content);
      cases.push({ name: `validate-${file}`, args: ['validate', '-f', file], codes: [1] });
    }
    const text = Buffer.from(ROOT_MODEL);
    for (let i = 0; i < 6; i++) {
      const file = writeCase(dir, `cut-${i}.yaml`, text.subarray(0, int(text.length)));
      cases.push({ name: `validate-${file}`, args: ['validate', '-f', file], codes: [0, 1] });
      if (i < 2) cases.push({ name: `plan-${file}`, args: ['plan', '-f', file], codes: [0, 1] });
    }
    cases.push({ name: 'plan-bytes', args: ['plan', '-f', 'bytes-0.yaml'], codes: [1] });
    const base = JSON.parse(readFileSync(join(dir, 'base-plan.json'), 'utf8')) as unknown;
    for (let i = 0; i < 8; i++) {
      const kind = i % 4;
      const content =
        kind === 0
          ? JSON.stringify(randomJson())
          : kind === 1
            ? serializePlan(base as never).slice(0, int(2000))
            : kind === 2
              ? randomBytes(1 + int(500))
              : JSON.stringify(mutate(mutate(base)));
      const file = writeCase(dir, `plan-${i}.json`, content);
      cases.push({ name: `apply-${file}`, args: ['apply', file], codes: [0, 1, 4] });
    }
    const stale = { ...(base as Record<string, unknown>), configHash: `sha256:${'f'.repeat(64)}` };
    cases.push({
      name: 'apply-stale',
      args: ['apply', writeCase(dir, 'stale.json', JSON.stringify(stale))],
      codes: [4],
    });

    const before = await orgConfig();
    sandbox.resetStats();
    const results = await runAll(cases);
    const problems = results.flatMap(({ c, run }) => {
      const output = `${run.stdout}${run.stderr}`;
      const found: string[] = [];
      if (typeof run.code !== 'number' || !c.codes.includes(run.code))
        found.push(`exit ${run.code}, expected ${c.codes.join(' or ')}`);
      if (output.trim() === '') found.push('no message');
      if (!hasNoStackTrace(output)) found.push('a stack trace');
      return found.length === 0 ? [] : [`${c.name}: ${found.join(', ')}\n${output.slice(0, 800)}`];
    });
    expect(problems).toEqual([]);
    expect(writes(sandbox.stats())).toEqual([]);
    expect(await orgConfig()).toEqual(before);
    expect(results.find((r) => r.c.name === 'apply-stale')?.run.stderr).toContain('model');
  }, 180_000);
});
