/**
 * Runs Zoho's conformance proxy (`../shared/tools/zoho-conformance/proxy.mjs`, next to the repo) in front of a
 * sandbox, so that tests can assert that every answer fits Zoho's OpenAPI documents.
 * When the shared folder is missing, `conformanceAvailable()` says why; use it with `it.skipIf` so the skip is
 * visible in the run, never a silent pass.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../repo-root.js';

export interface ConformanceViolation {
  product?: string;
  operationId?: string;
  method?: string;
  path?: string;
  direction?: string;
  status?: number;
  kind?: string;
  errors?: Array<{ instancePath?: string; message?: string }>;
}

export interface ConformanceReport {
  totals: Record<string, number>;
  violations: ConformanceViolation[];
  undocumented: Array<{ method: string; path: string; product?: string; count: number }>;
}

export interface Conformance {
  /** The proxy's URL: use it as the API base instead of the sandbox URL. */
  url: string;
  report(): Promise<ConformanceReport>;
  /** Only the violations in answers (the emulator's side). */
  responseViolations(): Promise<ConformanceViolation[]>;
  close(): Promise<void>;
}

/** Where the proxy is, or why it cannot run. */
export function conformanceAvailable(): { ok: true; proxy: string } | { ok: false; reason: string } {
  const proxy = resolve(repoRoot(), '..', 'shared', 'tools', 'zoho-conformance', 'proxy.mjs');
  if (!existsSync(proxy)) {
    return {
      ok: false,
      reason: `conformance proxy not found at ../shared/tools/zoho-conformance/proxy.mjs (next to the repo)`,
    };
  }
  return { ok: true, proxy };
}

/** A product whose OpenAPI documents the proxy loads. */
export type ConformanceProduct = 'crm' | 'books' | 'desk';

export interface ConformanceOptions {
  /**
   * The products whose traffic passes through (default: all three). The proxy compiles every document of each
   * product it loads, seconds of a core apiece, so a file that speaks to one product loads that one.
   */
  products?: readonly ConformanceProduct[];
  /** How long the proxy may take to start (its first start may npm-install its dependencies). */
  timeoutMs?: number;
}

/**
 * The proxy lists traffic of a product it has not loaded as undocumented, which no judge fails on: each such path
 * becomes a violation here, so that a file which speaks to a product it did not name fails instead of passing
 * unchecked.
 */
function withUnloadedProducts(report: ConformanceReport, loaded: readonly ConformanceProduct[]): ConformanceReport {
  const unchecked = report.undocumented.filter(
    (u) => u.product !== undefined && !loaded.includes(u.product as ConformanceProduct),
  );
  if (unchecked.length === 0) return report;
  const violations: ConformanceViolation[] = unchecked.map((u) => ({
    product: u.product,
    operationId: 'unchecked',
    method: u.method,
    path: u.path,
    direction: 'response',
    kind: 'product_not_loaded',
    errors: [{ message: `${u.product} traffic went unchecked: add '${u.product}' to withConformance's products` }],
  }));
  return { ...report, violations: [...report.violations, ...violations] };
}

/** Starts the proxy in front of `upstream` (a sandbox or its URL). */
export async function withConformance(
  upstream: { url: string } | string,
  options: ConformanceOptions = {},
): Promise<Conformance> {
  const available = conformanceAvailable();
  if (!available.ok) throw new Error(available.reason);
  const target = typeof upstream === 'string' ? upstream : upstream.url;
  const { products = ['crm', 'books', 'desk'], timeoutMs = 180_000 } = options;
  const child: ChildProcess = spawn(
    process.execPath,
    [available.proxy, '--upstream', target, '--products', products.join(',')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`conformance proxy did not start within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = /(https?:\/\/\S+)/.exec(line);
      if (match === null) reject(new Error(`conformance proxy said "${line}", expected its URL`));
      else resolveUrl(match[1] as string);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`conformance proxy exited with ${code}:\n${stderr}`));
    });
  });
  const report = async (): Promise<ConformanceReport> => {
    const response = await fetch(`${url}/__conformance/report`);
    return withUnloadedProducts((await response.json()) as ConformanceReport, products);
  };
  return {
    url,
    report,
    async responseViolations() {
      return (await report()).violations.filter((v) => v.direction === 'response');
    },
    close: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) {
          done();
          return;
        }
        child.once('exit', () => done());
        child.kill('SIGINT');
      }),
  };
}
