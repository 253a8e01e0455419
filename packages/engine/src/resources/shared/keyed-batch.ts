/**
 * Gathers the requests made in one turn of the event loop under the same key and sends them together: one call
 * for many actions (e.g. every mandatory flag of one layout in one `PATCH /settings/layouts/{id}`). Each caller
 * gets the batch's outcome.
 */
export interface KeyedBatcher<I> {
  add(key: string, item: I): Promise<void>;
}

export function keyedBatcher<I>(send: (key: string, items: I[]) => Promise<void>): KeyedBatcher<I> {
  const queues = new Map<string, { items: I[]; waiters: { resolve(): void; reject(e: unknown): void }[] }>();
  const flush = (key: string) => {
    const queue = queues.get(key);
    queues.delete(key);
    if (queue === undefined) return;
    send(key, queue.items).then(
      () => {
        for (const w of queue.waiters) w.resolve();
      },
      (error: unknown) => {
        for (const w of queue.waiters) w.reject(error);
      },
    );
  };
  return {
    add(key, item) {
      return new Promise<void>((resolve, reject) => {
        let queue = queues.get(key);
        if (queue === undefined) {
          queue = { items: [], waiters: [] };
          queues.set(key, queue);
          setImmediate(() => flush(key));
        }
        queue.items.push(item);
        queue.waiters.push({ resolve, reject });
      });
    },
  };
}
