import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** One project per package with tests (`vitest run --project engine`), and the benches' own tests. */
const packages = readdirSync('packages').filter((name) => existsSync(join('packages', name, 'test')));

/** 0 for a file tagged slow, 1 for e2e, 2 for a unit test: its `@module-tag`s, from its header comment. */
function weight(file: string): number {
  const header = readFileSync(file, 'utf8').slice(0, 4_000);
  if (/@module-tag\s+slow\b/.test(header)) return 0;
  return /@module-tag\s+e2e\b/.test(header) ? 1 : 2;
}

/**
 * Starts the slow files first, then the e2e ones, across every project: a long file started last would run alone
 * at the end while the other workers sit idle. Within each kind Vitest's order holds (the longer files of the
 * previous run first, when it has one).
 */
class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const weights = new Map(sorted.map((f) => [f.moduleId, weight(f.moduleId)]));
    return sorted.sort((a, b) => (weights.get(a.moduleId) ?? 2) - (weights.get(b.moduleId) ?? 2));
  }
}

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
        test: {
          name,
          include: [`packages/${name}/test/**/*.test.ts`],
          // The CLI tests run the CLI as it ships, bundled once per run (runCli in @zlc/testkit).
          ...(name === 'cli' ? { globalSetup: ['packages/cli/test/support/cli-bundle.ts'] } : {}),
        },
      })),
      { extends: true as const, test: { name: 'bench', include: ['bench/test/**/*.test.ts'] } },
    ],
    // A file says what it is with `@module-tag` in its header comment; untagged files are fast unit tests.
    // `npm test` runs everything; `npx vitest run --project model --tags-filter '!e2e && !slow'` a package's fast ones.
    // Their timeouts are generous because a loaded machine (two suites at once) slows child processes and sockets
    // many times over; a test that waits on a condition never needs a tight one.
    tags: [
      {
        name: 'e2e',
        description: 'Talks to a sandbox over HTTP or runs the CLI as a child process.',
        timeout: 120_000,
      },
      {
        name: 'slow',
        description: 'Takes more than ~15 s on the reference machine (chaos, CLI walks, property runs).',
        timeout: 300_000,
        priority: 1,
      },
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Threads, each loading the workspace's modules once for all the files it runs (no per-file isolation): the
    // suite is bound by two cores, and re-evaluating the sources for every file cost more of them than any test.
    // No test changes process-wide state (environment, working directory, timers) that a later file could see.
    pool: 'threads',
    isolate: false,
    sequence: { sequencer: SlowFirst },
    // Keeps the sources as transformed between runs (node_modules/.experimental-vitest-cache, keyed by content);
    // `npx vitest --clearCache` empties it.
    experimental: { fsModuleCache: true },
    // Most suites wait on sockets, child processes and injected latency, not on the CPU: run more than one per core.
    maxWorkers: 4,
  },
});
