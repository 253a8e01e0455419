/** The whole check of one model text: YAML → JSON Schema → named rules → resolved model. */
import { type Diagnostic, type Finding, formatPath, sortDiagnostics } from './diagnostic.js';
import { buildIndex } from './model-index.js';
import type { LifecycleModel } from './model-types.js';
import { resolveModel } from './resolve.js';
import type { ResolvedModel } from './resolved-types.js';
import { runRules } from './rules/index.js';
import { checkSchema } from './schema-check.js';
import { readYaml, type YamlSource } from './yaml-source.js';

export interface ValidateOptions {
  /** The file name diagnostics carry (as the user wrote it). Default `lifecycle.yaml`. */
  file?: string;
}

export type ValidationResult =
  | { ok: true; model: LifecycleModel; resolved: ResolvedModel; warnings: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[]; warnings: Diagnostic[] };

/** Validates model text. Never throws for bad input: every problem is a diagnostic. */
export function validateSource(text: string, options: ValidateOptions = {}): ValidationResult {
  const file = options.file ?? 'lifecycle.yaml';
  const read = readYaml(text);
  if (!read.ok) {
    const diagnostics = read.problems.map((p): Diagnostic => ({ file, path: '', severity: 'error', ...p }));
    return { ok: false, diagnostics, warnings: [] };
  }
  const source = read.source;
  const place = (finding: Finding) => toDiagnostic(source, file, finding);
  const schemaFindings = checkSchema(source.data);
  if (schemaFindings.length > 0)
    return { ok: false, diagnostics: sortDiagnostics(schemaFindings.map(place)), warnings: [] };

  // The schema has passed: the data has the shape of LifecycleModel.
  const model = source.data as unknown as LifecycleModel;
  try {
    const { index, findings } = buildIndex(model);
    const all = [...findings, ...runRules(index)].map(place);
    const errors = all.filter((d) => d.severity === 'error');
    const warnings = sortDiagnostics(all.filter((d) => d.severity === 'warning'));
    if (errors.length > 0) return { ok: false, diagnostics: sortDiagnostics(errors), warnings };
    return { ok: true, model, resolved: resolveModel(index), warnings };
  } catch (error) {
    // A rule or the resolver tripped over input the rules should have caught: a zlc bug, still not a crash.
    const message = error instanceof Error ? error.message : String(error);
    const diagnostic: Diagnostic = {
      code: 'internal-error',
      severity: 'error',
      file,
      line: 1,
      column: 1,
      path: '',
      message: `zlc could not check this model: ${message}`,
      hint: 'this is a bug in zlc; please report it with the file',
    };
    return { ok: false, diagnostics: [diagnostic], warnings: [] };
  }
}

function toDiagnostic(source: YamlSource, file: string, finding: Finding): Diagnostic {
  const { line, column } = source.locate(finding.path, finding.atKey ?? false);
  return {
    code: finding.code,
    severity: finding.severity,
    file,
    line,
    column,
    path: formatPath(finding.path),
    message: finding.message,
    ...(finding.hint === undefined ? {} : { hint: finding.hint }),
  };
}
