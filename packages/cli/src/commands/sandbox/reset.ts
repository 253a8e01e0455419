import { Command, Flags } from '@oclif/core';
import type { ResetResult, SeedName } from '@zlc/sandbox';
import { SANDBOX_DATA_DIR, SANDBOX_SEEDS } from '../../sandbox-options.js';

export default class SandboxReset extends Command {
  static override summary = 'Give the embedded sandbox a fresh org.';
  static override description =
    `Wipes the org in the data dir and seeds it again. The client credentials are kept, so an existing sandbox.env stays valid. When a \`zlc sandbox serve\` holds the data dir, the reset goes through that server (POST /__sandbox/reset with the admin key its sandbox.env holds).`;
  static override examples = [
    '<%= config.bin %> sandbox reset',
    '<%= config.bin %> sandbox reset --seed empty',
    '<%= config.bin %> sandbox reset --data /tmp/org --seed large',
  ];
  static override flags = {
    data: Flags.string({ description: 'Data directory of the sandbox org.', default: SANDBOX_DATA_DIR }),
    seed: Flags.string({ description: 'What the fresh org holds.', options: [...SANDBOX_SEEDS], default: 'default' }),
    json: Flags.boolean({ description: 'Print the result as JSON.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(SandboxReset);
    const { DataDirBusyError, resetDataDir, resetServedDataDir } = await import('@zlc/sandbox');
    const seed = flags.seed as SeedName;
    let result: ResetResult & { url?: string };
    try {
      result = await resetDataDir(flags.data, seed);
    } catch (error) {
      if (!(error instanceof DataDirBusyError)) throw error;
      // A running server holds the org: ask it.
      const served = await resetServedDataDir(flags.data, seed);
      if (!served.ok) this.error(`${error.message}\n${served.message}`, { exit: 1 });
      result = served.result;
    }
    if (flags.json) this.log(JSON.stringify(result));
    else
      this.log(
        `Target: sandbox${result.url === undefined ? '' : ` at ${result.url}`} (data ${result.dataDir})\nReset with seed "${result.seed}": ${result.documents} documents.`,
      );
  }
}
