/** Reads a model file from disk and validates it; a missing, unreadable or oversized file is a diagnostic. */
import { readFile, stat } from 'node:fs/promises';
import type { Diagnostic, DiagnosticCode } from './diagnostic.js';
import { type ValidationResult, validateSource } from './validate-source.js';
import { MAX_SOURCE_LENGTH } from './yaml-source.js';

/** Files larger than this many bytes are refused without reading them. */
export const MAX_FILE_BYTES = MAX_SOURCE_LENGTH;

export interface LoadedModel {
  /** The model text, when the file could be read (renderers quote lines from it). */
  text?: string;
  result: ValidationResult;
}

/** Loads and validates `path`; `path` is also the file name the diagnostics carry. */
export async function loadModelFile(path: string): Promise<LoadedModel> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory())
      return failed(path, 'file-unreadable', `${path} is a directory`, 'name the lifecycle.yaml file inside it');
    size = info.size;
  } catch (error) {
    if (errorCode(error) === 'ENOENT')
      return failed(path, 'file-not-found', `${path} does not exist`, 'create it, or name another file with -f');
    return failed(path, 'file-unreadable', `cannot read ${path} (${errorCode(error) ?? 'unknown error'})`);
  }
  if (size > MAX_FILE_BYTES) {
    return failed(
      path,
      'file-too-large',
      `${path} is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB`,
      'a model this large is almost certainly generated or the wrong file',
    );
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return failed(path, 'file-unreadable', `cannot read ${path} (${errorCode(error) ?? 'unknown error'})`);
  }
  return { text, result: validateSource(text, { file: path }) };
}

function errorCode(error: unknown): string | undefined {
  if (error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return error.code;
  return undefined;
}

function failed(file: string, code: DiagnosticCode, message: string, hint?: string): LoadedModel {
  const diagnostic: Diagnostic = {
    code,
    severity: 'error',
    file,
    line: 0,
    column: 0,
    path: '',
    message,
    ...(hint === undefined ? {} : { hint }),
  };
  return { result: { ok: false, diagnostics: [diagnostic], warnings: [] } };
}
