import { Command, Flags } from '@oclif/core';
import { allowOutsideFlag, insecureFlag, modelOptions } from '../safety-flags.js';

export default class Demo extends Command {
  static override summary = 'Walk through zlc end to end on a fresh sandbox of its own: validate, plan, apply, flow.';
  static override description =
    `The first thing to run on a fresh clone (\`npm run demo\` does it for you). Needs no Zoho account.

1. validates the operating model (by default the repo's own lifecycle.yaml) and summarises it;
2. starts a fresh sandbox org in a temp dir (your .zlc/sandbox is left alone) and the handoff runtime;
3. plans, applies, does the Books manual steps, and plans again: "No changes";
4. closes a sample deal in CRM and shows the Books customer and invoice and the Desk account the runtime made, then opens a Desk ticket and shows the open-ticket count reach the CRM account;
5. ends with the lifecycle reports of the sample org (sold vs invoiced vs collected, close to invoice, reconciliation).

Step 4 uses the root model's handoffs and link fields; with another model, steps 1–3 still show its plan.

Exit codes: 0 the walk succeeded, 1 a step failed (the output says which).`;
  static override examples = [
    '<%= config.bin %> demo',
    '<%= config.bin %> demo -f examples/services-agency/lifecycle.yaml',
  ];
  static override flags = {
    file: Flags.string({ char: 'f', description: 'The model file to walk through.', default: 'lifecycle.yaml' }),
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Demo);
    const { walk } = await import('../demo/walk.js');
    const color = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;
    const ok = await walk({ file: flags.file, load: modelOptions(flags), color, say: (text) => this.log(text) });
    if (!ok) process.exitCode = 1;
  }
}
