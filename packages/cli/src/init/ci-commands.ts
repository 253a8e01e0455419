/**
 * The commands a scaffolded repository's CI runs, in one table: the workflows run exactly these lines and the
 * client's README documents exactly these lines, so the two cannot disagree. `{commit}` is the CI system's variable
 * holding the commit being checked.
 */

/** The package that provides `zlc`, and its version: CI installs exactly the version that scaffolded the repo. */
export interface Installer {
  name: string;
  version: string;
}

export type CiSystem = 'github' | 'gitlab';

/** The CI system's shell variable holding the commit a job runs on. */
export const COMMIT_VARIABLE: Record<CiSystem, string> = { github: '"$GITHUB_SHA"', gitlab: '"$CI_COMMIT_SHA"' };

/** What each CI job runs, in order. */
export interface CiCommands {
  install: string;
  validate: string;
  /** Writes the plan file the apply job applies and the markdown the pull-request comment shows. */
  plan: string;
  apply: string;
  drift: string;
}

export const PLAN_FILE = 'plan.json';
export const PLAN_MARKDOWN = 'plan.md';
export const DRIFT_MARKDOWN = 'drift.md';

export function ciCommands(installer: Installer, ci: CiSystem): CiCommands {
  return {
    install: `npm install --global ${installer.name}@${installer.version}`,
    validate: 'zlc validate',
    plan: `zlc plan --format markdown --out ${PLAN_FILE} > ${PLAN_MARKDOWN}`,
    apply: `zlc apply ${PLAN_FILE}`,
    drift: `zlc drift --format markdown --out ${DRIFT_MARKDOWN} --commit ${COMMIT_VARIABLE[ci]}`,
  };
}

/** The Zoho settings every CI job that talks to the org needs, and where each comes from. */
export type CiJob = 'plan' | 'apply' | 'drift';

export interface CiSetting {
  name: string;
  /** The jobs that get it (least privilege where the CI system allows it). Default: every job. */
  jobs?: readonly CiJob[];
  secret: boolean;
  required: boolean;
  meaning: string;
}

/** `secretEnv`: the variable the model's `runtime.secret_env` names (the webhook secret apply provisions). */
export function ciSettings(secretEnv: string): CiSetting[] {
  return [
    { name: 'ZOHO_CLIENT_ID', secret: true, required: true, meaning: "a self client's id (Zoho API console)" },
    { name: 'ZOHO_CLIENT_SECRET', secret: true, required: true, meaning: "the same client's secret" },
    {
      name: 'ZOHO_REFRESH_TOKEN',
      secret: true,
      required: true,
      meaning:
        "a refresh token of that client (`zlc doctor` checks its scopes); give CI its own client, not the runtime's",
    },
    {
      name: secretEnv,
      secret: true,
      required: true,
      meaning: 'the webhook secret (`runtime.secret_env`): the same value the runtime (`zlc flow serve`) has',
    },
    {
      name: 'ZLC_PLAN_SIGNING_KEY',
      secret: true,
      jobs: ['plan', 'apply'],
      required: false,
      meaning:
        'at least 32 random characters (`openssl rand -hex 32`): plan signs the file, apply refuses one unsigned or edited',
    },
    {
      name: 'ZLC_LOCK_URL',
      secret: true,
      jobs: ['apply'],
      required: false,
      meaning: 'a PostgreSQL URL: the apply lock lives there, across runners, and beside the CI concurrency group',
    },
    { name: 'ZOHO_DC', secret: false, required: true, meaning: 'the data centre: us, eu, in, au, jp, ca, sa or cn' },
    {
      name: 'ZOHO_BOOKS_ORG_ID',
      secret: false,
      required: true,
      meaning: 'Books → Settings → Profile: organization id',
    },
    { name: 'ZOHO_DESK_ORG_ID', secret: false, required: true, meaning: 'Desk → Setup → Developer Space → API: orgId' },
    {
      name: 'ZOHO_CRM_EDITION',
      secret: false,
      required: false,
      meaning: 'the CRM edition (limits); default enterprise',
    },
    { name: 'ZOHO_BOOKS_PLAN', secret: false, required: false, meaning: 'the Books plan (calls a day); default paid' },
    { name: 'ZOHO_DESK_EDITION', secret: false, required: false, meaning: 'the Desk edition; default enterprise' },
    {
      name: 'ZLC_RUNTIME_URL',
      secret: false,
      required: false,
      meaning: 'overrides `runtime.url` (where webhooks point); the same in the plan and the apply job',
    },
  ];
}
