import type { BackoffOptions } from './budget/backoff.js';
import type { Clock } from './budget/clock.js';
import type { OnZohoEvent } from './events.js';
import type { ProductTransport } from './transport/product-transport.js';

/** What every product client is built from: its transport, plus the clock and event sink of the run. */
export interface ProductContext {
  transport: ProductTransport;
  clock: Clock;
  onEvent: OnZohoEvent;
  /** The run's retry backoff, also used by `createOnce` between a failed create and its lookup. */
  backoff: BackoffOptions;
}
