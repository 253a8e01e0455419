import { createInterface } from 'node:readline/promises';
import { Args, Command, Flags } from '@oclif/core';
import type { ApplyEvent, ApplyResult, Plan } from '@zlc/engine';
import { applyExit, EXIT, EXIT_CODES_HELP } from '../exit-codes.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { allowOutsideFlag, fileRoot, insecureFlag, modelOptions } from '../safety-flags.js';
import { stateDir } from '../state-dir.js';
import { openTarget } from '../target.js';

export default class Apply extends Command {
  static override summary = 'Apply the model to the org: exactly a saved plan, or plan now, show it and ask.';
  static override description =
    `With PLAN (from \`zlc plan --out PLAN\`): makes the plan again from the model and the org and applies it only when it says the same as PLAN, action by action; otherwise it refuses and says what differs — as it does when the target differs, the model changed, or an object the plan touches changed in the org since. Nothing is taken from the file on trust: data-impact counts are counted again and webhooks point where the model (or ZLC_RUNTIME_URL) says. With ZLC_PLAN_SIGNING_KEY set, PLAN must also carry a valid signature (zlc plan signs with the same key). A saved plan is applied without a question (it was reviewed when it was made). Without PLAN: plans now, shows the plan and asks for "yes" (--auto-approve skips the question, for CI).

Actions run in waves from the dependency graph across CRM, Desk and Books, concurrently within a wave under each product's rate budget. Each action is journalled before and after in .zlc/journal/<run id>.jsonl. A failed action stops only its dependents; run apply again after fixing the cause and it converges. Nothing is deleted implicitly: removals come only from \`remove:\`. A removal, a replace (-/+) or a removed picklist value that would delete data in the org needs --allow-data-loss; the plan says how many records each affects.

Lock: one apply at a time per org, through a lock file in .zlc/locks/ holding user@host, pid and time. A lock left by a process that died on this host is taken over; otherwise \`zlc force-unlock ID\`. A lock file guards applies from this checkout, not from other machines (Zoho has no lock API): set ZLC_LOCK_URL to a PostgreSQL database (ZLC_LOCK_SCHEMA, default zlc) in every job that applies, and the lock lives there instead — an advisory lock the database releases when its holder dies. ZLC_STATE_DIR moves .zlc (journal, locks and the shared access token) elsewhere.

${EXIT_CODES_HELP}`;
  static override examples = [
    '<%= config.bin %> apply',
    '<%= config.bin %> plan --out plan.json && <%= config.bin %> apply plan.json',
    '<%= config.bin %> apply --auto-approve --allow-data-loss',
  ];
  static override args = { plan: Args.string({ description: 'A plan file saved by `zlc plan --out`.' }) };
  static override flags = {
    file: Flags.string({ char: 'f', description: 'The model file.', default: 'lifecycle.yaml' }),
    'auto-approve': Flags.boolean({ description: 'Apply without asking (CI).' }),
    'allow-data-loss': Flags.boolean({
      description: 'Let removals, replaces and removed picklist values that would delete data in the org go ahead.',
    }),
    json: Flags.boolean({
      description: 'Print the result as JSON instead of progress (implies no question: use with --auto-approve).',
    }),
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
  };

