/**
 * Intake's check that the records a webhook names exist, under one deadline for the whole request (Desk wants an
 * answer within 5 s, and a batch must not multiply the wait): distinct ids only, a few reads at a time; what is not
 * answered by the deadline is accepted unchecked (the worker's own read decides), and ids not yet started are not
 * read at all.
 */

export type Verified<T> =
  | { id: string; outcome: 'found'; record: T }
  | { id: string; outcome: 'missing' }
  | { id: string; outcome: 'late' }
  | { id: string; outcome: 'error'; message: string };

export interface VerifyOptions<T> {
  /** Reads one record; undefined when it does not exist. */
  read(id: string): Promise<T | undefined>;
  /** The whole check's budget. */
  budgetMs: number;
  /** Reads in flight at once. */
  concurrency: number;
}

/** One outcome per id, in the order given; stops early on the first missing record or error. */
export async function verifyRecords<T>(ids: readonly string[], options: VerifyOptions<T>): Promise<Verified<T>[]> {
  const outcomes = new Map<string, Verified<T>>();
  let expired = false;
  let failed = false;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => {
      expired = true;
      resolve('late');
    }, options.budgetMs);
    timer.unref();
  });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length && !expired && !failed) {
      const id = ids[next++] as string;
      const outcome = await verifyOne(id, options.read, deadline);
      outcomes.set(id, outcome);
      if (outcome.outcome === 'missing' || outcome.outcome === 'error') failed = true;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, ids.length) }, worker));
  } finally {
    clearTimeout(timer);
  }
  return ids.map((id) => outcomes.get(id) ?? { id, outcome: 'late' });
}

async function verifyOne<T>(
  id: string,
  read: (id: string) => Promise<T | undefined>,
  deadline: Promise<'late'>,
): Promise<Verified<T>> {
  try {
    const record = await Promise.race([read(id), deadline]);
    if (record === 'late') return { id, outcome: 'late' };
    return record === undefined ? { id, outcome: 'missing' } : { id, outcome: 'found', record };
  } catch (error) {
    return { id, outcome: 'error', message: error instanceof Error ? error.message : 'error' };
  }
}
