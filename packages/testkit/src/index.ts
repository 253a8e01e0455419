/**
 * Test support shared by the packages' tests: the CLI as a child process, sandbox calls, local ports and receivers,
 * waiting on conditions, the schemas, and Zoho's conformance proxy with its verdicts.
 */
export {
  CLI_BUNDLE_KEY,
  type CliOptions,
  type CliResult,
  type CliRun,
  cliCommand,
  cliEnv,
  hasNoStackTrace,
  REPO_ROOT,
  runCli,
  startCli,
  startCliUntil,
  stopCli,
} from './cli.js';
export { BASELINE, type BaselineEntry } from './conformance/baseline.js';
export {
  type ConformanceVerdict,
  describeError,
  errorsOf,
  type JudgeOptions,
  judgeConformance,
} from './conformance/check.js';
export { SPEC_DEFECTS, type SpecDefect } from './conformance/excuses.js';
export { expectConformance } from './conformance/expect.js';
export {
  type Conformance,
  type ConformanceOptions,
  type ConformanceProduct,
  type ConformanceReport,
  type ConformanceViolation,
  conformanceAvailable,
  withConformance,
} from './conformance/proxy.js';
export { describeDocumentedExamples } from './examples/describe-examples.js';
export {
  type DocumentedCase,
  describeExpectation,
  type Expectation,
  errorCodeOf,
  operationCases,
  operationsOf,
} from './examples/documented-cases.js';
export { type PlannedRequest, plannedRequest, type ReplayOutcome, replayCase } from './examples/replay-case.js';
export {
  type CaseRequest,
  type ExampleReplayPlan,
  type OperationPlan,
  planCases,
  planProblems,
} from './examples/replay-plan.js';
export {
  crmSpecAvailable,
  type DocumentedResponse,
  loadCrmSpec,
  loadSpecFile,
  type NamedExample,
  type SpecAvailability,
  type SpecDocument,
  type SpecOperation,
  type SpecParameter,
} from './examples/spec-document.js';
export { freePort, startReceiver } from './net.js';
export { dropSchema, freshSchemaName, postgresAvailable, TEST_POSTGRES_URL } from './postgres.js';
export {
  type AdminHandle,
  type ApiAnswer,
  accessToken,
  callAdmin,
  callApi,
  freshAccessToken,
  type SandboxHandle,
} from './sandbox.js';
export { readSchema, schemaPath } from './schemas.js';
export { type Availability, skipUnless } from './skip.js';
export { waitFor } from './wait.js';
