import { writeFileSync } from 'node:fs';
import { Command, Flags } from '@oclif/core';
import type { ExportResult } from '@zlc/engine';
import { EXIT } from '../exit-codes.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { insecureFlag } from '../safety-flags.js';
import { openTarget } from '../target.js';

export default class Export extends Command {
  static override summary = "Write the org's configuration as a lifecycle.yaml in zlc's language.";
  static override description =
    `Reads the custom fields of the standard CRM, Desk and Books modules, the required flags of the Standard layouts and the Deal pipeline, and writes them as canonical YAML: for onboarding an existing org or making a template. \`zlc plan\` with the exported file against the same org shows "No changes". Owners and stages cannot be read from an org: the file has one placeholder of each, to replace.

Exit codes:
  0  written (objects the language cannot express are left out and listed as warnings)
  1  error: no target, or the written model would not validate (a bug: the diagnostics are shown)`;
  static override examples = [
    '<%= config.bin %> export --out exported.yaml',
    '<%= config.bin %> export > lifecycle.yaml',
  ];
  static override flags = {
    out: Flags.string({ char: 'o', description: 'Write here instead of standard output.' }),
    insecure: insecureFlag,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Export);
    const opened = await openTarget(process.env, { insecure: flags.insecure });
    if (!opened.ok) this.error(opened.errors.join('\n'), { exit: EXIT.error });
    const { target } = opened;
    this.logToStderr(`Target: ${target.label}`);
    let result: ExportResult;
    try {
      const { exportOrg } = await import('@zlc/engine');
      result = await exportOrg(target.clients, { target: target.identity });
    } finally {
      await target.close();
    }
    for (const warning of result.warnings) this.logToStderr(`warning: ${warning}`);
    if (!result.ok) {
      this.logToStderr(renderDiagnostics(result.diagnostics, { text: result.yaml, color: false }));
      this.error('The exported model does not validate; nothing was written.', { exit: EXIT.error });
    }
    if (flags.out === undefined) process.stdout.write(result.yaml);
    else writeFileSync(flags.out, result.yaml);
    const { counts } = result;
    this.logToStderr(
      `Exported ${counts.crm} CRM, ${counts.desk} Desk and ${counts.books} Books custom fields and ${counts.stages} Deal stages${flags.out === undefined ? '' : ` to ${flags.out}`} (${result.calls} reads).`,
    );
  }
}
