import { USAGE_ERROR, withExitCodes } from '../../base/exit-codes-help.js';
import { fileFlag, locationFlags } from '../../base/flags.js';
import { loadModelOrExit, openTargetOrExit } from '../../base/model-and-target.js';
import { type Outcome, ZlcCommand } from '../../base/zlc-command.js';
import type { BooksStandIn } from '../../books-stand-in.js';
import { allowOutsideFlag, insecureFlag } from '../../safety-flags.js';
import { withLocations } from '../../state-dir.js';

export default class SandboxBooksFields extends ZlcCommand<BooksStandIn> {
  static override summary = "Do the plan's Books manual steps on the sandbox, standing in for Books' settings screen.";
  static override description = withExitCodes(
    `Books has no API to make custom fields, so \`zlc plan\` lists them as manual steps (! books_custom_field…) for a person to do in Books' settings. On a sandbox (the embedded one, or a served one named by its sandbox.env) there is no settings screen: this command does exactly those steps through the sandbox's own admin endpoint, which stands in for it — it makes each missing field with every setting the steps name (label, data type, options, Prevent Duplicate Values, API name) and edits one that is there but differs. It also does the Books webhook steps (! books_webhook…): the invoice webhook with its URL and token header, and the "Edited" workflow rule on invoices that sends it (a webhook already there under its name is edited to the settings the steps name). Then \`zlc plan\` checks them, as it would after a person did them in Books. A real Zoho org is refused: do the steps in Books.`,
    [
      [0, 'the steps were done (or none were open)'],
      [1, `the target is not a sandbox, or the sandbox refused a field (named); or ${USAGE_ERROR}`],
    ],
  );
  static override examples = [
    '<%= config.bin %> sandbox books-fields',
    '<%= config.bin %> sandbox books-fields --json',
  ];
  static override flags = {
    file: fileFlag,
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
    ...locationFlags,
  };

  async run(): Promise<Outcome<BooksStandIn>> {
    const { flags } = await this.parse(SandboxBooksFields);
    const env = withLocations(process.env, flags);
    const model = await loadModelOrExit(this, flags.file, flags);
    const target = await openTargetOrExit(this, env, { insecure: flags.insecure });
    this.log(`Target: ${target.label}`);
    // A served sandbox's env carries its admin key; a real org's never does.
    if (target.kind !== 'embedded-sandbox' && !env.ZLC_SANDBOX_ADMIN_KEY?.trim()) {
      await target.close();
      return this.fail(
        "The target is a Zoho org, not a sandbox: do the Books steps `zlc plan` lists in Books' settings (Settings → Preferences → the module → Field Customization).",
      );
    }
    try {
      const { makeTargetPlan } = await import('../../target-plan.js');
      const { doBooksStepsOnSandbox, hasBooksSteps } = await import('../../books-stand-in.js');
      const { webhookSecretFor } = await import('../../webhook-secret.js');
      const plan = await makeTargetPlan(target, model, env);
      if (!hasBooksSteps(plan)) {
        this.log('No Books manual steps are open: nothing to do.');
        return this.done(0, { fields: [], webhooks: [] });
      }
      const { config } = target;
      const secret = webhookSecretFor(target, model, env).value;
      const endpoint = { ...config, booksOrganizationId: config.booksOrgId };
      const done = await doBooksStepsOnSandbox(endpoint, plan, secret);
      this.log("Standing in for Books' settings screen (the sandbox's admin endpoint), as the plan's steps say:");
      for (const d of done.fields) this.log(`  ! books ${d.module} ${d.apiName}: ${d.done}`);
      for (const d of done.webhooks) this.log(`  ! books webhook ${d.name} and its workflow rule: ${d.done}`);
      if (secret === undefined && plan.actions.some((a) => a.action === 'manual' && a.type === 'books_webhook'))
        this.log(
          `  Books webhooks left undone: ${model.runtime.secretEnv} is not set, so there is no token to give them.`,
        );
      this.log('Run `zlc plan`: it reads Books and checks every setting.');
      return this.done(0, done);
    } catch (error) {
      return this.fail(`zlc sandbox books-fields failed: ${(error as Error).message}`);
    } finally {
      await target.close();
    }
  }
}
