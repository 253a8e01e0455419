import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/** One project per package with tests (`vitest run --project engine`), and the benches' own tests. */
const packages = readdirSync('packages').filter((name) => existsSync(join('packages', name, 'test')));

export default defineConfig({
  // Tests run the packages' TypeScript sources (`source` in their exports), never a dist/ build, which may be stale
  // or absent. Tests run in Vite's server environment, whose conditions are set apart from the client's; the rest
  // of each list is Vite's default, so third-party packages resolve as they would without this.
  resolve: { conditions: ['source'] },
  ssr: {
    resolve: {
      conditions: ['source', 'module', 'node', 'development|production'],
      externalConditions: ['source', 'node', 'module-sync'],
    },
  },
  test: {
    projects: [
      ...packages.map((name) => ({
        extends: true as const,
        test: { name, include: [`packages/${name}/test/**/*.test.ts`] },
      })),
      { extends: true as const, test: { name: 'bench', include: ['bench/test/**/*.test.ts'] } },
    ],
    // A file says what it is with `@module-tag` in its header comment; untagged files are fast unit tests.
    // `npm test` runs everything; `npx vitest run --project model --tags-filter '!e2e && !slow'` a package's fast ones.
    tags: [
      { name: 'e2e', description: 'Talks to a sandbox over HTTP or runs the CLI as a child process.' },
      {
        name: 'slow',
        description: 'Takes more than ~15 s on the reference machine (chaos, CLI walks, property runs).',
      },
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most suites wait on sockets, child processes and injected latency, not on the CPU: run more than one per core.
    maxWorkers: 4,
  },
});
