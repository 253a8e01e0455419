import { Command, Flags } from '@oclif/core';
import type { Diagnostic } from '@zlc/model';
import { renderDiagnostics } from '../render/diagnostics.js';
import { allowOutsideFlag, insecureFlag, modelOptions } from '../safety-flags.js';

/** The `--json` result of `zlc validate`. */
export interface ValidateJson {
  valid: boolean;
  file: string;
  errors: number;
  warnings: number;
  /** Errors first, then warnings, each by position. */
  diagnostics: Diagnostic[];
}

export default class Validate extends Command {
  static override summary = 'Check an operating model: schema, references, mappings, picklists, stage order.';
  static override description = [
    'Reads the model, validates it against schemas/lifecycle.schema.json and the named rules, and prints compiler-style diagnostics: file:line:col severity code message, the offending line with a caret, and a hint. Needs no credentials and no network.',
    'Exit codes: 0 valid (warnings allowed), 1 invalid or unreadable.',
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> validate',
    '<%= config.bin %> validate -f examples/services-agency/lifecycle.yaml',
    '<%= config.bin %> validate --json',
  ];
  static override flags = {
    file: Flags.string({ char: 'f', description: 'The model file.', default: 'lifecycle.yaml' }),
    json: Flags.boolean({ description: 'Print the diagnostics as JSON.' }),
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
  };

  async run(): Promise<ValidateJson> {
    const { flags } = await this.parse(Validate);
    const { loadModelFile, summarizeModel } = await import('@zlc/model');
    const loaded = await loadModelFile(flags.file, modelOptions(flags));
    const { result } = loaded;
    const diagnostics = result.ok ? result.warnings : [...result.diagnostics, ...result.warnings];
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const output: ValidateJson = {
      valid: result.ok,
      file: flags.file,
      errors,
      warnings: diagnostics.length - errors,
      diagnostics,
    };
    if (flags.json) {
      this.log(JSON.stringify(output, null, 2));
    } else {
      const color = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;
      if (diagnostics.length > 0)
        this.log(
          renderDiagnostics(diagnostics, { ...(loaded.text === undefined ? {} : { text: loaded.text }), color }),
        );
      if (result.ok) {
        const { counts } = summarizeModel(result.resolved);
        const fields = counts.customFields.crm + counts.customFields.books + counts.customFields.desk;
        this.log(
          `${flags.file} is valid: ${counts.stages} stages, ${counts.owners} owners, ${fields} custom fields, ${counts.handoffs} handoffs, ${counts.reports} reports.`,
        );
      }
    }
    if (!result.ok) process.exitCode = 1;
    return output;
  }
}
