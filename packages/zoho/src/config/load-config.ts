import type { BooksPlan, CrmEdition, DeskEdition, Editions } from '../budget/defaults.js';
import { DATA_CENTRE_HOSTS, DATA_CENTRES, type DataCentre, dataCentreOfHost, isDataCentre } from './data-centres.js';

/** The resolved connection settings for one Zoho target (real Zoho or a served sandbox). */
export interface ZohoConfig {
  /** Absent when all three URL overrides are given (e.g. a sandbox). */
  dc: DataCentre | undefined;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Accounts server origin, no trailing slash. */
  accountsUrl: string;
  /** API domain for CRM and Books, no trailing slash. */
  apiUrl: string;
  /** Desk host, no trailing slash. */
  deskUrl: string;
  booksOrgId: string;
  deskOrgId: string;
  /** The org's editions where the environment names them (`ZOHO_CRM_EDITION`…); they set the concurrency caps. */
  editions?: Partial<Editions>;
  /** Books calls a minute the org allows when Zoho raised it (`ZOHO_BOOKS_REQUESTS_PER_MINUTE`); default 100. */
  booksRequestsPerMinute?: number;
  /** Books calls a day the org allows when Zoho raised it (`ZOHO_BOOKS_REQUESTS_PER_DAY`); default: the plan's. */
  booksRequestsPerDay?: number;
}

/** The environment variables `loadZohoConfig` reads. */
export const ZOHO_ENV_VARS = [
  'ZOHO_CLIENT_ID',
  'ZOHO_CLIENT_SECRET',
  'ZOHO_REFRESH_TOKEN',
  'ZOHO_DC',
  'ZOHO_BOOKS_ORG_ID',
  'ZOHO_DESK_ORG_ID',
  'ZOHO_ACCOUNTS_URL',
  'ZOHO_API_URL',
  'ZOHO_DESK_URL',
  'ZOHO_CRM_EDITION',
  'ZOHO_BOOKS_PLAN',
  'ZOHO_DESK_EDITION',
  'ZOHO_BOOKS_REQUESTS_PER_MINUTE',
  'ZOHO_BOOKS_REQUESTS_PER_DAY',
] as const;
export type ZohoEnvVar = (typeof ZOHO_ENV_VARS)[number];

export interface ZohoConfigError {
  code: 'missing' | 'invalid' | 'inconsistent';
  /** The setting at fault. */
  variable: ZohoEnvVar;
  /** Says what is wrong and what to set; never contains a secret's value. */
  message: string;
}

export type LoadZohoConfigResult = { ok: true; config: ZohoConfig } | { ok: false; errors: ZohoConfigError[] };

type Env = Readonly<Record<string, string | undefined>>;

const CRM_EDITIONS: readonly CrmEdition[] = ['free', 'standard', 'professional', 'enterprise', 'ultimate'];
const BOOKS_PLANS: readonly BooksPlan[] = ['free', 'standard', 'professional', 'premium', 'elite', 'ultimate', 'paid'];
const DESK_EDITIONS: readonly DeskEdition[] = ['free', 'express', 'standard', 'professional', 'enterprise'];

const URL_OVERRIDES = [
  ['ZOHO_ACCOUNTS_URL', 'accountsUrl'],
  ['ZOHO_API_URL', 'apiUrl'],
  ['ZOHO_DESK_URL', 'deskUrl'],
] as const;

/**
 * Reads the Zoho settings from an environment map. Bad input never throws: every problem comes back as an
 * error naming the variable, so a CLI can print them all at once.
 */
export function loadZohoConfig(env: Env): LoadZohoConfigResult {
  const reader = envReader(env);
  const credentials = readCredentials(reader);
  const dcRaw = reader.value('ZOHO_DC')?.toLowerCase();
  const dc = readDataCentre(reader, dcRaw);
  const urls = readHosts(reader, dc, dcRaw);
  const limits = readLimits(reader);
  if (reader.errors.length > 0) return { ok: false, errors: reader.errors };
  return { ok: true, config: { dc, ...credentials, ...urls, ...limits } };
}

