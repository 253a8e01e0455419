/**
 * Zoho data centres and their hosts. Source: `../shared/reference/zoho-api.md` §1 (Zoho's multi-DC pages for the
 * accounts servers and API domains; the Desk hosts from the Desk API doc section "API Endpoints by Data Center").
 */
export const DATA_CENTRES = ['us', 'eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn'] as const;
export type DataCentre = (typeof DATA_CENTRES)[number];

export interface DataCentreHosts {
  /** OAuth accounts server (token endpoint lives at `/oauth/v2/token`). */
  accountsUrl: string;
  /** API domain for CRM (`/crm/v8`) and Books (`/books/v3`). */
  apiUrl: string;
  /** Desk host (`/api/v1`). */
  deskUrl: string;
}

export const DATA_CENTRE_HOSTS: Readonly<Record<DataCentre, DataCentreHosts>> = {
  us: {
    accountsUrl: 'https://accounts.zoho.com',
    apiUrl: 'https://www.zohoapis.com',
    deskUrl: 'https://desk.zoho.com',
  },
  eu: { accountsUrl: 'https://accounts.zoho.eu', apiUrl: 'https://www.zohoapis.eu', deskUrl: 'https://desk.zoho.eu' },
  in: { accountsUrl: 'https://accounts.zoho.in', apiUrl: 'https://www.zohoapis.in', deskUrl: 'https://desk.zoho.in' },
  au: {
    accountsUrl: 'https://accounts.zoho.com.au',
    apiUrl: 'https://www.zohoapis.com.au',
    deskUrl: 'https://desk.zoho.com.au',
  },
  jp: { accountsUrl: 'https://accounts.zoho.jp', apiUrl: 'https://www.zohoapis.jp', deskUrl: 'https://desk.zoho.jp' },
  ca: {
    accountsUrl: 'https://accounts.zohocloud.ca',
    apiUrl: 'https://www.zohoapis.ca',
    deskUrl: 'https://desk.zohocloud.ca',
  },
  sa: { accountsUrl: 'https://accounts.zoho.sa', apiUrl: 'https://www.zohoapis.sa', deskUrl: 'https://desk.zoho.sa' },
  cn: {
    accountsUrl: 'https://accounts.zoho.com.cn',
    apiUrl: 'https://www.zohoapis.com.cn',
    deskUrl: 'https://desk.zoho.com.cn',
  },
};

export function isDataCentre(value: string): value is DataCentre {
  return (DATA_CENTRES as readonly string[]).includes(value);
}

/** The data centre whose hosts include this URL's host, if any (used to spot overrides that contradict ZOHO_DC). */
export function dataCentreOfHost(url: string): DataCentre | undefined {
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return undefined;
  }
  for (const dc of DATA_CENTRES) {
    const hosts = DATA_CENTRE_HOSTS[dc];
    if ([hosts.accountsUrl, hosts.apiUrl, hosts.deskUrl].some((u) => new URL(u).host === host)) return dc;
  }
  return undefined;
}
