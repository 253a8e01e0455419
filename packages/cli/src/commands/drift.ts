import { writeFileSync } from 'node:fs';
import { Flags } from '@oclif/core';
import type { DriftReport } from '@zlc/engine';
import { USAGE_ERROR, withExitCodes } from '../base/exit-codes-help.js';
import { fileFlag, locationFlags, outFlag } from '../base/flags.js';
import { loadModelOrExit, openTargetOrExit } from '../base/model-and-target.js';
import { type Outcome, ZlcCommand } from '../base/zlc-command.js';
import { allowOutsideFlag, insecureFlag } from '../safety-flags.js';
import { withLocations } from '../state-dir.js';

export default class Drift extends ZlcCommand<DriftReport> {
  static override summary = 'Check whether the org still matches the model: changes, undone manual steps, orphans.';
  static override description = withExitCodes(
    `Plans the model against the org (read-only, as \`zlc plan\` does) and reports every difference: each change \`zlc apply\` would make, each manual step still undone or half done (Books custom fields: the next plan verifies every setting), and each orphan (an object of a kind zlc manages that the model no longer names). Unlike \`plan --detailed-exitcode\`, manual steps and orphans count.

--format markdown gives a summary fit for an issue body (a scheduled CI job opens or updates one from it); -o writes it to a file as well; --json gives the report as data.`,
    [
      [0, 'no drift: the org matches the model'],
      [1, `error: ${USAGE_ERROR}; or the org could not be read`],
      [2, 'drift: changes to apply, manual steps undone, or orphans (the report lists them)'],
    ],
  );
  static override examples = [
    '<%= config.bin %> drift',
    '<%= config.bin %> drift --format markdown -o drift.md',
    '<%= config.bin %> drift --json',
  ];
  static override flags = {
    file: fileFlag,
    format: Flags.string({ description: 'Output format.', options: ['text', 'markdown'], default: 'text' }),
    out: outFlag('the report (in --format)'),
    commit: Flags.string({ description: "The model's commit, named in the markdown summary (CI: the SHA)." }),
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
    ...locationFlags,
  };

  async run(): Promise<Outcome<DriftReport>> {
    const { flags } = await this.parse(Drift);
    const env = withLocations(process.env, flags);
    const model = await loadModelOrExit(this, flags.file, flags, 'nothing was checked');
    const target = await openTargetOrExit(this, env, { insecure: flags.insecure });
    this.logToStderr(`Target: ${target.label}`);
    const { makeTargetPlan } = await import('../target-plan.js');
    const plan = await makeTargetPlan(target, model, env)
      .catch((error: unknown) => this.fail(`zlc drift failed: ${(error as Error).message}`))
      .finally(() => target.close());
    const { driftReport, renderDriftMarkdown, renderDriftText } = await import('@zlc/engine');
    const report = driftReport(plan);
    const options = { file: flags.file, ...(flags.commit === undefined ? {} : { commit: flags.commit }) };
    const rendered =
      flags.format === 'markdown' ? renderDriftMarkdown(report, options) : renderDriftText(report, options);
    if (flags.out !== undefined) writeFileSync(flags.out, rendered);
    if (!this.jsonMode) process.stdout.write(rendered);
    return this.done(report.drifted ? 2 : 0, report);
  }
}
