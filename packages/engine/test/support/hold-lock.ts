/**
 * A process that takes the apply lock in PostgreSQL and holds it until it is killed (another CI runner's apply):
 * `node --import tsx hold-lock.ts URL SCHEMA IDENTITY`. Prints `held <lock id>` once it has the lock.
 */
import { PostgresLockStore } from '../../src/postgres-lock.js';

const [url, schema, identity] = process.argv.slice(2);
if (url === undefined || schema === undefined || identity === undefined) throw new Error('usage: URL SCHEMA IDENTITY');
const store = new PostgresLockStore({ url, schema });
const taken = await store.acquire(identity, { user: 'runner', host: 'ci-2', pid: process.pid });
if (!taken.ok) throw new Error('the lock is held');
process.stdout.write(`held ${taken.lock.info.id}\n`);
setInterval(() => {}, 60_000);
