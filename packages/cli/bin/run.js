#!/usr/bin/env node
// The zlc binary. Installed (`npm i -g @zlc/cli`), it runs the bundled commands in dist/ on plain Node. In a clone
// of the repository, started through tsx (`npm run zlc`, the tests), or before anything is built, it runs the
// TypeScript sources instead (bin/dev.js), so an edit needs no build before the next run.
import { existsSync } from 'node:fs';

const here = new URL('.', import.meta.url);
const hasSources = existsSync(new URL('../src/commands.ts', here));
const underTsx = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) =>
  /(^|[\s/\\=])tsx([\s/\\]|$)/.test(arg),
);
const built = existsSync(new URL('../dist/commands.js', here));

if (hasSources && (underTsx || !built)) {
  const { runFromSources } = await import('./dev.js');
  await runFromSources(here, underTsx);
} else {
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
}
