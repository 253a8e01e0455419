/**
 * Recovery through the CLI: an apply is killed while its webhook create is still on its way to Zoho; the rerun
 * plans before that request lands, so its own create meets "already exists" — and adopts the webhook the killed
 * run made, instead of failing on it. A proxy holds the creates and lets them land in that order.
 *
 * @module-tag e2e
 * @module-tag slow
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readJournal } from '@zlc/engine';
import { startCli, waitFor } from '@zlc/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdingProxy } from './support/holding-proxy.js';
import { type SafetyWorld, safetyWorld } from './support/safety-world.js';

let world: SafetyWorld;
beforeEach(async () => {
  world = await safetyWorld();
});
afterEach(async () => {
  await world.close();
});

const HOOKS_POST = 'POST /crm/v8/settings/automation/webhooks';

function hookPostsReceived(): number {
  const routes = world.sandbox.stats().routes;
  return Object.entries(routes)
    .filter(([key]) => key.startsWith('POST ') && key.endsWith('/settings/automation/webhooks'))
    .reduce((sum, [, n]) => sum + n, 0);
}

function journalled(type: string, address: string): boolean {
  const dir = join(world.dir, 'state', 'journal');
  if (!existsSync(dir)) return false;
  return readdirSync(dir)
    .flatMap((name) => readJournal(join(dir, name)))
    .some((e) => e.type === type && 'address' in e && e.address === address);
}

describe("an apply rerun while a killed run's create is still landing", () => {
  it('adopts the webhook the killed run made instead of failing on "already exists"', async () => {
    // Every CRM webhook create is held at a proxy until released: the killed run's lands after the rerun has
    // planned, and before the rerun's own create.
    const proxy = await holdingProxy(
      world.sandbox.url,
      (method, path) => method === 'POST' && path.endsWith('/settings/automation/webhooks'),
    );
    try {
      const env = { ...world.env, ZOHO_API_URL: proxy.url };
      const args = ['apply', '--auto-approve', '-f', world.model, '--allow-outside'];
      const first = startCli(args, { env });
      await waitFor(() => proxy.held() === 1, `the first run's ${HOOKS_POST}`);
      first.child.kill('SIGKILL');
      expect((await first.done).code).toBe('SIGKILL');
      expect(await world.clients.crm.listWebhooks()).toEqual([]);

      const rerun = startCli(args, { env });
      await waitFor(() => proxy.held() === 2, `the rerun's own ${HOOKS_POST}`);
      await proxy.releaseNext();
      expect((await world.clients.crm.listWebhooks()).map((h) => h.name)).toEqual(['zlc-won-deal-to-desk']);
      await proxy.releaseNext();
      const { code } = await rerun.done;
      expect(rerun.stderr()).toBe('');
      expect(code).toBe(0);
      expect(rerun.stdout()).toContain('Took over a stale lock');
      expect(hookPostsReceived()).toBe(2);
      expect(journalled('action_after', 'crm_webhook.zlc-won-deal-to-desk')).toBe(true);
      expect(rerun.stdout()).toMatch(/\+ crm_webhook\.zlc-won-deal-to-desk: created \(id \d+\)/);

      const hooks = await world.clients.crm.listWebhooks();
      expect(hooks.map((h) => h.name)).toEqual(['zlc-won-deal-to-desk']);
      const rules = await world.clients.crm.listWorkflowRules();
      expect(rules.map((r) => r.name)).toEqual(['zlc-won-deal-to-desk']);
      expect((await world.zlc(['plan', '--detailed-exitcode'])).code).toBe(0);
    } finally {
      await proxy.close();
    }
  }, 180_000);
});
