/**
 * Reads a model file from disk and validates it. What `readSourceFile` refuses (a missing, oversized, binary or
 * non-regular file, or one outside `root`) is a diagnostic, like any other problem of the model.
 */
import type { Diagnostic } from './diagnostic.js';
import { readSourceFile, type SourceFileProblem } from './read-source-file.js';
import { type ValidateOptions, type ValidationResult, validateSource } from './validate-source.js';
import { MAX_SOURCE_LENGTH } from './yaml-source.js';

/** Files larger than this many bytes are refused without reading them. */
export const MAX_FILE_BYTES = MAX_SOURCE_LENGTH;

export interface LoadedModel {
  /** The model text, when the file could be read (renderers quote lines from it). */
  text?: string;
  result: ValidationResult;
}

export interface LoadModelOptions extends Omit<ValidateOptions, 'file'> {
  /**
   * The directory the file must be inside once symlinks are resolved (the CLI passes the working directory unless
   * `--allow-outside` is given). Default: anywhere.
   */
  root?: string;
}

/** Loads and validates `path`; `path` is also the file name the diagnostics carry. */
export async function loadModelFile(path: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const { root, ...validate } = options;
  const read = readSourceFile(path, { maxBytes: MAX_FILE_BYTES, ...(root === undefined ? {} : { root }) });
  if (!read.ok) return { result: { ok: false, diagnostics: [toDiagnostic(path, read.problem)], warnings: [] } };
  return { text: read.text, result: validateSource(read.text, { ...validate, file: path }) };
}

function toDiagnostic(file: string, problem: SourceFileProblem): Diagnostic {
  return {
    code: problem.code,
    severity: 'error',
    file,
    line: problem.line,
    column: problem.column,
    path: '',
    message: problem.message,
    ...(problem.hint === undefined ? {} : { hint: problem.hint }),
  };
}
