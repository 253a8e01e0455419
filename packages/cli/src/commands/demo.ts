import { USAGE_ERROR, withExitCodes } from '../base/exit-codes-help.js';
import { fileFlag } from '../base/flags.js';
import { type Outcome, ZlcCommand } from '../base/zlc-command.js';
import { allowOutsideFlag, insecureFlag, modelOptions } from '../safety-flags.js';

export default class Demo extends ZlcCommand<null> {
  // A walk told step by step for people; its checks are its exit code.
  static override enableJsonFlag = false;
  static override summary = 'Walk through zlc end to end on a fresh sandbox of its own: validate, plan, apply, flow.';
  static override description = withExitCodes(
    `The first thing to run on a fresh clone (\`npm run demo\` does it for you). Needs no Zoho account.

1. validates the operating model (by default the repo's own lifecycle.yaml) and summarises it;
2. starts a fresh sandbox org in a temp dir (your .zlc/sandbox is left alone) and the handoff runtime;
3. plans, applies, does the Books manual steps (as \`zlc sandbox books-fields\` does), and plans again: "No changes";
4. closes a sample deal in CRM and shows the Books customer and invoice and the Desk account the runtime made, then opens a Desk ticket and shows the open-ticket count reach the CRM account;
5. ends with the lifecycle reports of the sample org (sold vs invoiced vs collected, close to invoice, reconciliation).

Step 4 uses the root model's handoffs and link fields; with another model, steps 1–3 still show its plan.`,
    [
      [0, 'the walk succeeded'],
      [1, `a step failed (the output says which); or ${USAGE_ERROR}`],
    ],
  );
  static override examples = [
    '<%= config.bin %> demo',
    '<%= config.bin %> demo -f examples/services-agency/lifecycle.yaml',
  ];
  static override flags = { file: fileFlag, 'allow-outside': allowOutsideFlag, insecure: insecureFlag };

  async run(): Promise<Outcome<null>> {
    const { flags } = await this.parse(Demo);
    const { walk } = await import('../demo/walk.js');
    const { colorOn } = await import('../render/style.js');
    const ok = await walk({
      file: flags.file,
      load: modelOptions(flags),
      color: colorOn(process.stdout),
      say: (text) => this.log(text),
    });
    return this.done(ok ? 0 : 1, null);
  }
}
