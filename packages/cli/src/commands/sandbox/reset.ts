import { Flags } from '@oclif/core';
import type { ResetResult, SeedName } from '@zlc/sandbox';
import { USAGE_ERROR, withExitCodes } from '../../base/exit-codes-help.js';
import { locationFlags } from '../../base/flags.js';
import { type Outcome, ZlcCommand } from '../../base/zlc-command.js';
import { SANDBOX_SEEDS, sandboxDataDir } from '../../sandbox-options.js';
import { withLocations } from '../../state-dir.js';

/** The `--json` result of `zlc sandbox reset`. */
export type SandboxResetResult = ResetResult & { url?: string };

export default class SandboxReset extends ZlcCommand<SandboxResetResult> {
  static override summary = 'Give the embedded sandbox a fresh org.';
  static override description = withExitCodes(
    `Wipes the org in the sandbox dir (--sandbox-dir or --data, else ZLC_SANDBOX_DIR, else <state dir>/sandbox — the same org every other command opens) and seeds it again. The client credentials are kept, so an existing sandbox.env stays valid. When a \`zlc sandbox serve\` holds the dir, the reset goes through that server (POST /__sandbox/reset with the admin key its sandbox.env holds).`,
    [
      [0, 'reset'],
      [1, `the dir is held by a process that cannot be asked to reset; or ${USAGE_ERROR}`],
    ],
  );
  static override examples = [
    '<%= config.bin %> sandbox reset',
    '<%= config.bin %> sandbox reset --seed empty',
    '<%= config.bin %> sandbox reset --data /tmp/org --seed large',
  ];
  static override flags = {
    seed: Flags.string({ description: 'What the fresh org holds.', options: [...SANDBOX_SEEDS], default: 'default' }),
    ...locationFlags,
  };

  async run(): Promise<Outcome<SandboxResetResult>> {
    const { flags } = await this.parse(SandboxReset);
    const dir = sandboxDataDir(withLocations(process.env, flags));
    const { DataDirBusyError, resetDataDir, resetServedDataDir } = await import('@zlc/sandbox');
    const seed = flags.seed as SeedName;
    let result: SandboxResetResult;
    try {
      result = await resetDataDir(dir, seed);
    } catch (error) {
      if (!(error instanceof DataDirBusyError)) throw error;
      // A running server holds the org: ask it.
      const served = await resetServedDataDir(dir, seed);
      if (!served.ok) return this.fail(`${error.message}\n${served.message}`);
      result = served.result;
    }
    this.log(
      `Target: sandbox${result.url === undefined ? '' : ` at ${result.url}`} (data ${result.dataDir})\nReset with seed "${result.seed}": ${result.documents} documents.`,
    );
    return this.done(0, result);
  }
}
