import { writeFileSync } from 'node:fs';
import type { ExportResult } from '@zlc/engine';
import { USAGE_ERROR, withExitCodes } from '../base/exit-codes-help.js';
import { locationFlags, outFlag } from '../base/flags.js';
import { openTargetOrExit } from '../base/model-and-target.js';
import { type Outcome, ZlcCommand } from '../base/zlc-command.js';
import { insecureFlag } from '../safety-flags.js';
import { withLocations } from '../state-dir.js';

/** The `--json` result of `zlc export`: the model as YAML, what it holds, and where it was written. */
export type ExportOutcome = Pick<ExportResult, 'yaml' | 'counts' | 'warnings' | 'calls'> & { out?: string };

export default class Export extends ZlcCommand<ExportOutcome> {
  static override summary = "Write the org's configuration as a lifecycle.yaml in zlc's language.";
  static override description = withExitCodes(
    `Reads the custom fields of the standard CRM, Desk and Books modules, the required flags of the Standard layouts and the Deal pipeline, and writes them as canonical YAML: for onboarding an existing org or making a template. \`zlc plan\` with the exported file against the same org shows "No changes". Owners and stages cannot be read from an org: the file has one placeholder of each, to replace.`,
    [
      [0, 'written (objects the language cannot express are left out and listed as warnings)'],
      [
        1,
        `error: ${USAGE_ERROR}; no target, or the written model would not validate (a bug: the diagnostics are shown)`,
      ],
    ],
  );
  static override examples = ['<%= config.bin %> export -o exported.yaml', '<%= config.bin %> export > lifecycle.yaml'];
  static override flags = {
    out: outFlag('the model instead of standard output'),
    insecure: insecureFlag,
    ...locationFlags,
  };

  async run(): Promise<Outcome<ExportOutcome>> {
    const { flags } = await this.parse(Export);
    const target = await openTargetOrExit(this, withLocations(process.env, flags), { insecure: flags.insecure });
    this.logToStderr(`Target: ${target.label}`);
    const { exportOrg } = await import('@zlc/engine');
    const result = await exportOrg(target.clients, { target: target.identity }).finally(() => target.close());
    for (const warning of result.warnings) this.warning(warning);
    if (!result.ok) {
      const { renderDiagnostics } = await import('../render/diagnostics.js');
      this.logToStderr(renderDiagnostics(result.diagnostics, { text: result.yaml, color: false }));
      return this.fail('The exported model does not validate; nothing was written.');
    }
    if (flags.out !== undefined) writeFileSync(flags.out, result.yaml);
    else if (!this.jsonMode) process.stdout.write(result.yaml);
    const { counts } = result;
    this.logToStderr(
      `Exported ${counts.crm} CRM, ${counts.desk} Desk and ${counts.books} Books custom fields and ${counts.stages} Deal stages${flags.out === undefined ? '' : ` to ${flags.out}`} (${result.calls} reads).`,
    );
    const { yaml, warnings, calls } = result;
    return this.done(0, { yaml, counts, warnings, calls, ...(flags.out === undefined ? {} : { out: flags.out }) });
  }
}