/** The environment's values, trimmed (blank reads as unset), and the problems found so far, in reading order. */
interface EnvReader {
  errors: ZohoConfigError[];
  value(name: ZohoEnvVar): string | undefined;
  /** The value, or '' with a `missing` error saying `what` to set. */
  required(name: ZohoEnvVar, what: string): string;
  /** One of `allowed` (case-insensitive), or undefined (with an error when set to something else). */
  oneOf<T extends string>(name: ZohoEnvVar, allowed: readonly T[]): T | undefined;
  /** A whole number ≥ `least`, or undefined (with an error saying `what` when set to something else). */
  wholeNumber(name: ZohoEnvVar, least: number, what: string): number | undefined;
}

function envReader(env: Env): EnvReader {
  const errors: ZohoConfigError[] = [];
  const value = (name: ZohoEnvVar): string | undefined => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  };
  return {
    errors,
    value,
    required(name, what) {
      const v = value(name);
      if (v === undefined) errors.push({ code: 'missing', variable: name, message: `${name} is not set: ${what}.` });
      return v ?? '';
    },
    oneOf<T extends string>(name: ZohoEnvVar, allowed: readonly T[]): T | undefined {
      const v = value(name)?.toLowerCase();
      if (v === undefined) return undefined;
      if ((allowed as readonly string[]).includes(v)) return v as T;
      errors.push({ code: 'invalid', variable: name, message: `${name} is "${v}"; use one of ${allowed.join(', ')}.` });
      return undefined;
    },
    wholeNumber(name, least, what) {
      const raw = value(name);
      if (raw === undefined) return undefined;
      const n = Number(raw);
      if (Number.isInteger(n) && n >= least) return n;
      errors.push({ code: 'invalid', variable: name, message: `${name} is "${raw}"; ${what}` });
      return undefined;
    },
  };
}

function readCredentials(reader: EnvReader) {
  const clientId = reader.required('ZOHO_CLIENT_ID', 'set it to the client id of your Zoho API console client');
  const clientSecret = reader.required('ZOHO_CLIENT_SECRET', 'set it to the client secret of the same client');
  const refreshToken = reader.required('ZOHO_REFRESH_TOKEN', 'set it to a refresh token generated for that client');
  const booksOrgId = reader.required(
    'ZOHO_BOOKS_ORG_ID',
    'set it to the Books organization_id (Books → Settings → Profile)',
  );
  const deskOrgId = reader.required(
    'ZOHO_DESK_ORG_ID',
    'set it to the Desk orgId (Desk → Setup → Developer Space → API)',
  );
  for (const [name, v] of [
    ['ZOHO_BOOKS_ORG_ID', booksOrgId],
    ['ZOHO_DESK_ORG_ID', deskOrgId],
  ] as const) {
    if (v !== '' && !/^[0-9]+$/.test(v)) {
      reader.errors.push({ code: 'invalid', variable: name, message: `${name} must be a numeric organization id.` });
    }
  }
  return { clientId, clientSecret, refreshToken, booksOrgId, deskOrgId };
}

function readDataCentre(reader: EnvReader, dcRaw: string | undefined): DataCentre | undefined {
  if (dcRaw === undefined) return undefined;
  if (isDataCentre(dcRaw)) return dcRaw;
  reader.errors.push({
    code: 'invalid',
    variable: 'ZOHO_DC',
    message: `ZOHO_DC is "${dcRaw}"; use one of ${DATA_CENTRES.join(', ')}.`,
  });
  return undefined;
}

