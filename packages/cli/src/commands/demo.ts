import { Command, Flags } from '@oclif/core';
import { renderDiagnostics } from '../render/diagnostics.js';
import { renderModelSummary } from '../render/model-summary.js';

export default class Demo extends Command {
  static override summary = 'Walk through zlc on the embedded sandbox: validate the model and show what it says.';
  static override description = `The first thing to run on a fresh clone (\`npm run demo\` does it for you).
Validates the operating model (by default the repo's own lifecycle.yaml) and prints a readable summary:
the lifecycle stages with their owners and required fields, the handoffs between CRM, Books and Desk,
and the reports. Needs no Zoho account.

Exit codes: 0 the walk succeeded, 1 a step failed (the output says which).`;
  static override examples = [
    '<%= config.bin %> demo',
    '<%= config.bin %> demo -f examples/services-agency/lifecycle.yaml',
  ];
  static override flags = {
    file: Flags.string({ char: 'f', description: 'The model file to walk through.', default: 'lifecycle.yaml' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Demo);
    this.log(`zlc demo — Zoho lifecycle as code\n\n1. Validate ${flags.file}`);
    const { loadModelFile, summarizeModel } = await import('@zlc/model');
    const loaded = await loadModelFile(flags.file);
    const { result } = loaded;
    const color = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;
    const text = loaded.text === undefined ? {} : { text: loaded.text };
    if (!result.ok) {
      this.log(renderDiagnostics([...result.diagnostics, ...result.warnings], { ...text, color }));
      this.log(`\nThe model is invalid: fix the errors above (zlc validate -f ${flags.file}) and run the demo again.`);
      process.exitCode = 1;
      return;
    }
    if (result.warnings.length > 0) this.log(renderDiagnostics(result.warnings, { ...text, color }));
    this.log(`   valid.\n\n2. What the model says\n`);
    this.log(renderModelSummary(summarizeModel(result.resolved)));
  }
}
