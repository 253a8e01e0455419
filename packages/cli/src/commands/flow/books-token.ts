import { Args } from '@oclif/core';
import { USAGE_ERROR, withExitCodes } from '../../base/exit-codes-help.js';
import { fileFlag, locationFlags } from '../../base/flags.js';
import { loadModelOrExit, openTargetOrExit } from '../../base/model-and-target.js';
import { type Outcome, ZlcCommand } from '../../base/zlc-command.js';
import { allowOutsideFlag, insecureFlag } from '../../safety-flags.js';
import { withLocations } from '../../state-dir.js';

/** The `--json` result: what the admin types into the Books webhook of one handoff. */
export interface BooksTokenResult {
  handoff: string;
  header: string;
  token: string;
  /** Where the webhook posts: undefined when no runtime URL is known. */
  url?: string;
}

export default class FlowBooksToken extends ZlcCommand<BooksTokenResult> {
  static override summary = "Print the token header a Books invoice webhook carries (the plan's Books webhook step).";
  static override description = withExitCodes(
    "Books webhooks are set up by hand in Books' settings (`zlc plan` lists the steps as ! books_webhook…). The runtime accepts a Books webhook only with the handoff's token in the X-Zlc-Token header: an HMAC of the webhook secret and the handoff id, good for that handoff only and revealing nothing of the secret. Plans never hold it; this command prints it, with the URL the webhook posts to. Treat it as a secret.",
    [
      [0, 'the token was printed'],
      [1, `no invoice_status handoff of that id, or the webhook secret is not set; or ${USAGE_ERROR}`],
    ],
  );
  static override examples = ['<%= config.bin %> flow books-token invoice-status-to-crm'];
  static override args = {
    handoff: Args.string({ description: 'The id of a handoff triggered by invoice_status.', required: true }),
  };
  static override flags = {
    file: fileFlag,
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
    ...locationFlags,
  };

  async run(): Promise<Outcome<BooksTokenResult>> {
    const { args, flags } = await this.parse(FlowBooksToken);
    const env = withLocations(process.env, flags);
    const model = await loadModelOrExit(this, flags.file, flags);
    const { BOOKS_TOKEN_HEADER, booksHookToken, hookUrl, triggerHandoffs } = await import('@zlc/model');
    const handoff = triggerHandoffs(model).find((h) => h.id === args.handoff);
    if (handoff?.trigger.on !== 'invoice_status')
      return this.fail(`no handoff ${args.handoff} triggered by invoice_status in the model`);
    const target = await openTargetOrExit(this, env, { insecure: flags.insecure });
    try {
      const { webhookSecretFor } = await import('../../webhook-secret.js');
      const secret = webhookSecretFor(target, model, env).value;
      if (secret === undefined) return this.fail(`${model.runtime.secretEnv} is not set: there is no token to print.`);
      const runtimeUrl = env.ZLC_RUNTIME_URL?.trim() || model.runtime.url;
      const result: BooksTokenResult = {
        handoff: handoff.id,
        header: BOOKS_TOKEN_HEADER,
        token: booksHookToken(secret, handoff.id),
        ...(runtimeUrl ? { url: hookUrl(runtimeUrl, 'books', handoff.id) } : {}),
      };
      this.log(`Header: ${result.header}: ${result.token}`);
      if (result.url !== undefined) this.log(`URL (POST): ${result.url}`);
      return this.done(0, result);
    } finally {
      await target.close();
    }
  }
}
