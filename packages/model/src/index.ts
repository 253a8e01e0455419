/** @zlc/model — the operating-model language: load, validate, resolve. Pure; no network, never prints. */
export {
  DEFAULT_DEAL_STAGES,
  type StandardField,
  type StandardModule,
  standardModule,
  standardModules,
} from './catalogue.js';
export type { Diagnostic, DiagnosticCode } from './diagnostic.js';
export { sortDiagnostics } from './diagnostic.js';
export { closest, didYouMean } from './did-you-mean.js';
export { type FieldKind, kindOf, kindsCompatible, nativeTypes } from './field-kinds.js';
export {
  entryEqualsField,
  GATE_PREFIX,
  gateFieldLabel,
  gateId,
  gateOfStage,
  gateTrigger,
  lookupTo,
  triggerHandoffs,
} from './gates.js';
export { lifecycleSchema } from './lifecycle-schema.js';
export { type LoadedModel, type LoadModelOptions, loadModelFile, MAX_FILE_BYTES } from './load-model-file.js';
export { insecureHost, isLoopbackHost, isLoopbackUrl } from './loopback.js';
export { parseFieldRef, parseModuleRef } from './model-index.js';
export type * from './model-types.js';
export { APPS, INVOICE_STATUSES, REPORT_IDS } from './model-types.js';
export {
  type ReadSourceOptions,
  readSourceFile,
  type SourceFileProblem,
  type SourceFileProblemCode,
  type SourceFileRead,
} from './read-source-file.js';
export { REPORT_TITLES } from './resolve.js';
export type * from './resolved-types.js';
export { RULES } from './rules/index.js';
export {
  BOOKS_TOKEN_HEADER,
  booksHookToken,
  CRM_RECORD_ID_PARAM,
  CRM_SECRET_HEADER,
  crmRecordIdMergeField,
  DESK_TOKEN_PARAM,
  DESK_WEBHOOK_URL_MAX,
  deskHookToken,
  deskHookUrl,
  deskHookUrlLength,
  hookName,
  hookUrl,
} from './runtime-hooks.js';
export { findField, type ModelSummary, summarizeModel } from './summarize.js';
export { type ValidateOptions, type ValidationResult, validateSource } from './validate-source.js';
export { MAX_COLLECTION_ITEMS, MAX_NESTING_DEPTH, MAX_TOTAL_ITEMS } from './yaml-limits.js';
export { MAX_ALIAS_COUNT, MAX_SOURCE_LENGTH } from './yaml-source.js';
