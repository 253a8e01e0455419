/** What `doctor` reports: one check per question about the org, each with a status and what to do. */

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'info';

export type CheckId = 'credentials' | 'limits' | 'conflicts' | 'integrations' | 'runtime';

export interface DoctorCheck {
  id: CheckId;
  /** What was checked, e.g. "CRM: credentials and scopes". */
  title: string;
  status: CheckStatus;
  /** What was found, one line each. */
  findings: string[];
  /** What to do about a warn or fail. */
  hint?: string;
}

export interface DoctorReport {
  /** The org checked (`targetIdentity`). */
  target: string;
  /** False when any check failed: applying now would fail or do harm. */
  ready: boolean;
  checks: DoctorCheck[];
}

export type DoctorEvent = { type: 'check_done'; check: DoctorCheck };
