/**
 * Apply benchmark: 300 changes (240 CRM custom fields over five modules, 20 Desk fields, then 40 of the CRM fields
 * made mandatory in their Standard layout, which waits for the fields) applied with `applyPlan` to the `large`
 * org, served by a child process with 50 ms injected latency on every product.
 *
 * Ideal: the rounds of calls the apply cannot avoid, each one latency long — the staleness read, then per wave the
 * preparatory reads and then the writes, each ceil(calls ÷ concurrency cap) for the slowest product; a layout's
 * PATCHes (five field actions each, layouts.yaml `updateLayout`) go one after another, as apply sends them (Zoho
 * documents no concurrent edits of one layout), so a wave's writes take at least its longest such chain. Floor: the
 * same kind of apply (other field names) with the latency cleared, which times the sandbox's own single-threaded
 * work and the journal's fsyncs; `ratioToFloor` is wall ÷ max(ideal, floor). `machineFloor`: the same apply's
 * calls, recorded on a copy of the seeded org and replayed in the ideal's rounds by a bare node:http client on
 * another copy (bench/floor-reader.ts) — the ideal as this machine, and the single-threaded sandbox, run it.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApplyEvent, applyPlan, EXECUTORS, makePlan, readRemote } from '@zlc/engine';
import { validateSource } from '@zlc/model';
import { createZohoClients, loadZohoConfig, targetIdentity, type ZohoEvent, type ZohoProduct } from '@zlc/zoho';
import { accessToken, capsOf, type RecordedCall, recordReads, replayAtCaps, retarget } from '../floor-reader.js';
import { serveInChild } from '../sandbox-child.js';
import { peakRssMb, round, type Scenario } from '../scenario.js';

const LATENCY_MS = 50;
const CRM_MODULES = ['Leads', 'Contacts', 'Accounts', 'Deals', 'Products'];
const DESK_MODULES = ['accounts', 'contacts'];
/** A layout's PATCH: those of one layout are sent one after another. */
const LAYOUT_PATCH = /\/settings\/layouts\/\d+/;

/** The layout a call edits (its path), or undefined when it edits none. */
function editedLayout(method: string, url: string): string | undefined {
  return method === 'PATCH' ? LAYOUT_PATCH.exec(url)?.[0] : undefined;
}

/** A model whose apply to a fresh org is 300 changes: 240 + 20 creates, then 40 layout flags. */
export function benchModel(prefix: string): string {
  const lines = [
    'version: 1',
    'owners: { admin: { name: Administrators, crm: { profile: Administrator } } }',
    'stages: [{ id: deal, name: Deal, record: "crm:Deals", owner: admin }]',
    'fields:',
    '  crm:',
  ];
  for (const module of CRM_MODULES) {
    lines.push(`    ${module}:`);
    for (let i = 1; i <= 48; i++) {
      const name = `${prefix}_${String(i).padStart(2, '0')}`;
      const required = i <= 8 ? ', required: true' : '';
      lines.push(
        `      - { api_name: ${name}, label: "${name.replace(/_/g, ' ')}", type: text, length: 80${required} }`,
      );
    }
  }
  lines.push('  desk:');
  for (const module of DESK_MODULES) {
    lines.push(`    ${module}:`);
    for (let i = 1; i <= 10; i++) {
      const label = `${prefix} ${String(i).padStart(2, '0')}`;
      const apiName = `cf_${label.toLowerCase().replace(/ /g, '_')}`;
      lines.push(`      - { api_name: ${apiName}, label: "${label}", type: Text, length: 100 }`);
    }
  }
  return `${lines.join('\n')}\n`;
}

interface Timed {
  changes: number;
  wallMs: number;
  idealRounds: number;
  calls: Record<ZohoProduct, number>;
  failed: number;
  /** Wall time of each phase: the lock and staleness read, then each wave. */
  phaseMs: number[];
  /** `performance.now()` at the apply's start, at each wave's start, and at its end. */
  marks: number[];
}

/** The calls of one phase of the apply (the staleness read, or one wave), per product. */
interface PhaseCalls {
  reads: Record<ZohoProduct, number>;
  writes: Record<ZohoProduct, number>;
  /** PATCHes per layout: those of one layout go one after another. */
  layoutPatches: Map<string, number>;
}

const PRODUCTS: ZohoProduct[] = ['crm', 'books', 'desk'];

const zeroCalls = (): Record<ZohoProduct, number> => ({ crm: 0, books: 0, desk: 0 });

