import { Command, Flags } from '@oclif/core';
import type { ResetResult, SeedName } from '@zlc/sandbox';
import { SANDBOX_DATA_DIR, SANDBOX_SEEDS } from '../../sandbox-options.js';

export default class SandboxReset extends Command {
  static override summary = 'Give the embedded sandbox a fresh org.';
  static override description =
    `Wipes the org in the data dir and seeds it again. The client credentials are kept, so an existing sandbox.env stays valid. Stop a running \`zlc sandbox serve\` on the same data dir first.`;
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
    const { DataDirBusyError, resetDataDir } = await import('@zlc/sandbox');
    let result: ResetResult;
    try {
      result = await resetDataDir(flags.data, flags.seed as SeedName);
    } catch (error) {
      if (error instanceof DataDirBusyError) this.error(error.message, { exit: 1 });
      throw error;
    }
    if (flags.json) this.log(JSON.stringify(result));
    else
      this.log(
        `Target: sandbox (data ${result.dataDir})\nReset with seed "${result.seed}": ${result.documents} documents.`,
      );
  }
}
