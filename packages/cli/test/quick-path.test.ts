/**
 * The README's quick path, walked literally on a fresh sandbox: each line of its `sh` block is run as written (the
 * two ending in `&` in the background, waited for until they say they are up), in an empty folder holding only the
 * root lifecycle.yaml. The only liberty: the ports 8787 and 8788 become free ones, so tests can run side by side.
 * It must end in "No changes"; then `zlc drift` finds none, and a deal closed in CRM reaches Books through the
 * runtime the quick path started — so the Books steps done by the sandbox's stand-in are enough for a handoff.
 *
 * @module-tag e2e
 * @module-tag slow
 */
import { execSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliRun, freePort, REPO_ROOT, runCli, startCliUntil, stopCli } from '@zlc/testkit';
import { collect, createZohoClients, loadZohoConfig } from '@zlc/zoho';
import { afterAll, describe, expect, it } from 'vitest';
import { createSampleDeal } from '../src/demo/sample-deal.js';

/** The lines of the README's quick-path block, comments and blank lines left out. */
function quickPathLines(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /<!-- quick path: begin -->\s*```sh\n([\s\S]*?)```\s*<!-- quick path: end -->/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no quick-path block between its markers');
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '');
}

const background: CliRun[] = [];
const dir = mkdtempSync(join(tmpdir(), 'zlc-quick-path-'));
let env: Record<string, string> = {};

afterAll(async () => {
  await Promise.all(background.map((run) => stopCli(run, 'SIGINT')));
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `zlc ARGS` in the background and waits until it says it is up. */
async function startInBackground(args: string[]): Promise<void> {
  background.push(await startCliUntil(args, { cwd: dir, env }, /Press Ctrl-C|Ledger: /));
}

/** Runs one line of the block as a shell would, for the forms the block uses; any other form fails the test. */
async function runLine(
  line: string,
  ports: Record<string, string>,
): Promise<{ code: number | string; stdout: string } | undefined> {
  const text = line.replace(/\b(8787|8788)\b/g, (p) => ports[p] ?? p);
  const zlcLine = /^pnpm zlc (.*?)(\s*&)?$/.exec(text);
  if (zlcLine !== null) {
    const args = (zlcLine[1] ?? '').split(/\s+/);
    if (zlcLine[2] !== undefined) return void (await startInBackground(args));
    const run = await runCli(args, { cwd: dir, env });
    if (run.code !== 0) throw new Error(`${line} exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
    return run;
  }
  const sourced = /^set -a; \. (\S+); set \+a$/.exec(text);
  if (sourced !== null) {
    // Sourced by a shell, as the README does; the variables it set are what this line adds.
    const dump = `${text}; ${JSON.stringify(process.execPath)} -e 'process.stdout.write(JSON.stringify(process.env))'`;
    const after = JSON.parse(execSync(dump, { cwd: dir, env: {}, shell: '/bin/bash', encoding: 'utf8' })) as Record<
      string,
      string
    >;
    for (const [key, value] of Object.entries(after)) if (/^(ZOHO_|ZLC_)/.test(key)) env[key] = value;
    return undefined;
  }
  const exported = /^export (\w+)=(.*)$/.exec(text);
  if (exported !== null) {
    const raw = exported[2] ?? '';
    const command = /^\$\((.*)\)$/.exec(raw)?.[1];
    env = { ...env, [exported[1] ?? '']: command === undefined ? raw : execSync(command, { encoding: 'utf8' }).trim() };
    return undefined;
  }
  throw new Error(`the quick path has a line this test cannot run as written: ${line}`);
}

describe("the README's quick path", () => {
  it('reaches "No changes" on a fresh sandbox, finds no drift, and a closed deal then reaches Books', async () => {
    copyFileSync(join(REPO_ROOT, 'lifecycle.yaml'), join(dir, 'lifecycle.yaml'));
    const ports = { '8787': String(await freePort()), '8788': String(await freePort()) };
    const lines = quickPathLines();
    expect(lines.at(-1)).toBe('pnpm zlc plan --detailed-exitcode');
    let last: { code: number | string; stdout: string } | undefined;
    for (const line of lines) last = (await runLine(line, ports)) ?? last;
    expect(last?.stdout).toContain('No changes. The org matches lifecycle.yaml.');

    const drift = await runCli(['drift', '--format', 'markdown'], { cwd: dir, env });
    expect(drift.code).toBe(0);
    expect(drift.stdout).toContain('## zlc drift: none');

    const loaded = loadZohoConfig(env);
    if (!loaded.ok) throw new Error('the sandbox env does not load');
    const clients = createZohoClients(loaded.config);
    try {
      const sample = await createSampleDeal(clients);
      await clients.crm.records.update('Deals', sample.deal.id, { Stage: 'Closed Won' });
      const deadline = Date.now() + 60_000;
      let invoices: unknown[] = [];
      while (invoices.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        invoices = await collect(clients.books.invoices.list({ reference_number: sample.deal.id }));
      }
      expect(invoices).toHaveLength(1);
    } finally {
      clients.close();
    }
  }, 240_000);
});
