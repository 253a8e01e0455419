import { Flags } from '@oclif/core';
import type { Plan } from '@zlc/engine';
import { USAGE_ERROR, withExitCodes } from '../base/exit-codes-help.js';
import { fileFlag, locationFlags, outFlag } from '../base/flags.js';
import { loadModelOrExit, openTargetOrExit } from '../base/model-and-target.js';
import { type Outcome, ZlcCommand } from '../base/zlc-command.js';
import { allowOutsideFlag, insecureFlag } from '../safety-flags.js';
import { withLocations } from '../state-dir.js';

type Format = 'text' | 'markdown' | 'json';

export default class PlanCommand extends ZlcCommand<Plan> {
  static override summary = 'Show what applying the operating model would change in the org (read-only).';
  static override description = withExitCodes(
    `Reads the model and the org (one list call per module and resource type), compares them after normalising both sides, and prints a business summary, then every change with + (add), ~ (change), - (remove), -/+ (replace) and ! (manual step), then "Plan: N to add, N to change, N to remove, N manual." Nothing in the org changes. Objects that left the model are reported as orphaned, never deleted; removals come only from \`remove:\` entries, renames from \`moved:\`. A removal, a replace (-/+) or a removed picklist value that would delete data in the org shows how many records it affects, and applying it needs --allow-data-loss.

With ZLC_PLAN_SIGNING_KEY set (at least 32 characters), the saved or printed JSON plan is signed (HMAC-SHA256), and \`zlc apply PLAN\` with the same key set refuses a plan that is unsigned or was edited since.

Formats: text (colour on a terminal), markdown (a pull-request comment, under 60,000 characters), json (the plan file itself, described by schemas/plan.schema.json). With --format json or markdown the "Target:" line goes to stderr. --json prints the envelope {status, result: the plan, warnings} instead.

Manual steps alone (Books custom fields) are listed but do not count as changes for --detailed-exitcode: zlc cannot make them, and the next plan verifies them. \`zlc drift\` counts them, and orphans, too.`,
    [
      [0, 'planned (with --detailed-exitcode: and there are no changes)'],
      [1, `error: ${USAGE_ERROR}; or the org could not be read`],
      [2, 'only with --detailed-exitcode: planned, with changes to add, change or remove'],
    ],
  );
  static override examples = [
    '<%= config.bin %> plan',
    '<%= config.bin %> plan -o plan.json',
    '<%= config.bin %> plan --format markdown > plan.md',
    '<%= config.bin %> plan --detailed-exitcode',
  ];
  static override flags = {
    file: fileFlag,
    out: outFlag('the plan (JSON), for `zlc apply FILE`,'),
    format: Flags.string({ description: 'Output format.', options: ['text', 'markdown', 'json'], default: 'text' }),
    'detailed-exitcode': Flags.boolean({ description: 'Exit 2 when there are changes, 0 when there are none.' }),
    'allow-data-loss': Flags.boolean({ description: 'Plan changes that would delete data in the org as allowed.' }),
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
    ...locationFlags,
  };

  async run(): Promise<Outcome<Plan>> {
    const { flags } = await this.parse(PlanCommand);
    const env = withLocations(process.env, flags);
    const format = flags.format as Format;
    const say = (line: string) => (format === 'text' ? this.log(line) : this.logToStderr(line));
    const model = await loadModelOrExit(this, flags.file, flags, 'nothing was planned');
    const { planSigningKey } = await import('../plan-signing.js');
    const signing = planSigningKey(env);
    if (!signing.ok) return this.fail(signing.error);
    const target = await openTargetOrExit(this, env, { insecure: flags.insecure });
    try {
      say(`Target: ${target.label}`);
      const { makeTargetPlan } = await import('../target-plan.js');
      const plan = await makeTargetPlan(target, model, env, {
        allowDataLoss: flags['allow-data-loss'],
        signingKey: signing.key,
      });
      const { hasChanges, writePlanFile } = await import('@zlc/engine');
      if (flags.out !== undefined) writePlanFile(flags.out, plan);
      const { renderPlanAs } = await import('../render/plan.js');
      if (!this.jsonMode) process.stdout.write(renderPlanAs(plan, format, flags.file));
      if (flags.out !== undefined) say(`Saved the plan to ${flags.out}; apply it with: zlc apply ${flags.out}`);
      return this.done(flags['detailed-exitcode'] && hasChanges(plan) ? 2 : 0, plan);
    } catch (error) {
      return this.fail(`zlc plan failed: ${(error as Error).message}`);
    } finally {
      await target.close();
    }
  }
}
