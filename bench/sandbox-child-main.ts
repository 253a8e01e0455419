/**
 * The child process behind `serveInChild` (bench/sandbox-child.ts): serves a sandbox org with injected latency on
 * every product, prints one JSON line with its `ZOHO_*` env, drops the latency when it reads `clear` on stdin
 * (answering `cleared`), and runs until its stdin closes. The optional JSON argument carries the rest of
 * `ServeInChildOptions` (limits, token allowance, the Books custom fields to make before it reports ready).
 * Usage: node --import tsx bench/sandbox-child-main.ts <dataDir|:memory:> <seed> <latencyMs> [<optionsJson>]
 */
import { addBooksCustomFields, SEED_NAMES, type SeedName, startSandbox } from '@zlc/sandbox';
import type { ChildExtras } from './sandbox-child.js';

const [dataDir, seed, latency, extrasJson] = process.argv.slice(2);
if (dataDir === undefined || latency === undefined || !SEED_NAMES.some((name) => name === seed))
  throw new Error(`usage: sandbox-child-main.ts <dataDir|:memory:> <${SEED_NAMES.join('|')}> <latencyMs> [<json>]`);
const ms = Number(latency);
const extras = (extrasJson === undefined ? {} : JSON.parse(extrasJson)) as ChildExtras;
// JSON has no Infinity: a limit sent as null means "no limit".
const limits = Object.fromEntries(
  Object.entries(extras.limits ?? {}).map(([product, set]) => [
    product,
    Object.fromEntries(Object.entries(set).map(([k, v]) => [k, v ?? Number.POSITIVE_INFINITY])),
  ]),
);
const sandbox = await startSandbox({
  ...(dataDir === ':memory:' ? {} : { dataDir }),
  seed: seed as SeedName,
  limits,
  ...(extras.tokensPerTenMinutes === undefined ? {} : { tokensPerTenMinutes: extras.tokensPerTenMinutes }),
  faults:
    ms > 0 ? (['crm', 'books', 'desk'] as const).map((product) => ({ product, kind: 'latency' as const, ms })) : [],
});
await addBooksCustomFields(sandbox, extras.booksCustomFields ?? []);
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