  async run(): Promise<ApplyResult | undefined> {
    const { args, flags } = await this.parse(Apply);
    const color = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;
    const { loadModelFile } = await import('@zlc/model');
    const { applyModel, readPlanFile, renderPlanText } = await import('@zlc/engine');
    const { renderApplyEvent, renderApplyResult } = await import('../render/apply.js');
    const { webhookSecretFor } = await import('../webhook-secret.js');
    const { planSigningKey, SIGNING_KEY_ENV } = await import('../plan-signing.js');
    // The key matters only to a saved plan; without one, nothing is signed or checked.
    const signing = args.plan === undefined ? ({ ok: true, key: undefined } as const) : planSigningKey(process.env);
    if (!signing.ok) this.error(signing.error, { exit: EXIT.error });
    const loaded = await loadModelFile(flags.file, modelOptions(flags));
    if (!loaded.result.ok) {
      this.logToStderr(
        renderDiagnostics(loaded.result.diagnostics, {
          ...(loaded.text === undefined ? {} : { text: loaded.text }),
          color,
        }),
      );
      this.exit(EXIT.error);
    }
    const model = loaded.result.resolved;
    let saved: Plan | undefined;
    if (args.plan !== undefined) {
      const read = readPlanFile(args.plan, fileRoot(flags));
      if (!read.ok)
        this.error(`${args.plan} is not a usable plan file:\n  ${read.errors.join('\n  ')}`, { exit: EXIT.error });
      saved = read.plan;
    }
    const opened = await openTarget(process.env, { insecure: flags.insecure });
    if (!opened.ok) this.error(opened.errors.join('\n'), { exit: EXIT.error });
    const { target } = opened;
    const say = (text: string) => (flags.json ? undefined : this.log(text));
    say(`Target: ${target.label}`);
    const { openLockStore } = await import('../lock-store.js');
    const lockStore = await openLockStore(process.env);
    if (process.env.ZLC_LOCK_URL?.trim()) say(`Lock: ${lockStore.location}`);
    const { nonLocalRuntimeError } = await import('../local-runtime.js');
    const nonLocal = nonLocalRuntimeError(target, model, process.env);
    if (nonLocal !== undefined) {
      await target.close();
      this.logToStderr(nonLocal);
      this.exit(EXIT.error);
    }
    if (saved?.signature !== undefined && signing.key === undefined)
      say(`The plan is signed, but ${SIGNING_KEY_ENV} is not set: its signature is not checked.`);
    let result: ApplyResult;
    // First Ctrl-C: start nothing new, let what is in flight finish and be journalled. Second: the default (exit).
    let stopping = false;
    const onInterrupt = () => {
      stopping = true;
      this.logToStderr('Stopping: no new actions start; those in flight finish. Ctrl-C again to quit at once.');
      process.once('SIGINT', () => process.exit(130));
    };
    process.once('SIGINT', onInterrupt);
    try {
      const secret = webhookSecretFor(target, model, process.env);
      const runtimeUrl = process.env.ZLC_RUNTIME_URL?.trim();
      result = await applyModel(model, {
        clients: target.clients,
        identity: target.identity,
        journalDir: `${stateDir(process.env)}/journal`,
        lockDir: `${stateDir(process.env)}/locks`,
        lockStore,
        allowDataLoss: flags['allow-data-loss'],
        shouldStop: () => stopping,
        ...(saved === undefined ? {} : { saved }),
        ...(signing.key === undefined ? {} : { signingKey: signing.key }),
        ...(secret.value === undefined ? {} : { webhookSecret: secret.value }),
        ...(secret.warning === undefined ? {} : { warnings: [secret.warning] }),
        ...(runtimeUrl ? { runtimeUrlOverride: runtimeUrl } : {}),
        onEvent: (event: ApplyEvent) => {
          const text =
            event.type === 'plan_ready'
              ? renderPlanText(event.plan, { color, file: flags.file })
              : renderApplyEvent(event);
          if (text !== undefined) say(text);
        },
        // A saved plan was reviewed when it was made: it is applied without a question, as Terraform does.
        ...(flags['auto-approve'] || saved !== undefined ? {} : { confirm: async () => this.ask(target.identity) }),
      });
    } catch (error) {
      // Reading the org or the plan failed before any outcome existed (auth, network, a bug): nothing to summarise.
      const message = error instanceof Error ? error.message : String(error);
      this.logToStderr(`zlc apply failed: ${message}`);
      process.exitCode = EXIT.error;
      return undefined;
    } finally {
      process.off('SIGINT', onInterrupt);
      await target.close();
    }
    if (flags.json) this.log(JSON.stringify(result, null, 2));
    else if (result.status === 'refused') this.logToStderr(renderApplyResult(result));
    else this.log(renderApplyResult(result));
    process.exitCode = applyExit(result);
    return result;
  }

  /** Asks for "yes" on a terminal; without one, refuses (use --auto-approve in scripts). */
  private async ask(identity: string): Promise<boolean> {
    if (!process.stdin.isTTY) {
      this.logToStderr('No terminal to ask on: run with --auto-approve to apply without a question.');
      return false;
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      const answer = await rl.question(`\nApply these changes to ${identity}? Only "yes" is accepted: `);
      return answer.trim() === 'yes';
    } finally {
      rl.close();
    }
  }
}
