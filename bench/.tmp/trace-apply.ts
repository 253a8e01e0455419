import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPlan, EXECUTORS, makePlan, readRemote } from '@zlc/engine';
import { validateSource } from '@zlc/model';
import { createZohoClients, loadZohoConfig, targetIdentity } from '@zlc/zoho';
import { serveInChild } from '../sandbox-child.js';
import { benchModel } from '../scenarios/apply.js';
const dir = mkdtempSync(join(tmpdir(), 'zlc-trace-'));
const served = await serveInChild(join(dir, 'org'), { seed: 'large', latencyMs: 50 });
const c = loadZohoConfig(served.env); if (!c.ok) throw new Error('y');
const checked = validateSource(benchModel('Bench')); if (!checked.ok) throw new Error('m');
const model = checked.resolved;
let t0 = 0; let on = false;
const clients = createZohoClients(c.config, { onEvent: (e) => { if (on && e.type === 'request') console.log(Math.round(performance.now() - t0 - e.durationMs), Math.round(e.durationMs), e.method, e.product, e.path); } });
const { plan } = await makePlan(clients, model, { target: targetIdentity(c.config), webhookSecret: undefined });
const context = { runtimeUrl: undefined, secretRef: 'env:X#unset', deskToken: () => undefined, isSecret: () => false };
on = true; t0 = performance.now();
const r = await applyPlan(plan, { clients, identity: targetIdentity(c.config), journalDir: join(dir, 'j'), lockDir: join(dir, 'l'), executors: EXECUTORS,
  readRemote: (types) => readRemote(clients, model, { context, secretEnv: 'X', types }),
  onEvent: (ev) => { if (ev.type === 'wave_started') console.log(Math.round(performance.now() - t0), 'WAVE'); } });
console.log('total', Math.round(performance.now() - t0), r.status);
clients.close(); await served.stop(); process.exit(0);
