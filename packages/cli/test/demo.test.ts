import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

/** Runs `zlc demo ARGS` as `npm run demo` does, from the repo root. */
function zlcDemo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'packages/cli/bin/run.js', 'demo', ...args],
      { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('zlc demo', () => {
  it('walks the root model from plan to flowing data on a sandbox of its own', async () => {
    const sandboxBefore = existsSync(join(repoRoot, '.zlc', 'sandbox', 'sandbox.db'));
    const run = await zlcDemo([]);
    expect(run.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('lifecycle.yaml');
    expect(out).toMatch(/Plan: \d+ to add, \d+ to change, \d+ to remove, \d+ manual\./);
    expect(out).toMatch(/Apply complete: \d+ added/);
    expect(out).toContain('No changes. The org matches lifecycle.yaml.');
    expect(out).toMatch(/✓ won-deal-to-books \(done.*customer created, invoice created/);
    expect(out).toMatch(/✓ won-deal-to-desk \(done.*account created, contacts created/);
    expect(out).toMatch(/Books invoice\s+INV-\d+: 15000 USD, draft/);
    expect(out).toContain('Open_Tickets = 1');
    expect(out).toMatch(/CRM deal: Invoice_Status = Paid, Amount_Paid = 15000, Invoice_Overdue = false/);
    expect(out).toContain('== Sold vs invoiced vs collected ==');
    expect(out).toMatch(/== Reconciliation of CRM, Books and Desk ==[\s\S]*invoice_differs/);
    // The demo's org lives in a temp dir: it neither creates nor touches the user's embedded sandbox.
    expect(existsSync(join(repoRoot, '.zlc', 'sandbox', 'sandbox.db'))).toBe(sandboxBefore);
  }, 180_000);

  it('stops with exit 1 and the diagnostics when the model is invalid', async () => {
    const run = await zlcDemo(['-f', 'does-not-exist.yaml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('does-not-exist.yaml');
    expect(run.stdout).toContain('The model is invalid');
  }, 60_000);
});
