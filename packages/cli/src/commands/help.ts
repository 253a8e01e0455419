import { Args } from '@oclif/core';
import { withExitCodes } from '../base/exit-codes-help.js';
import { type Outcome, ZlcCommand } from '../base/zlc-command.js';

export default class HelpCommand extends ZlcCommand<null> {
  // Help is text for people; `zlc COMMAND --help` says the same.
  static override enableJsonFlag = false;
  static override strict = false;
  static override summary = 'Show the commands, or the help of one: its flags, examples and exit codes.';
  static override description = withExitCodes('`zlc help plan` is `zlc plan --help`; `zlc help` lists every command.', [
    [0, 'shown'],
    [1, 'no such command (the closest is suggested)'],
  ]);
  static override examples = ['<%= config.bin %> help', '<%= config.bin %> help flow serve'];
  static override args = { command: Args.string({ description: 'The command (and its topic), e.g. flow serve.' }) };

  async run(): Promise<Outcome<null>> {
    const { argv } = await this.parse(HelpCommand);
    const { loadHelpClass } = await import('@oclif/core');
    const Help = await loadHelpClass(this.config);
    await new Help(this.config).showHelp(argv.map(String));
    return this.done(0, null);
  }
}
