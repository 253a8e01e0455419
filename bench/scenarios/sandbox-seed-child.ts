/**
 * Child process of `sandbox-seed-large`: seeds the `large` org into a data dir and prints one JSON line with
 * the time and this process's peak memory, so the figure is the seed's own.
 * Usage: node --import tsx bench/scenarios/sandbox-seed-child.ts <dataDir>
 */
import { startSandbox } from '@zlc/sandbox';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: sandbox-seed-child.ts <dataDir>');
const started = performance.now();
let documents = 0;
let seedMs = 0;
const sandbox = await startSandbox({
  dataDir,
  seed: 'large',
  onEvent: (event) => {
    if (event.type === 'seeded') {
      documents = event.documents;
      seedMs = event.ms;
    }
  },
});
const startMs = performance.now() - started;
await sandbox.close();
const reopened = performance.now();
const again = await startSandbox({ dataDir });
const reopenMs = performance.now() - reopened;
await again.close();
process.stdout.write(
  `${JSON.stringify({
    documents,
    seedMs: Math.round(seedMs),
    startMs: Math.round(startMs),
    reopenMs: Math.round(reopenMs),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
