import type { Diagnostic } from '@zlc/model';
import { USAGE_ERROR, withExitCodes } from '../base/exit-codes-help.js';
import { fileFlag } from '../base/flags.js';
import { type Outcome, ZlcCommand } from '../base/zlc-command.js';
import { allowOutsideFlag, insecureFlag, modelOptions } from '../safety-flags.js';

/** The `--json` result of `zlc validate`. */
export interface ValidateResult {
  valid: boolean;
  file: string;
  errors: number;
  warnings: number;
  /** Errors first, then warnings, each by position. */
  diagnostics: Diagnostic[];
}

export default class Validate extends ZlcCommand<ValidateResult> {
  static override summary = 'Check an operating model: schema, references, mappings, picklists, stage order.';
  static override description = withExitCodes(
    'Reads the model, validates it against schemas/lifecycle.schema.json and the named rules, and prints compiler-style diagnostics: file:line:col severity code message, the offending line with a caret, and a hint. Needs no credentials and no network.',
    [
      [0, 'valid (warnings allowed)'],
      [1, `invalid or unreadable; or ${USAGE_ERROR}`],
    ],
  );
  static override examples = [
    '<%= config.bin %> validate',
    '<%= config.bin %> validate -f examples/services-agency/lifecycle.yaml',
    '<%= config.bin %> validate --json',
  ];
  static override flags = { file: fileFlag, 'allow-outside': allowOutsideFlag, insecure: insecureFlag };

  async run(): Promise<Outcome<ValidateResult>> {
    const { flags } = await this.parse(Validate);
    const { loadModelFile, summarizeModel } = await import('@zlc/model');
    const { renderDiagnostics } = await import('../render/diagnostics.js');
    const { colorOn } = await import('../render/style.js');
    const loaded = await loadModelFile(flags.file, modelOptions(flags));
    const { result } = loaded;
    const diagnostics = result.ok ? result.warnings : [...result.diagnostics, ...result.warnings];
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if (diagnostics.length > 0)
      this.log(
        renderDiagnostics(diagnostics, {
          ...(loaded.text === undefined ? {} : { text: loaded.text }),
          color: colorOn(process.stdout),
        }),
      );
    if (result.ok) {
      const { counts } = summarizeModel(result.resolved);
      const fields = counts.customFields.crm + counts.customFields.books + counts.customFields.desk;
      this.log(
        `${flags.file} is valid: ${counts.stages} stages, ${counts.owners} owners, ${fields} custom fields, ${counts.handoffs} handoffs, ${counts.reports} reports.`,
      );
    }
    const summary = { valid: result.ok, file: flags.file, errors, warnings: diagnostics.length - errors, diagnostics };
    return this.done(result.ok ? 0 : 1, summary);
  }
}
