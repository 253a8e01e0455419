import { Args, Flags } from '@oclif/core';
import type { ApplyResult, Plan } from '@zlc/engine';
import { withExitCodes } from '../base/exit-codes-help.js';
import { fileFlag, locationFlags } from '../base/flags.js';
import { loadModelOrExit, openTargetOrExit } from '../base/model-and-target.js';
import { type Outcome, ZlcCommand } from '../base/zlc-command.js';
import { APPLY_EXIT_CODES, applyExit, EXIT } from '../exit-codes.js';
import { allowOutsideFlag, fileRoot, insecureFlag } from '../safety-flags.js';
import { withLocations } from '../state-dir.js';

export default class Apply extends ZlcCommand<ApplyResult | null> {
  static override summary = 'Apply the model to the org: exactly a saved plan, or plan now, show it and ask.';
  static override description = withExitCodes(
    `With PLAN (from \`zlc plan -o PLAN\`): makes the plan again from the model and the org and applies it only when it says the same as PLAN, action by action; otherwise it refuses and says what differs — as it does when the target differs, the model changed, or an object the plan touches changed in the org since. Nothing is taken from the file on trust: data-impact counts are counted again and webhooks point where the model (or ZLC_RUNTIME_URL) says. With ZLC_PLAN_SIGNING_KEY set, PLAN must also carry a valid signature (zlc plan signs with the same key). A saved plan is applied without a question (it was reviewed when it was made). Without PLAN: plans now, shows the plan and asks for "yes" (--auto-approve skips the question, for CI).

Actions run in waves from the dependency graph across CRM, Desk and Books, concurrently within a wave under each product's rate budget. Each action is journalled before and after in <state dir>/journal/<run id>.jsonl. A failed action stops only its dependents; run apply again after fixing the cause and it converges. Nothing is deleted implicitly: removals come only from \`remove:\`. A removal, a replace (-/+) or a removed picklist value that would delete data in the org needs --allow-data-loss; the plan says how many records each affects.

Desk checks a webhook's URL when it is made: the handoff runtime (zlc flow serve) must answer at runtime.url (or ZLC_RUNTIME_URL) first. Apply checks that URL before it asks Desk, and when nothing answers, that action fails with a message saying so (exit 3); the rest is applied.

Lock: one apply at a time per org, through a lock file in <state dir>/locks/ holding user@host, pid and time. A lock left by a process that died on this host is taken over; otherwise \`zlc force-unlock ID\`. A lock file guards applies from this checkout, not from other machines (Zoho has no lock API): set ZLC_LOCK_URL to a PostgreSQL database (ZLC_LOCK_SCHEMA, default zlc) in every job that applies, and the lock lives there instead — an advisory lock the database releases when its holder dies.`,
    APPLY_EXIT_CODES,
  );
  static override examples = [
    '<%= config.bin %> apply',
    '<%= config.bin %> plan -o plan.json && <%= config.bin %> apply plan.json',
    '<%= config.bin %> apply --auto-approve --allow-data-loss',
  ];
  static override args = { plan: Args.string({ description: 'A plan file saved by `zlc plan -o`.' }) };
  static override flags = {
    file: fileFlag,
    'auto-approve': Flags.boolean({ description: 'Apply without asking (CI). --json implies it.' }),
    'allow-data-loss': Flags.boolean({
      description: 'Let removals, replaces and removed picklist values that would delete data in the org go ahead.',
    }),
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
    ...locationFlags,
  };

  async run(): Promise<Outcome<ApplyResult | null>> {
    const { args, flags } = await this.parse(Apply);
    const env = withLocations(process.env, flags);
    const { readPlanFile } = await import('@zlc/engine');
    const { planSigningKey, SIGNING_KEY_ENV } = await import('../plan-signing.js');
    // The key matters only to a saved plan; without one, nothing is signed or checked.
    const signing = args.plan === undefined ? ({ ok: true, key: undefined } as const) : planSigningKey(env);
    if (!signing.ok) return this.fail(signing.error);
    const model = await loadModelOrExit(this, flags.file, flags, 'nothing was changed');
    let saved: Plan | undefined;
    if (args.plan !== undefined) {
      const read = readPlanFile(args.plan, fileRoot(flags));
      if (!read.ok) return this.fail(`${args.plan} is not a usable plan file:\n  ${read.errors.join('\n  ')}`);
      saved = read.plan;
    }
    const target = await openTargetOrExit(this, env, { insecure: flags.insecure });
    this.log(`Target: ${target.label}`);
    const { nonLocalRuntimeError } = await import('../local-runtime.js');
    const nonLocal = nonLocalRuntimeError(target, model, env);
    if (nonLocal !== undefined) {
      await target.close();
      return this.fail(nonLocal);
    }
    if (saved?.signature !== undefined && signing.key === undefined)
      this.log(`The plan is signed, but ${SIGNING_KEY_ENV} is not set: its signature is not checked.`);
    const { runApply } = await import('../run-apply.js');
    const result = await runApply(this, target, model, env, {
      file: flags.file,
      allowDataLoss: flags['allow-data-loss'],
      ask: !(flags['auto-approve'] || this.jsonMode || saved !== undefined),
      saved,
      signingKey: signing.key,
    }).finally(() => target.close());
    if (result === undefined) return this.done(EXIT.error, null);
    const { renderApplyResult } = await import('../render/apply.js');
    if (result.status === 'refused') this.logToStderr(renderApplyResult(result));
    else this.log(renderApplyResult(result));
    return this.done(applyExit(result), result);
  }
}
