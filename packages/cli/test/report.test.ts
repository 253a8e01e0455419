/**
 * `zlc report` as users run it: a child process pointed at a served sandbox holding the story org of
 * packages/report/test/support/lifecycle-org.ts (ZOHO_* from the sandbox), each format, the exit codes, and the
 * HTML opened in headless Chromium (Debian's `chromium`), with a screenshot kept under test-artifacts/.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLifecycleOrg, type LifecycleOrg } from '../../report/test/support/lifecycle-org.js';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'zlc-report-cli-'));
const artifacts = join(repoRoot, 'test-artifacts');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const WINDOW = [
  '-f',
  join(dir, 'lifecycle.yaml'),
  // The model lives in a temp dir, outside the working directory the CLI runs in.
  '--allow-outside',
  '--from',
  '2030-01-01',
  '--to',
  '2030-03-31',
  '--as-of',
  '2030-04-01',
  '--period',
  'month',
];
const MODEL = join(dir, 'lifecycle.yaml');
let org: LifecycleOrg;

beforeAll(async () => {
  org = await buildLifecycleOrg();
  // The root model, its amounts in the story org's only currency (its EUR is covered by the not-converted case).
  const root = readFileSync(join(repoRoot, 'lifecycle.yaml'), 'utf8');
  writeFileSync(MODEL, root.replace(/\n\s+currency: EUR/g, ''));
}, 120_000);
afterAll(async () => {
  await org?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `zlc ARGS` from the repo root against the story org, with a state dir of its own. */
function zlc(args: string[], state = 'state'): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ZLC_STATE_DIR: join(dir, state) };
  for (const key of Object.keys(env)) if (key.startsWith('ZOHO_')) delete env[key];
  Object.assign(env, org.sandbox.env);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'packages/cli/bin/run.js', ...args],
      { cwd: repoRoot, env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('zlc report', () => {
  it('prints JSON that validates against schemas/report.schema.json, the target first on stderr', async () => {
    const run = await zlc(['report', '--format', 'json', '--group-by', 'none', ...WINDOW]);
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n')[0]).toMatch(/^Target: Zoho /);
    expect(run.stderr).toContain('Read Books invoices: 6 (full read)');
    const schema: unknown = JSON.parse(
      readFileSync(join(repoRoot, 'packages', 'report', 'schemas', 'report.schema.json'), 'utf8'),
    );
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema as object);
    const document: unknown = JSON.parse(run.stdout);
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    const sold = (
      document as { reports: { id: string; tables: { id: string; total?: { cells: Record<string, unknown> } }[] }[] }
    ).reports[0];
    expect(sold?.id).toBe('sold_invoiced_collected');
    expect(sold?.tables[0]?.total?.cells).toMatchObject({ won_count: 4, invoiced: 19_300, collected: 12_800 });
  });

  it('prints markdown for pull requests and long-form CSV for tools', async () => {
    const md = await zlc(['report', 'close_to_invoice', '--format', 'markdown', ...WINDOW]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^_CRM: as of .* UTC · Books: as of .* UTC_\n/);
    expect(md.stdout).toContain('### Time from close to first invoice');
    expect(md.stdout).toContain('| 2030-02 | 2 | 1 | 17 | 17 | 17 |');
    const csv = await zlc(['report', 'sold_invoiced_collected', '--format', 'csv', '--group-by', 'none', ...WINDOW]);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe('report,table,row,column,value');
    expect(lines).toContain('sold_invoiced_collected,by_period,total,collected,12800');
    expect(lines).toContain('sold_invoiced_collected,by_period,2030-02,invoiced_unlinked,1000');
  });

  it('shows amounts Books holds no rate for apart, not converted, when the model asks for another currency', async () => {
    const run = await zlc([
      'report',
      'sold_invoiced_collected',
      '--group-by',
      'none',
      '--from',
      '2030-01-01',
      '--to',
      '2030-03-31',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('amounts in EUR');
    expect(run.stdout).toContain('won USD 10,000.00; invoiced USD 10,000.00; collected USD 4,000.00');
    expect(run.stdout).toContain('Amounts in USD have no rate to EUR in Books');
  });

  it('refuses an unknown report id with exit 1, before it reads anything', async () => {
    const run = await zlc(['report', 'sold_invoiced_colected']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("unknown report 'sold_invoiced_colected': the reports are sold_invoiced_collected");
    expect(run.stderr).not.toContain('Target:');
    expect(run.stdout).toBe('');
  });

  it('exits 4 when a report has no data in its window, and says which', async () => {
    const run = await zlc([
      'report',
      'support_volume',
      '-f',
      MODEL,
      '--allow-outside',
      '--from',
      '2031-01-01',
      '--to',
      '2031-01-31',
    ]);
    expect(run.code).toBe(4);
    expect(run.stdout).toContain('No data in this window.');
    expect(run.stderr).toContain('No data in the window of: support_volume (exit 4).');
  });

  it('exits 3 and shows no figure when a product cannot be read', async () => {
    org.sandbox.faults.set([{ kind: 'error', product: 'desk' }]);
    try {
      const run = await zlc(['report', 'support_volume', '--refresh', ...WINDOW], 'state-unreachable');
      expect(run.code).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/Desk (accounts|tickets) could not be read/);
      expect(run.stderr).toContain('No report was computed');
    } finally {
      org.sandbox.faults.clear();
    }
  }, 60_000);

  it.skipIf(CHROMIUM === undefined)(
    'writes one self-contained HTML file that headless Chromium renders with every chart and no error (skipped only when Chromium is not installed: apt-get install -y chromium)',
    async () => {
      const file = join(dir, 'report.html');
      const run = await zlc(['report', '--format', 'html', '--out', file, '--group-by', 'none', ...WINDOW]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      const browser = await puppeteer.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      });
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        const requests: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warn') problems.push(`${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
        page.on('request', (r) => requests.push(r.url()));
        await page.setViewport({ width: 1100, height: 900 });
        await page.goto(`file://${file}`, { waitUntil: 'load' });
        expect(problems).toEqual([]);
        expect(requests).toEqual([`file://${file}`]);
        const count = (selector: string) => page.$$eval(selector, (nodes) => nodes.length);
        // 3 months × won/invoiced/collected; 5 bins of days; 3 customers with tickets; 2 series × 2 months with a month before.
        expect(await count('svg[data-chart="sold_invoiced_collected"] rect.bar')).toBe(9);
        expect(await count('svg[data-chart="close_to_invoice_days"] rect.bar')).toBe(5);
        expect(await count('svg[data-chart="top_customers"] rect.bar')).toBe(3);
        expect(await count('svg[data-chart="retention"] circle.point')).toBe(4);
        expect(await count('svg[role="img"][aria-labelledby]')).toBe(4);
        expect(await count('figure details table')).toBe(4);
        expect(await count('#report-reconciliation table tbody tr')).toBeGreaterThanOrEqual(6 + 7);
        mkdirSync(artifacts, { recursive: true });
        await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });
        expect(existsSync(join(artifacts, 'report.png'))).toBe(true);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
