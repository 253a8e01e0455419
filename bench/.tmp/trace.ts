import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePlan } from '@zlc/engine';
import { loadModelFile } from '@zlc/model';
import { createZohoClients, loadZohoConfig, targetIdentity } from '@zlc/zoho';
import { serveInChild } from '../sandbox-child.js';
const loaded = await loadModelFile(join(import.meta.dirname, '..', '..', 'lifecycle.yaml'));
if (!loaded.result.ok) throw new Error('x');
const dir = mkdtempSync(join(tmpdir(), 'zlc-trace-'));
const served = await serveInChild(dir, { seed: 'large', latencyMs: 50 });
const c = loadZohoConfig(served.env); if (!c.ok) throw new Error('y');
for (let i = 0; i < 2; i++) {
  const clients = createZohoClients(c.config, { onEvent: (e) => { if (e.type === 'request') console.log(Math.round(performance.now() - t0 - e.durationMs), Math.round(e.durationMs), e.method, e.product, e.path); } });
  await clients.crm.listRoles();
  var t0 = performance.now();
  await makePlan(clients, loaded.result.resolved, { target: targetIdentity(c.config), webhookSecret: 's' });
  console.log('total', Math.round(performance.now() - t0));
  clients.close();
}
await served.close?.();
process.exit(0);
