/**
 * A sandbox org served by a child process (bench/sandbox-child-main.ts), for scenarios that time a client of the
 * sandbox: in the bench's own process the sandbox's CPU (building and serialising answers) would run on the same
 * thread as the client's and be counted as the client's. Used by `client-read-config-large`, `plan-large-latency`,
 * `apply-large-latency` and `flow-backfill`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { BooksCustomFieldSpec, SeedName } from '@zlc/sandbox';

const root = join(import.meta.dirname, '..');

export interface ServedSandbox {
  /** The `ZOHO_*` variables that point a client at the served org. */
  env: Record<string, string>;
  /** Drops the injected latency (to time the sandbox's own work); resolves once the child has done it. */
  clearLatency(): Promise<void>;
  /** Closes the sandbox and waits for the child to exit. */
  stop(): Promise<void>;
  /** One call to the served sandbox's `/__sandbox/` knobs (stats, limits…); throws unless it answers 200. */
  admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
}

/** What else the child sets up: passed to it as one JSON argument. */
export interface ChildExtras {
  /** Per product, limits over the edition's (null: none). */
  limits?: Partial<Record<'crm' | 'books' | 'desk', Record<string, number | null>>>;
  tokensPerTenMinutes?: number;
  /** Made on the Books org (the manual step of a real org) before the child reports ready. */
  booksCustomFields?: readonly BooksCustomFieldSpec[];
}

export interface ServeInChildOptions {
  /** The org a fresh data dir is seeded with. */
  seed: SeedName;
  /** Injected on every route of every product (CRM, Books, Desk); 0 for none. */
  latencyMs: number;
  extras?: ChildExtras;
}

/**
 * Starts the child on `dataDir` (`:memory:` for an org kept in memory) and resolves when its sandbox is listening
 * (after seeding a fresh dir).
 */
export function serveInChild(dataDir: string, options: ServeInChildOptions): Promise<ServedSandbox> {
  const child = spawn(
    process.execPath,
    [
      // ZLC_BENCH_CHILD_PROF_DIR=DIR: a CPU profile of the sandbox's side, written there when the child exits.
      ...(process.env.ZLC_BENCH_CHILD_PROF_DIR
        ? ['--cpu-prof', '--cpu-prof-dir', process.env.ZLC_BENCH_CHILD_PROF_DIR]
        : []),
      // The workspace packages from src/ (their `source` export condition), as in the tests: no build needed.
      '--conditions=source',
      '--import',
      'tsx',
      join(root, 'bench', 'sandbox-child-main.ts'),
      dataDir,
      options.seed,
      String(options.latencyMs),
      ...(options.extras === undefined ? [] : [JSON.stringify(options.extras)]),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'], cwd: root },
  );
  let buffered = '';
  /** The next stdout line that contains `text`. */
  const waitFor = (text: string) =>
    new Promise<string>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`sandbox child exited with ${code}`));
      const onData = (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const at = buffered.indexOf(text);
        const end = at < 0 ? -1 : buffered.indexOf('\n', at);
        if (end < 0) return;
        const line = buffered.slice(buffered.lastIndexOf('\n', at) + 1, end + 1);
        buffered = buffered.slice(end + 1);
        child.stdout.off('data', onData);
        child.off('exit', onExit);
        resolve(line);
      };
      child.stdout.on('data', onData);
      child.once('exit', onExit);
    });
  const failedToStart = new Promise<never>((_, reject) => child.once('error', reject));
  const ready = waitFor('ZOHO_').then((line) => {
    const env = JSON.parse(line) as Record<string, string>;
    return {
      env,
      admin: async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
        // The knobs need the run's admin key, which the child's env line carries.
        const key = { 'x-zlc-sandbox-key': env.ZLC_SANDBOX_ADMIN_KEY ?? '' };
        const answer = await fetch(`${env.ZOHO_API_URL}/__sandbox/${path}`, {
          method,
          ...(body === undefined
            ? { headers: key }
            : { headers: { ...key, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        });
        if (answer.status !== 200)
          throw new Error(`sandbox ${method} ${path}: HTTP ${answer.status} ${await answer.text()}`);
        return (await answer.json()) as T;
      },
      clearLatency: async () => {
        const cleared = waitFor('cleared');
        child.stdin.write('clear\n');
        await cleared;
      },
      stop: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.stdin.end();
        }),
    };
  });
  return Promise.race([ready, failedToStart]);
}
