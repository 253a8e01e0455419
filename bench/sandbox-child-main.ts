/**
 * The child process behind `serveInChild` (bench/sandbox-child.ts): serves a sandbox org with injected latency on
 * every product, prints one JSON line with its `ZOHO_*` env, drops the latency when it reads `clear` on stdin
 * (answering `cleared`), and runs until its stdin closes.
 * Usage: node --import tsx bench/sandbox-child-main.ts <dataDir> <seed> <latencyMs>
 */
import { SEED_NAMES, type SeedName, startSandbox } from '@zlc/sandbox';

const [dataDir, seed, latency] = process.argv.slice(2);
if (dataDir === undefined || latency === undefined || !SEED_NAMES.some((name) => name === seed))
  throw new Error(`usage: sandbox-child-main.ts <dataDir> <${SEED_NAMES.join('|')}> <latencyMs>`);
const ms = Number(latency);
const sandbox = await startSandbox({
  dataDir,
  seed: seed as SeedName,
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