/** Each host from its override, else from the data centre; without ZOHO_DC every override must be given. */
function readHosts(
  reader: EnvReader,
  dc: DataCentre | undefined,
  dcRaw: string | undefined,
): Record<'accountsUrl' | 'apiUrl' | 'deskUrl', string> {
  const urls: Record<'accountsUrl' | 'apiUrl' | 'deskUrl', string> = { accountsUrl: '', apiUrl: '', deskUrl: '' };
  const missingOverrides: ZohoEnvVar[] = [];
  for (const [name, key] of URL_OVERRIDES) {
    const override = reader.value(name);
    if (override !== undefined) {
      const parsed = readOverride(reader, name, override, dc);
      if (parsed !== undefined) urls[key] = parsed;
    } else if (dc !== undefined) {
      urls[key] = DATA_CENTRE_HOSTS[dc][key];
    } else {
      missingOverrides.push(name);
    }
  }
  if (dcRaw === undefined && missingOverrides.length > 0) {
    const all = missingOverrides.length === URL_OVERRIDES.length;
    reader.errors.push({
      code: all ? 'missing' : 'inconsistent',
      variable: 'ZOHO_DC',
      message: all
        ? `ZOHO_DC is not set: set it to your data centre (${DATA_CENTRES.join(', ')}).`
        : `ZOHO_DC is not set and ${missingOverrides.join(', ')} ${missingOverrides.length === 1 ? 'is' : 'are'} missing: set ZOHO_DC, or give all three of ZOHO_ACCOUNTS_URL, ZOHO_API_URL and ZOHO_DESK_URL.`,
    });
  }
  return urls;
}

/** A host override as a base URL, or undefined when it is not one; one in another data centre is an error too. */
function readOverride(
  reader: EnvReader,
  name: ZohoEnvVar,
  override: string,
  dc: DataCentre | undefined,
): string | undefined {
  const parsed = parseBaseUrl(override);
  if (parsed === undefined) {
    reader.errors.push({
      code: 'invalid',
      variable: name,
      message: `${name} must be an http(s) URL, e.g. https://host:port.`,
    });
    return undefined;
  }
  const hostDc = dataCentreOfHost(parsed);
  if (dc !== undefined && hostDc !== undefined && hostDc !== dc) {
    reader.errors.push({
      code: 'inconsistent',
      variable: name,
      message: `${name} points at the ${hostDc} data centre but ZOHO_DC is ${dc}; tokens only work in their own data centre.`,
    });
  }
  return parsed;
}

/** The org's limits: editions set the concurrency caps, and Zoho support can raise Books' per-minute limit. */
function readLimits(
  reader: EnvReader,
): Pick<ZohoConfig, 'editions' | 'booksRequestsPerMinute' | 'booksRequestsPerDay'> {
  const editions: Partial<Editions> = {};
  const crmEdition = reader.oneOf('ZOHO_CRM_EDITION', CRM_EDITIONS);
  const booksPlan = reader.oneOf('ZOHO_BOOKS_PLAN', BOOKS_PLANS);
  const deskEdition = reader.oneOf('ZOHO_DESK_EDITION', DESK_EDITIONS);
  if (crmEdition !== undefined) editions.crm = crmEdition;
  if (booksPlan !== undefined) editions.books = booksPlan;
  if (deskEdition !== undefined) editions.desk = deskEdition;
  const booksRequestsPerMinute = reader.wholeNumber(
    'ZOHO_BOOKS_REQUESTS_PER_MINUTE',
    10,
    "give the whole number of Books calls a minute your org allows (Zoho's default is 100).",
  );
  const booksRequestsPerDay = reader.wholeNumber(
    'ZOHO_BOOKS_REQUESTS_PER_DAY',
    1,
    'give the whole number of Books calls a day Zoho allows your org (by plan 1,000 to 10,000; set ZOHO_BOOKS_PLAN instead unless Zoho raised it).',
  );
  return {
    ...(Object.keys(editions).length > 0 ? { editions } : {}),
    ...(booksRequestsPerMinute === undefined ? {} : { booksRequestsPerMinute }),
    ...(booksRequestsPerDay === undefined ? {} : { booksRequestsPerDay }),
  };
}

/**
 * Whether the environment names a Zoho org at all: any credential or any host override is set. The CLI uses this to
 * choose between that org (then `loadZohoConfig` reports whatever is missing, rather than zlc silently falling back)
 * and the embedded sandbox.
 */
export function namesZohoOrg(env: Env): boolean {
  return ['ZOHO_CLIENT_ID', 'ZOHO_CLIENT_SECRET', 'ZOHO_REFRESH_TOKEN', ...URL_OVERRIDES.map(([name]) => name)].some(
    (name) => (env[name]?.trim() ?? '') !== '',
  );
}

function parseBaseUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') return undefined;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
