// Apply side: journal, lock, apply, export.
export * from './apply/index.js';
export { counts, type PlanOptions, plan, withImpacts } from './assemble-plan.js';
export { OrgLimitError, orgLimitProblems } from './check-org-limits.js';
// Plan side: resources, desired state, fingerprints.
export { configHash } from './config-hash.js';
export { countImpacts, type ImpactQuery, impactQueries } from './count-impacts.js';
export { desiredResources } from './desired.js';
export { diffAttributes } from './diff.js';
export { type DoctorOptions, doctor } from './doctor/doctor.js';
export type { CheckId, CheckStatus, DoctorCheck, DoctorEvent, DoctorReport } from './doctor/doctor-types.js';
export { type DriftEntry, type DriftReport, driftReport } from './drift.js';
export { ENGINE_VERSION } from './engine-version.js';
export * from './export/index.js';
export { canonicalJson, fingerprint } from './fingerprint.js';
export * from './journal.js';
export * from './lock.js';
export { fileLockStore, type LockStore } from './lock-store.js';
export { desiredContext, type MadePlan, type MakePlanOptions, makePlan, type PlanEvent } from './make-plan.js';
export {
  checkPlan,
  MAX_PLAN_FILE_BYTES,
  type PlanCheck,
  type ReadPlanOptions,
  readPlanFile,
  serializePlan,
  writePlanFile,
} from './plan-file.js';
export {
  checkPlanSignature,
  MIN_SIGNING_KEY_LENGTH,
  SIGNATURE_PREFIX,
  type SignatureCheck,
  signingKeyProblem,
  signPlan,
} from './plan-signature.js';
export * from './plan-types.js';
export { type PostgresLockOptions, PostgresLockStore } from './postgres-lock.js';
export { type ReadRemoteOptions, type RemoteRead, readRemote } from './read-remote.js';
export type { DetailLine } from './render/describe.js';
export { closingLine, hasChanges } from './render/describe.js';
export { type DriftRenderOptions, driftSummaryLine, renderDriftMarkdown, renderDriftText } from './render/drift.js';
export { renderPlanJson } from './render/json.js';
export { MARKDOWN_MAX_CHARS, type MarkdownRenderOptions, renderPlanMarkdown } from './render/markdown.js';
export { type PlanStyle, renderPlanText, type TextRenderOptions } from './render/text.js';
export { type ResolvedSecret, type ResolveSecretOptions, resolveWebhookSecret, SECRET_FILE } from './resolve-secret.js';
export * from './resources/index.js';
export {
  ActionPreconditionError,
  probeUrl,
  type RuntimeProbe,
  requireDeskHookAnswers,
  shownUrl,
} from './runtime-probe.js';
