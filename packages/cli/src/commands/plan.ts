import { Command, Flags } from '@oclif/core';
import type { Plan } from '@zlc/engine';
import { renderDiagnostics } from '../render/diagnostics.js';
import { allowOutsideFlag, insecureFlag, modelOptions } from '../safety-flags.js';
import { openTarget } from '../target.js';

type Format = 'text' | 'markdown' | 'json';

export default class PlanCommand extends Command {
  static override summary = 'Show what applying the operating model would change in the org (read-only).';
  static override description =
    `Reads the model and the org (one list call per module and resource type), compares them after normalising both sides, and prints a business summary, then every change with + (add), ~ (change), - (remove), -/+ (replace) and ! (manual step), then "Plan: N to add, N to change, N to remove, N manual." Nothing in the org changes. Objects that left the model are reported as orphaned, never deleted; removals come only from \`remove:\` entries, renames from \`moved:\`. A removal, a replace (-/+) or a removed picklist value that would delete data in the org shows how many records it affects, and applying it needs --allow-data-loss.

With ZLC_PLAN_SIGNING_KEY set (at least 32 characters), the saved or printed JSON plan is signed (HMAC-SHA256), and \`zlc apply PLAN\` with the same key set refuses a plan that is unsigned or was edited since.

Formats: text (colour on a TTY), markdown (a pull-request comment, under 60,000 characters), json (the plan file, described by schemas/plan.schema.json). With --format json or markdown the "Target:" line goes to stderr.

Exit codes: 0 success (with --detailed-exitcode: no changes), 1 error (invalid model, unreachable org), 2 (only with --detailed-exitcode) success with changes to add, change or remove. Manual steps alone (Books custom fields) are listed but do not count as changes: zlc cannot make them, and the next plan verifies them.`;
  static override examples = [
    '<%= config.bin %> plan',
    '<%= config.bin %> plan --out plan.json',
    '<%= config.bin %> plan --format markdown > plan.md',
    '<%= config.bin %> plan --detailed-exitcode',
  ];
  static override flags = {
    file: Flags.string({ char: 'f', description: 'The model file.', default: 'lifecycle.yaml' }),
    out: Flags.string({ description: 'Save the plan (JSON) to this file, for `zlc apply FILE`.' }),
    format: Flags.string({ description: 'Output format.', options: ['text', 'markdown', 'json'], default: 'text' }),
    json: Flags.boolean({ description: 'Same as --format json.' }),
    'detailed-exitcode': Flags.boolean({ description: 'Exit 2 when there are changes, 0 when there are none.' }),
    'allow-data-loss': Flags.boolean({ description: 'Plan changes that would delete data in the org as allowed.' }),
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
  };

  async run(): Promise<Plan | undefined> {
    const { flags } = await this.parse(PlanCommand);
    const format: Format = flags.json ? 'json' : (flags.format as Format);
    const say = (line: string) => (format === 'text' ? this.log(line) : process.stderr.write(`${line}\n`));
    const { loadModelFile } = await import('@zlc/model');
    const loaded = await loadModelFile(flags.file, modelOptions(flags));
    if (!loaded.result.ok) {
      const text = loaded.text === undefined ? {} : { text: loaded.text };
      process.stderr.write(`${renderDiagnostics(loaded.result.diagnostics, { ...text, color: false })}\n`);
      process.stderr.write(`${flags.file} is invalid: nothing was planned.\n`);
      process.exitCode = 1;
      return undefined;
    }
    const model = loaded.result.resolved;
    const opened = await openTarget(process.env, { insecure: flags.insecure });
    if (!opened.ok) {
      for (const error of opened.errors) process.stderr.write(`${error}\n`);
      process.exitCode = 1;
      return undefined;
    }
    const { target } = opened;
    try {
      say(`Target: ${target.label}`);
      const { hasChanges, makePlan, renderPlanJson, renderPlanMarkdown, renderPlanText, signPlan, writePlanFile } =
        await import('@zlc/engine');
      const { webhookSecretFor } = await import('../webhook-secret.js');
      const { planSigningKey } = await import('../plan-signing.js');
      const signing = planSigningKey(process.env);
      if (!signing.ok) {
        process.stderr.write(`${signing.error}\n`);
        process.exitCode = 1;
        return undefined;
      }
      const secret = webhookSecretFor(target, model, process.env);
      const made = await makePlan(target.clients, model, {
        target: target.identity,
        runtimeUrlOverride: process.env.ZLC_RUNTIME_URL,
        webhookSecret: secret.value,
        allowDataLoss: flags['allow-data-loss'],
        warnings: secret.warning === undefined ? [] : [secret.warning],
      });
      // Signed when a key is set, so that a later job's `apply PLAN` can tell it was made by a holder of the key.
      const plan = signing.key === undefined ? made.plan : signPlan(made.plan, signing.key);
      if (flags.out !== undefined) writePlanFile(flags.out, plan);
      const color = format === 'text' && Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;
      const rendered =
        format === 'json'
          ? renderPlanJson(plan)
          : format === 'markdown'
            ? renderPlanMarkdown(plan, { file: flags.file })
            : renderPlanText(plan, { color, file: flags.file });
      process.stdout.write(rendered);
      if (flags.out !== undefined) say(`Saved the plan to ${flags.out}; apply it with: zlc apply ${flags.out}`);
      if (flags['detailed-exitcode'] && hasChanges(plan)) process.exitCode = 2;
      return plan;
    } catch (error) {
      process.stderr.write(`zlc plan failed: ${(error as Error).message}\n`);
      process.exitCode = 1;
      return undefined;
    } finally {
      await target.close();
    }
  }
}
