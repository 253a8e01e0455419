/**
 * `zlc plan` as a user runs it, on an embedded sandbox: the formats, `--out`, the exit codes.
 *
 * @module-tag e2e
 * @module-tag slow
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPlan } from '@zlc/engine';
import { type CliResult, runCli } from '@zlc/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import PlanCommand from '../src/commands/plan.js';

const dir = mkdtempSync(join(tmpdir(), 'zlc-plan-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `zlc plan ARGS` from the repo root against an embedded sandbox of its own (no ZOHO_* set). */
function zlcPlan(args: string[], extra: Record<string, string> = {}): Promise<CliResult> {
  return zlc(['plan', ...args], extra);
}

/** `zlc ARGS` from the repo root with no ZOHO_* set: the CLI opens an embedded sandbox in this test's folder. */
function zlc(args: string[], extra: Record<string, string> = {}): Promise<CliResult> {
  return runCli(args, { env: { ZLC_SANDBOX_DIR: join(dir, 'org'), ...extra } });
}

describe('zlc plan', () => {
  it('prints the target first, the plan, and exits 2 with --detailed-exitcode when there are changes', async () => {
    const run = await zlcPlan(['--detailed-exitcode']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    expect(run.stdout.split('\n')[0]).toMatch(/^Target: embedded sandbox/);
    expect(run.stdout).toMatch(/Plan: \d+ to add, 1 to change, 0 to remove, 5 manual\.\n$/);
    expect(run.stdout.indexOf('Lifecycle')).toBeLessThan(run.stdout.indexOf('Changes'));
  });

  it('keeps stdout pure JSON with --format json, saves the same plan with --out, and exits 0 without the flag', async () => {
    const out = join(dir, 'plan.json');
    const run = await zlcPlan(['--format', 'json', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^Target: embedded sandbox/);
    const printed: unknown = JSON.parse(run.stdout);
    expect(checkPlan(printed)).toMatchObject({ ok: true });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(printed);
    expect(run.stdout).not.toContain(readFileSync(join(dir, 'org', 'webhook-secret'), 'utf8').trim());
  });

  it('prints the plan in the one JSON envelope with --json, and only that on stdout', async () => {
    const run = await zlcPlan(['--json', '--detailed-exitcode']);
    expect(run.code).toBe(2);
    const envelope = JSON.parse(run.stdout) as { status: number; result: unknown; warnings: unknown };
    expect(envelope.status).toBe(2);
    expect(checkPlan(envelope.result)).toMatchObject({ ok: true });
    expect(Array.isArray(envelope.warnings)).toBe(true);
    expect(run.stdout).not.toContain(readFileSync(join(dir, 'org', 'webhook-secret'), 'utf8').trim());
  });

  it('renders markdown for a pull request comment', async () => {
    const run = await zlcPlan(['--format', 'markdown']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('### zlc plan — ')).toBe(true);
    expect(run.stdout).toContain('<details><summary><code>+ crm_field.Accounts.Billing_Email</code>');
  });

  it('exits 1 on an invalid model without touching the org', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'version: 1\nstages: 3\n');
    const run = await zlcPlan(['-f', bad, '--allow-outside', '--detailed-exitcode']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('is invalid: nothing was planned.');
  });

  it("exits 1 naming an owner's Desk team the org lacks, with the closest team of its department", async () => {
    const typo = join(dir, 'team-typo.yaml');
    const root = readFileSync(join(import.meta.dirname, '..', '..', '..', 'lifecycle.yaml'), 'utf8');
    writeFileSync(typo, root.replace('team: Onboarding', 'team: Onbording'));
    const run = await zlcPlan(['-f', typo, '--allow-outside']);
    expect(run.code).toBe(1);
    // Only the target line: nothing was planned.
    expect(run.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^Target: embedded sandbox/)]);
    expect(run.stderr).toContain(
      "owners.success.desk.team: no Desk team 'Onbording' in department 'Customer Success' (did you mean 'Onboarding'?)",
    );
  });

  it('plans "No changes" (exit 0 with --detailed-exitcode) after zlc apply, listing the Books steps still open', async () => {
    const receiver = createServer((_req, res) => res.writeHead(200).end('ok'));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const env = {
        ZLC_SANDBOX_DIR: join(dir, 'applied-org'),
        ZLC_RUNTIME_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/zlc`,
      };
      const applied = await zlc(['apply', '--auto-approve', '--allow-data-loss'], env);
      expect(applied.code, applied.stderr).toBe(0);
      const again = await zlcPlan(['--detailed-exitcode'], env);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('No changes to apply. 5 manual steps are still open');
      expect(again.stdout).not.toMatch(/^ {2}[+~-] /m);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  }, 120_000);

  it('refuses http:// Zoho and runtime URLs to other machines before connecting, unless --insecure', async () => {
    const zoho = await zlcPlan([], { ZOHO_API_URL: 'http://zoho.example.test', ZOHO_DESK_URL: 'http://127.0.0.1:9' });
    expect(zoho.code).toBe(1);
    expect(zoho.stderr).toContain('ZOHO_API_URL is http:// to zoho.example.test, another machine');
    expect(zoho.stderr).toContain('pass --insecure on a network you trust');
    expect(zoho.stderr).not.toContain('ZOHO_DESK_URL');

    const runtime = { ZLC_RUNTIME_URL: 'http://flow.example.test/zlc' };
    const refused = await zlcPlan([], runtime);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('ZLC_RUNTIME_URL is http:// to flow.example.test');
    const allowed = await zlcPlan(['--insecure'], runtime);
    expect(allowed.stderr).toBe('');
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('http://flow.example.test/zlc/hooks/crm/');
  }, 120_000);

  it('will not apply on the embedded sandbox while the runtime URL is not local, and changes nothing', async () => {
    // The file's own org (ZLC_SANDBOX_DIR org), never applied to: the refusals must leave it so.
    const env = {};
    const fromModel = await zlc(['apply', '--auto-approve'], env);
    expect(fromModel.code).toBe(1);
    expect(fromModel.stderr).toContain(
      'The embedded sandbox delivers webhooks only to this machine, and runtime.url is https://flow.northwind.example/zlc: the runtime URL must be local.',
    );
    expect(fromModel.stderr).toContain('Set ZLC_RUNTIME_URL to where `zlc flow serve` listens');
    const fromEnv = await zlc(['apply', '--auto-approve'], {
      ...env,
      ZLC_RUNTIME_URL: 'https://flow.example.test/zlc',
    });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).toContain('and ZLC_RUNTIME_URL is https://flow.example.test/zlc');
    const after = await zlcPlan(['--detailed-exitcode'], env);
    expect(after.code).toBe(2);
    expect(after.stdout).toMatch(/Plan: \d+ to add, 1 to change, 0 to remove, 5 manual\./);
  }, 120_000);

  it('keeps its flags (scripts and CI rely on them)', () => {
    expect(Object.keys(PlanCommand.flags).sort()).toEqual([
      'allow-data-loss',
      'allow-outside',
      'detailed-exitcode',
      'file',
      'format',
      'insecure',
      'out',
      'sandbox-dir',
      'state-dir',
    ]);
    expect(PlanCommand.enableJsonFlag).toBe(true);
    expect(PlanCommand.flags.out.char).toBe('o');
    expect(PlanCommand.description).toContain('Exit codes:\n  0  ');
    expect(PlanCommand.description).toContain('  2  only with --detailed-exitcode');
  });
});
