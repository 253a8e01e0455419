/** A problem found in a model file, pointing at the place to fix. Bad input is reported, never thrown. */
export interface Diagnostic {
  /** Stable rule code, e.g. `unknown-key`, `dangling-reference`, `picklist-not-total`. */
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  /** The file as the user named it. */
  file: string;
  /** 1-based line; 0 when the problem is the file itself (missing, too large). */
  line: number;
  /** 1-based column; 0 when the problem is the file itself. */
  column: number;
  /** Path of the offending node inside the document, e.g. `stages[2].owner`; empty for the whole file. */
  path: string;
  message: string;
  /** What to do about it: a did-you-mean, an example, the allowed values. */
  hint?: string;
}

/** Every diagnostic code, grouped by the stage of checking that emits it. */
export type DiagnosticCode =
  // reading the file
  | 'file-not-found'
  | 'file-unreadable'
  | 'file-too-large'
  | 'file-not-regular'
  | 'file-outside-tree'
  | 'file-binary'
  | 'empty-file'
  // YAML
  | 'yaml-syntax'
  | 'yaml-tab'
  | 'duplicate-key'
  | 'alias-bomb'
  | 'nesting-too-deep'
  | 'too-many-entries'
  | 'multiple-documents'
  | 'invalid-top-level'
  // JSON Schema
  | 'unknown-key'
  | 'missing-key'
  | 'invalid-type'
  | 'invalid-value'
  | 'invalid-format'
  // semantic rules
  | 'dangling-reference'
  | 'duplicate-id'
  | 'duplicate-api-name'
  | 'invalid-api-name'
  | 'naming-convention'
  | 'invalid-condition'
  | 'invalid-trigger'
  | 'invalid-step'
  | 'incompatible-mapping'
  | 'picklist-not-total'
  | 'picklist-unknown-value'
  | 'stage-order'
  | 'invalid-gate'
  | 'required-field-missing'
  | 'vocabulary-alias'
  | 'invalid-move'
  | 'invalid-remove'
  | 'insecure-url'
  // more problems than are worth listing
  | 'too-many-problems'
  // a bug in zlc, reported instead of thrown
  | 'internal-error';

/** A diagnostic before the file and position are known: the rule names the path, the caller locates it. */
export interface Finding {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  /** Path segments into the document (keys and indices). */
  path: readonly (string | number)[];
  /** Point at the key of the last segment instead of its value (unknown keys). */
  atKey?: boolean;
  message: string;
  hint?: string;
}

/** Formats a path as `stages[2].owner`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Errors first, then by line and column. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || a.line - b.line || a.column - b.column,
  );
}
