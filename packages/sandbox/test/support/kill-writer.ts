/**
 * Child process for the kill-safety test: writes to a store in a loop, each transaction moving a counter in two
 * collections together and adding a log document, until it is killed. Prints `ready` after the first commit.
 * Usage: node --import tsx kill-writer.ts <dataDir>
 */
import { openStore } from '../../src/core/store.js';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: kill-writer.ts <dataDir>');
const store = openStore(dataDir);
const left = store.collection<{ n: number }>('left');
const right = store.collection<{ n: number }>('right');
const log = store.collection<{ n: number; pad: string }>('log');
let n = left.get('counter')?.n ?? 0;
const pad = 'x'.repeat(2000);
let announced = false;
for (;;) {
  n++;
  store.transaction(() => {
    left.put('counter', { n });
    log.put(String(n), { n, pad });
    right.put('counter', { n });
  });
  if (!announced) {
    announced = true;
    process.stdout.write('ready\n');
  }
}
