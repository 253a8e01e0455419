/** Organizations, currencies and taxes: read-only settings the seed provides. */
import { doesNotExist } from './errors.js';
import { route } from './route.js';
import type { BooksState, Organization } from './state.js';
import { listPage, ok, paging } from './wire.js';

function listRow(org: Organization) {
  return {
    organization_id: org.organization_id,
    name: org.name,
    contact_name: org.contact_name,
    email: org.email,
    is_default_org: org.is_default_org,
    plan_type: org.plan_type,
    plan_name: org.plan_name,
    plan_period: org.plan_period,
    language_code: org.language_code,
    fiscal_year_start_month: org.fiscal_year_start_month,
    account_created_date: org.account_created_date,
    time_zone: org.time_zone,
    is_org_active: org.is_org_active,
    currency_id: org.currency_id,
    currency_code: org.currency_code,
    currency_symbol: org.currency_symbol,
    currency_format: org.currency_format,
    price_precision: org.price_precision,
  };
}

/** The org named by `organization_id` (the precheck has already refused unknown ones). */
export function currentOrg(state: BooksState, organizationId: string | null): Organization | undefined {
  return organizationId ? state.organizations.get(organizationId) : undefined;
}

export const organizationRoutes = [
  route('GET', '/organizations', (_req, state) =>
    ok({ organizations: [...state.organizations.values()].map(listRow) }),
  ),
  route('GET', '/organizations/:organization_id', (req, state) => {
    const org = state.organizations.get(req.params.organization_id ?? '');
    if (!org) throw doesNotExist('Organization');
    return ok({ organization: { ...org, custom_fields: [] } });
  }),
  route('GET', '/settings/currencies', (req, state) => {
    const filter = req.query.get('filter_by');
    const rows = [...state.currencies.values()].filter(
      (c) => filter !== 'Currencies.ExcludeBaseCurrency' || !c.is_base_currency,
    );
    return listPage('currencies', rows, paging(req.query), {
      reportName: 'Currencies',
      appliedFilter: filter ?? 'Currencies.All',
      sortColumn: 'currency_code',
      sortOrder: 'A',
    });
  }),
  route('GET', '/settings/currencies/:currency_id', (req, state) => {
    const currency = state.currencies.get(req.params.currency_id ?? '');
    if (!currency) throw doesNotExist('Currency');
    return ok({ currency });
  }),
  route('GET', '/settings/taxes', (req, state) =>
    listPage('taxes', [...state.taxes.values()], paging(req.query), {
      reportName: 'Taxes',
      appliedFilter: 'Status.All',
      sortColumn: 'tax_name',
      sortOrder: 'A',
    }),
  ),
  route('GET', '/settings/taxes/:tax_id', (req, state) => {
    const tax = state.taxes.get(req.params.tax_id ?? '');
    if (!tax) throw doesNotExist('Tax');
    return ok({ tax: [tax] });
  }),
];