/**
 * The ideal's rounds: per phase, for its slowest product, ceil(reads ÷ cap) then ceil(writes ÷ cap), the writes
 * taking at least the longest chain of one layout's PATCHes.
 */
function idealRoundCount(phases: readonly PhaseCalls[], cap: (product: ZohoProduct) => number): number {
  return phases.reduce((sum, p) => {
    const chain = Math.max(0, ...p.layoutPatches.values());
    const rounds = (pr: ZohoProduct) =>
      Math.ceil(p.reads[pr] / cap(pr)) + Math.max(Math.ceil(p.writes[pr] / cap(pr)), pr === 'crm' ? chain : 0);
    return sum + Math.max(...PRODUCTS.map(rounds));
  }, 0);
}

async function timeApply(env: Record<string, string>, prefix: string, stateDir: string): Promise<Timed> {
  const loaded = loadZohoConfig(env);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
  const config = loaded.config;
  const checked = validateSource(benchModel(prefix));
  if (!checked.ok) throw new Error(`bench model: ${checked.diagnostics.map((d) => d.message).join('; ')}`);
  const model = checked.resolved;
  // Calls per phase (0 = staleness read, 1.. = waves) and product, split into reads and writes.
  const phases: PhaseCalls[] = [];
  let phase = -1;
  const clients = createZohoClients(config, {
    onEvent: (e: ZohoEvent) => {
      if (e.type !== 'request' || e.product === 'accounts' || phase < 0) return;
      const slot = phases[phase];
      if (slot === undefined) return;
      if (e.method === 'GET') slot.reads[e.product] += 1;
      else slot.writes[e.product] += 1;
      const layout = editedLayout(e.method, e.path);
      if (layout !== undefined) slot.layoutPatches.set(layout, (slot.layoutPatches.get(layout) ?? 0) + 1);
    },
  });
  try {
    const identity = targetIdentity(config);
    const { plan } = await makePlan(clients, model, { target: identity, webhookSecret: undefined });
    const context = {
      runtimeUrl: undefined,
      secretRef: 'env:ZLC_WEBHOOK_SECRET#unset',
      deskToken: () => undefined,
      booksToken: () => undefined,
      isSecret: () => false,
    };
    phases.push({ reads: zeroCalls(), writes: zeroCalls(), layoutPatches: new Map() });
    phase = 0;
    const started = performance.now();
    const marks: number[] = [started];
    const result = await applyPlan(plan, {
      clients,
      identity,
      journalDir: join(stateDir, 'journal'),
      lockDir: join(stateDir, 'locks'),
      executors: EXECUTORS,
      readRemote: (types) => readRemote(clients, model, { context, secretEnv: 'ZLC_WEBHOOK_SECRET', types }),
      onEvent: (event: ApplyEvent) => {
        if (event.type !== 'wave_started') return;
        marks.push(performance.now());
        phases.push({ reads: zeroCalls(), writes: zeroCalls(), layoutPatches: new Map() });
        phase = phases.length - 1;
      },
    });
    const wallMs = performance.now() - started;
    marks.push(started + wallMs);
    const phaseMs = marks.slice(1).map((m, i) => Math.round(m - (marks[i] ?? m)));
    if (result.status !== 'applied' && result.status !== 'partial') throw new Error(`apply ${result.status}`);
    const calls = zeroCalls();
    for (const p of phases) for (const pr of PRODUCTS) calls[pr] += p.reads[pr] + p.writes[pr];
    return {
      changes: result.outcomes.length,
      wallMs,
      idealRounds: idealRoundCount(phases, (p) => clients.budgets[p].concurrency),
      calls,
      failed: result.summary.failed,
      phaseMs,
      marks,
    };
  } finally {
    clients.close();
  }
}

/**
 * The recorded calls of an apply, cut into the ideal's rounds: per phase (staleness read, each wave) its reads,
 * then its writes — a layout's second PATCH in the round after its first, and so on. Calls before the apply started
 * (its plan's) are left out.
 */
