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
  /** `--insecure`: an `http://` runtime.url to another machine is a warning instead of an error. Default false. */
  allowInsecureUrls?: boolean;
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
    return { ok: false, diagnostics: sortDiagnostics(bounded(schemaFindings, file).map(place)), warnings: [] };

  // The schema has passed: the data has the shape of LifecycleModel.
  const model = source.data as unknown as LifecycleModel;
  try {
    const { index, findings } = buildIndex(model);
    const all = bounded([...findings, ...runRules(index)], file).map((finding) =>
      place(options.allowInsecureUrls === true && finding.code === 'insecure-url' ? asWarning(finding) : finding),
    );
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

/** Findings reported at most: a generated file can have a problem per key, and placing each one costs a walk. */
export const MAX_FINDINGS = 100;

/** The first `MAX_FINDINGS` findings and, past them, one that says how many more there are. */
function bounded(findings: readonly Finding[], file: string): Finding[] {
  if (findings.length <= MAX_FINDINGS) return [...findings];
  const more = findings.length - MAX_FINDINGS;
  return [
    ...findings.slice(0, MAX_FINDINGS),
    {
      code: 'too-many-problems',
      severity: 'error',
      path: [],
      message: `${more.toLocaleString('en-US')} more problems in ${file} are not listed`,
      hint: 'fix the ones above first; a file with this many is usually generated or the wrong file',
    },
  ];
}

function asWarning(finding: Finding): Finding {
  return { ...finding, severity: 'warning', hint: 'allowed by --insecure' };
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
    message: finding.message.length > 300 ? `${finding.message.slice(0, 300)}…` : finding.message,
    ...(finding.hint === undefined ? {} : { hint: finding.hint }),
  };
}
