import {
  createZohoClients,
  DATA_CENTRE_HOSTS,
  loadZohoConfig,
  namesZohoOrg,
  targetIdentity,
  type ZohoConfig,
} from '@zlc/zoho';
import { describe, expect, it } from 'vitest';

const CREDENTIALS = {
  ZOHO_CLIENT_ID: '1000.CLIENT',
  ZOHO_CLIENT_SECRET: 'super-secret-value',
  ZOHO_REFRESH_TOKEN: '1000.refresh.token',
  ZOHO_BOOKS_ORG_ID: '600000001',
  ZOHO_DESK_ORG_ID: '700000002',
};

function expectConfig(env: Record<string, string>): ZohoConfig {
  const result = loadZohoConfig(env);
  if (!result.ok) throw new Error(`expected a config, got ${JSON.stringify(result.errors)}`);
  return result.config;
}

describe('loadZohoConfig', () => {
  it('maps every data centre to its accounts server, API domain and Desk host', () => {
    const eu = expectConfig({ ...CREDENTIALS, ZOHO_DC: 'eu' });
    expect(eu).toMatchObject({
      dc: 'eu',
      accountsUrl: 'https://accounts.zoho.eu',
      apiUrl: 'https://www.zohoapis.eu',
      deskUrl: 'https://desk.zoho.eu',
    });
    expect(expectConfig({ ...CREDENTIALS, ZOHO_DC: 'CA' }).accountsUrl).toBe('https://accounts.zohocloud.ca');
    expect(expectConfig({ ...CREDENTIALS, ZOHO_DC: 'au' }).deskUrl).toBe('https://desk.zoho.com.au');
    expect(Object.keys(DATA_CENTRE_HOSTS).sort()).toEqual(['au', 'ca', 'cn', 'eu', 'in', 'jp', 'sa', 'us']);
  });

  it('names each missing setting in its own error', () => {
    const result = loadZohoConfig({ ZOHO_DC: 'us' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.variable])).toEqual([
      ['missing', 'ZOHO_CLIENT_ID'],
      ['missing', 'ZOHO_CLIENT_SECRET'],
      ['missing', 'ZOHO_REFRESH_TOKEN'],
      ['missing', 'ZOHO_BOOKS_ORG_ID'],
      ['missing', 'ZOHO_DESK_ORG_ID'],
    ]);
  });

  it("takes the org's editions and raised Books limit from the environment, and sizes the budgets by them", () => {
    const config = expectConfig({
      ...CREDENTIALS,
      ZOHO_DC: 'us',
      ZOHO_CRM_EDITION: 'Professional',
      ZOHO_BOOKS_PLAN: 'free',
      ZOHO_DESK_EDITION: 'standard',
      ZOHO_BOOKS_REQUESTS_PER_MINUTE: '500',
    });
    expect(config.editions).toEqual({ crm: 'professional', books: 'free', desk: 'standard' });
    const clients = createZohoClients(config);
    try {
      expect(clients.budgets.crm.concurrency).toBe(15);
      expect(clients.budgets.books.concurrency).toBe(5);
      expect(clients.budgets.desk.concurrency).toBe(10);
    } finally {
      clients.close();
    }
    // unset: Zoho's defaults (CRM Enterprise 20)
    const plain = createZohoClients(expectConfig({ ...CREDENTIALS, ZOHO_DC: 'us' }));
    expect(plain.budgets.crm.concurrency).toBe(20);
    plain.close();
  });

  it('holds Books to its plan’s calls a day, or to ZOHO_BOOKS_REQUESTS_PER_DAY when Zoho raised it', () => {
    const perDayOf = (env: Record<string, string>) => {
      const clients = createZohoClients(expectConfig({ ...CREDENTIALS, ZOHO_DC: 'us', ...env }));
      try {
        return clients.budgets.books.perDay;
      } finally {
        clients.close();
      }
    };
    expect(perDayOf({ ZOHO_BOOKS_PLAN: 'free' })).toBe(1_000);
    expect(perDayOf({ ZOHO_BOOKS_PLAN: 'standard' })).toBe(2_000);
    expect(perDayOf({ ZOHO_BOOKS_PLAN: 'Professional' })).toBe(5_000);
    expect(perDayOf({ ZOHO_BOOKS_PLAN: 'elite' })).toBe(10_000);
    expect(perDayOf({})).toBe(10_000);
    expect(perDayOf({ ZOHO_BOOKS_PLAN: 'standard', ZOHO_BOOKS_REQUESTS_PER_DAY: '25000' })).toBe(25_000);
    const bad = loadZohoConfig({
      ...CREDENTIALS,
      ZOHO_DC: 'us',
      ZOHO_BOOKS_REQUESTS_PER_DAY: 'lots',
      ZOHO_BOOKS_PLAN: 'gold',
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => e.variable)).toEqual(['ZOHO_BOOKS_PLAN', 'ZOHO_BOOKS_REQUESTS_PER_DAY']);
    expect(bad.errors[0]?.message).toContain('free, standard, professional, premium, elite, ultimate, paid');
  });

  it('refuses an unknown edition or a Books limit that is not a whole number, naming the variable', () => {
    const result = loadZohoConfig({
      ...CREDENTIALS,
      ZOHO_DC: 'us',
      ZOHO_CRM_EDITION: 'gold',
      ZOHO_BOOKS_REQUESTS_PER_MINUTE: 'fast',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.variable)).toEqual(['ZOHO_CRM_EDITION', 'ZOHO_BOOKS_REQUESTS_PER_MINUTE']);
    expect(result.errors[0]?.message).toContain('free, standard, professional, enterprise, ultimate');
  });

  it('rejects an unknown data centre and lists the valid ones', () => {
    const result = loadZohoConfig({ ...CREDENTIALS, ZOHO_DC: 'uk' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.variable).toBe('ZOHO_DC');
    expect(result.errors[0]?.message).toContain('us, eu, in, au, jp, ca, sa, cn');
  });

  it('accepts a config without ZOHO_DC when all three URL overrides are given', () => {
    const config = expectConfig({
      ...CREDENTIALS,
      ZOHO_ACCOUNTS_URL: 'http://127.0.0.1:4100/',
      ZOHO_API_URL: 'http://127.0.0.1:4100',
      ZOHO_DESK_URL: 'http://127.0.0.1:4100',
    });
    expect(config.dc).toBeUndefined();
    expect(config.accountsUrl).toBe('http://127.0.0.1:4100');
  });

  it('calls a config with some overrides and no ZOHO_DC inconsistent, naming the missing ones', () => {
    const result = loadZohoConfig({ ...CREDENTIALS, ZOHO_API_URL: 'http://127.0.0.1:4100' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([expect.objectContaining({ code: 'inconsistent', variable: 'ZOHO_DC' })]);
    expect(result.errors[0]?.message).toContain('ZOHO_ACCOUNTS_URL, ZOHO_DESK_URL');
  });

  it('flags an override that points at another data centre than ZOHO_DC', () => {
    const result = loadZohoConfig({ ...CREDENTIALS, ZOHO_DC: 'eu', ZOHO_ACCOUNTS_URL: 'https://accounts.zoho.com' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ code: 'inconsistent', variable: 'ZOHO_ACCOUNTS_URL' });
  });

  it('rejects non-numeric org ids and malformed URLs', () => {
    const result = loadZohoConfig({
      ...CREDENTIALS,
      ZOHO_DC: 'us',
      ZOHO_BOOKS_ORG_ID: 'acme',
      ZOHO_DESK_URL: 'ftp://x',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.variable)).toEqual(['ZOHO_BOOKS_ORG_ID', 'ZOHO_DESK_URL']);
  });

  it('never repeats a secret value in an error message', () => {
    const result = loadZohoConfig({ ...CREDENTIALS, ZOHO_DC: 'nowhere', ZOHO_API_URL: 'not a url' });
    expect(result.ok).toBe(false);
    const text = JSON.stringify(result);
    expect(text).not.toContain(CREDENTIALS.ZOHO_CLIENT_SECRET);
    expect(text).not.toContain(CREDENTIALS.ZOHO_REFRESH_TOKEN);
  });
});

describe('targetIdentity', () => {
  it('names a real data centre with the org ids', () => {
    const config = expectConfig({ ...CREDENTIALS, ZOHO_DC: 'in' });
    expect(targetIdentity(config)).toBe('zoho:in books-org=600000001 desk-org=700000002');
    expect(targetIdentity(config, { crmOrgId: '42' })).toBe(
      'zoho:in crm-org=42 books-org=600000001 desk-org=700000002',
    );
  });

  it('names a loopback sandbox by its org ids, not its port, so a saved plan survives a restart', () => {
    const config = expectConfig({
      ...CREDENTIALS,
      ZOHO_ACCOUNTS_URL: 'http://127.0.0.1:4100',
      ZOHO_API_URL: 'http://127.0.0.1:4100',
      ZOHO_DESK_URL: 'http://127.0.0.1:4100',
    });
    expect(targetIdentity(config)).toBe('sandbox books-org=600000001 desk-org=700000002');
    expect(targetIdentity({ ...config, apiUrl: 'http://127.0.0.1:4200' })).toBe(targetIdentity(config));
  });
});

describe('namesZohoOrg', () => {
  it('is false for an environment with no Zoho credential or host and true as soon as one is set', () => {
    expect(namesZohoOrg({ ZOHO_DC: 'eu', PATH: '/usr/bin' })).toBe(false);
    expect(namesZohoOrg({ ZOHO_CLIENT_ID: '  ' })).toBe(false);
    expect(namesZohoOrg({ ZOHO_REFRESH_TOKEN: '1000.x' })).toBe(true);
    expect(namesZohoOrg({ ZOHO_API_URL: 'http://127.0.0.1:8787' })).toBe(true);
  });
});