function idealRounds(calls: readonly RecordedCall[], marks: readonly number[]): RecordedCall[][] {
  const rounds: RecordedCall[][] = [];
  for (let i = 0; i + 1 < marks.length; i++) {
    const from = marks[i] as number;
    const to = marks[i + 1] as number;
    const phase = calls.filter((c) => c.at >= from && c.at < to);
    const writes: RecordedCall[][] = [];
    const seen = new Map<string, number>();
    for (const c of phase.filter((call) => call.method !== 'GET')) {
      const layout = editedLayout(c.method, new URL(c.url).pathname);
      const nth = layout === undefined ? 0 : (seen.get(layout) ?? 0);
      if (layout !== undefined) seen.set(layout, nth + 1);
      const round = writes[nth] ?? [];
      round.push(c);
      writes[nth] = round;
    }
    for (const part of [phase.filter((c) => c.method === 'GET'), ...writes]) if (part.length > 0) rounds.push(part);
  }
  return rounds;
}

/**
 * The machine's floor for the apply: the same apply recorded on one copy of the seeded org, its calls replayed in
 * the ideal's rounds by a bare node:http client on another copy (so the creates find the org as the recorded ones
 * did), after one unmeasured pass of the staleness reads (the timed apply found them fresh from its plan).
 */
async function machineFloor(dir: string, log: (m: string) => void) {
  const recordOn = await serveInChild(join(dir, 'org-record'), { seed: 'large', latencyMs: LATENCY_MS });
  let recorded: Timed | undefined;
  let calls: RecordedCall[];
  try {
    log('machine floor: recording the same apply on a copy of the org');
    calls = await recordReads(recordOn.env, async (env) => {
      recorded = await timeApply(env, 'Bench', join(dir, 'state-record'));
    });
  } finally {
    await recordOn.stop();
  }
  if (recorded === undefined) throw new Error('the recorded apply did not run');
  const replayOn = await serveInChild(join(dir, 'org-replay'), { seed: 'large', latencyMs: LATENCY_MS });
  try {
    log("machine floor: replaying its calls in the ideal's rounds on another copy");
    const aimed = retarget(calls, replayOn.env, await accessToken(replayOn.env));
    const rounds = idealRounds(aimed, recorded.marks);
    const loaded = loadZohoConfig(replayOn.env);
    if (!loaded.ok) throw new Error('replay sandbox env does not load');
    const caps = capsOf(loaded.config);
    await replayAtCaps(rounds.slice(0, 1), caps);
    const replayed = await replayAtCaps(rounds, caps);
    return {
      calls: rounds.reduce((n, r) => n + r.length, 0),
      rounds: rounds.length,
      wallMs: Math.round(replayed.wallMs),
      roundMs: replayed.roundMs,
      refused: replayed.failed,
    };
  } finally {
    await replayOn.stop();
  }
}

export const applyLargeLatency: Scenario = {
  name: 'apply-large-latency',
  description:
    'applyPlan of 300 changes (staleness read, then 2 waves) to the large org with 50 ms latency: wall ÷ ideal',
  async run(ctx) {
    const dir = mkdtempSync(join(tmpdir(), 'zlc-bench-apply-'));
    const orgDir = join(dir, 'org');
    ctx.log(`seeding the large org into ${orgDir} (child process), and two copies for the machine floor`);
    await (await serveInChild(orgDir, { seed: 'large', latencyMs: LATENCY_MS })).stop();
    cpSync(orgDir, join(dir, 'org-record'), { recursive: true });
    cpSync(orgDir, join(dir, 'org-replay'), { recursive: true });
    try {
      const served = await serveInChild(orgDir, { seed: 'large', latencyMs: LATENCY_MS });
      let run: Timed;
      let floor: Timed;
      try {
        ctx.log('applying 300 changes with 50 ms latency');
        run = await timeApply(served.env, 'Bench', join(dir, 'state'));
        await served.clearLatency();
        ctx.log('applying 300 other changes without latency (the floor)');
        floor = await timeApply(served.env, 'Floor', join(dir, 'state'));
      } finally {
        await served.stop();
      }
      const idealMs = run.idealRounds * LATENCY_MS;
      const machine = await machineFloor(dir, ctx.log);
      return {
        changes: run.changes,
        failed: run.failed,
        calls: run.calls,
        wallMs: Math.round(run.wallMs),
        phaseMs: run.phaseMs,
        idealRounds: run.idealRounds,
        idealMs,
        ratio: round(run.wallMs / idealMs),
        floorMs: Math.round(floor.wallMs),
        floorPhaseMs: floor.phaseMs,
        ratioToFloor: round(run.wallMs / Math.max(idealMs, floor.wallMs)),
        machineFloor: {
          ...machine,
          ratio: round(machine.wallMs / idealMs),
          applyOverFloor: round(run.wallMs / machine.wallMs),
        },
        peakRssMb: peakRssMb(),
        target: 1.3,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
