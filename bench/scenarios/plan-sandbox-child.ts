/**
 * Child process of the `plan-large-latency` scenario: serves the `large` org with 50 ms injected latency on every
 * product, prints one JSON line with its `ZOHO_*` env, drops the latency when it reads `clear` on stdin (answering
 * `cleared`), and runs until its stdin closes. Keeping the sandbox out of
 * the planner's process keeps the sandbox's CPU and memory out of the planner's figures.
 * Usage: node --import tsx bench/scenarios/plan-sandbox-child.ts <dataDir> <latencyMs>
 */
import { startSandbox } from '@zlc/sandbox';

const [dataDir, latency] = process.argv.slice(2);
if (dataDir === undefined || latency === undefined)
  throw new Error('usage: plan-sandbox-child.ts <dataDir> <latencyMs>');
const ms = Number(latency);
const sandbox = await startSandbox({
  dataDir,
  seed: 'large',
  faults: (['crm', 'books', 'desk'] as const).map((product) => ({ product, kind: 'latency' as const, ms })),
});
process.stdout.write(`${JSON.stringify(sandbox.env)}\n`);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  // `clear`: drop the latency, so the parent can time the sandbox's own work (the floor under the latency).
  if (chunk.includes('clear')) {
    sandbox.faults.clear();
    process.stdout.write('cleared\n');
  }
});
process.stdin.once('end', () => {
  void sandbox.close().then(() => process.exit(0));
});
