import { Args, Flags } from '@oclif/core';
import type { ForceUnlockResult } from '@zlc/engine';
import { USAGE_ERROR, withExitCodes } from '../base/exit-codes-help.js';
import { stateDirFlag } from '../base/flags.js';
import { type Outcome, ZlcCommand } from '../base/zlc-command.js';
import { EXIT } from '../exit-codes.js';
import { LOCK_URL_ENV, openLockStore } from '../lock-store.js';
import { stateDir, withLocations } from '../state-dir.js';

export default class ForceUnlock extends ZlcCommand<ForceUnlockResult> {
  static override summary = 'Remove an apply lock that its holder left behind.';
  static override description = withExitCodes(
    `Removes the lock with this ID from <state dir>/locks/, whoever holds it. Use it only when the holder is gone: the refusal of \`zlc apply\` names the holder (user@host, pid, age) and the ID. A lock left by a process that died on this host is taken over by the next apply without this command.

A lock file that is not a lock (damaged on disk, edited by hand) cannot name its holder: apply refuses and names it, and its ID here is its file name without .lock.

With ZLC_LOCK_URL set, the locks are in that PostgreSQL database (as apply takes them there): removing one ends the holder's database session, which needs the holder's database role or pg_signal_backend. A holder that died lets go by itself.`,
    [
      [0, 'the lock was removed'],
      [1, `no lock with that ID (the locks there are listed), or the lock cannot be removed; or ${USAGE_ERROR}`],
    ],
  );
  static override examples = ['<%= config.bin %> force-unlock 3f9a1c2e'];
  static override args = { id: Args.string({ description: 'The lock ID from the refusal.', required: true }) };
  static override flags = {
    'lock-dir': Flags.string({ description: 'Where the lock files are. Default: <state dir>/locks.' }),
    'state-dir': stateDirFlag,
  };

  async run(): Promise<Outcome<ForceUnlockResult>> {
    const { args, flags } = await this.parse(ForceUnlock);
    const lockDir = flags['lock-dir'] ?? `${stateDir(withLocations(process.env, flags))}/locks`;
    const { describeHolder } = await import('@zlc/engine');
    const store = await openLockStore(process.env, lockDir);
    const where = process.env[LOCK_URL_ENV]?.trim() ? store.location : lockDir;
    const result = await store.forceUnlock(args.id).catch((error: unknown) => {
      return this.error(error instanceof Error ? error.message : String(error), { exit: EXIT.error });
    });
    if (result.ok) {
      this.log(
        result.kind === 'lock'
          ? `Removed lock ${args.id} on ${result.removed.identity} (${describeHolder(result.removed)}).`
          : `Removed the corrupt lock file ${result.removed.path} (${result.removed.problem}).`,
      );
      return this.done(EXIT.ok, result);
    }
    if (result.reason === 'not_removable') {
      this.logToStderr(
        process.env[LOCK_URL_ENV]?.trim()
          ? `Lock ${args.id} in ${where} was not removed: zlc ${result.message}.`
          : `${result.path} is not a lock, and zlc ${result.message}: remove it by hand.`,
      );
      return this.done(EXIT.error, result);
    }
    const known = [
      ...result.known.map((l) => `  ${l.id}  ${l.identity}: ${describeHolder(l)}`),
      ...result.corrupt.map((c) => `  ${c.id}  corrupt lock file ${c.path}: ${c.problem}`),
    ];
    this.logToStderr(
      known.length === 0
        ? `No lock ${args.id} in ${where}: there are no locks.`
        : `No lock ${args.id} in ${where}. The locks there:\n${known.join('\n')}`,
    );
    return this.done(EXIT.error, result);
  }
}
