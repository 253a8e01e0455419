/** The Books seeds: `empty` (org + base currency), `default` (+ currencies, taxes, items, customers), `large`. */
import type { SandboxContext, SeedName } from '../core/types.js';
import { seedContact } from './seed-contact.js';
import { seedLarge } from './seed-large.js';
import { type BooksState, booksState, type Currency, type Item, type Organization, type Tax } from './state.js';
import { seedUsers } from './users.js';
import { formatDate, formatTime } from './wire.js';

function currency(
  ctx: SandboxContext,
  code: string,
  name: string,
  symbol: string,
  base: boolean,
  rate: number,
): Currency {
  return {
    currency_id: ctx.ids.next('books'),
    currency_code: code,
    currency_name: `${code}- ${name}`,
    currency_symbol: symbol,
    price_precision: 2,
    currency_format: '1,234,567.89',
    is_base_currency: base,
    exchange_rate: rate,
    effective_date: formatDate(ctx.clock.now()),
  };
}

function seedOrg(state: BooksState, ctx: SandboxContext): Currency {
  const usd = currency(ctx, 'USD', 'US Dollar', '$', true, 1);
  state.currencies.put(usd.currency_id, usd);
  const org: Organization = {
    organization_id: ctx.org.booksOrganizationId,
    name: 'Zylker Sandbox Inc',
    contact_name: 'Sandbox Admin',
    email: 'admin@zylker.example',
    is_default_org: true,
    plan_type: 130,
    plan_name: 'PROFESSIONAL',
    plan_period: 'Yearly',
    language_code: 'en',
    fiscal_year_start_month: 0,
    account_created_date: formatDate(ctx.clock.now()),
    time_zone: 'Etc/UTC',
    date_format: 'yyyy-MM-dd',
    is_org_active: true,
    currency_id: usd.currency_id,
    currency_code: 'USD',
    currency_symbol: '$',
    currency_format: '###,##0.00',
    price_precision: 2,
    industry_type: 'Services',
    address: {
      street_address1: '4141 Hacienda Drive',
      street_address2: '',
      city: 'Pleasanton',
      state: 'CA',
      country: 'U.S.A',
      zip: '94588',
    },
  };
  state.organizations.put(org.organization_id, org);
  return usd;
}

function tax(ctx: SandboxContext, name: string, percentage: number, isDefault: boolean): Tax {
  return {
    tax_id: ctx.ids.next('books'),
    tax_name: name,
    tax_percentage: percentage,
    tax_type: 'tax',
    tax_specific_type: '',
    is_value_added: false,
    is_default_tax: isDefault,
    is_editable: true,
  };
}

const ITEMS: readonly [string, string, number, Item['product_type'], boolean][] = [
  ['Implementation Services', 'SRV-IMPL', 150, 'service', false],
  ['Consulting Hour', 'SRV-CONS', 120, 'service', false],
  ['Training Day', 'SRV-TRAIN', 900, 'service', false],
  ['Premium Support (annual)', 'SRV-SUPP', 2400, 'service', false],
  ['CRM Seat License', 'LIC-CRM', 40, 'digital_service', true],
  ['Books Seat License', 'LIC-BOOKS', 25, 'digital_service', true],
  ['Desk Agent License', 'LIC-DESK', 30, 'digital_service', true],
  ['Barcode Scanner', 'HW-SCAN', 249, 'goods', true],
  ['Receipt Printer', 'HW-PRINT', 319, 'goods', true],
  ['Card Reader', 'HW-CARD', 89, 'goods', true],
];

const CUSTOMERS: readonly [string, string, string, string][] = [
  ['Bowman and Co', 'Will', 'Smith', 'will.smith@bowman.example'],
  ['Acme Retail', 'Ada', 'Lovelace', 'ada@acme-retail.example'],
  ['Globex Logistics', 'Hank', 'Scorpio', 'hank@globex.example'],
];

function seedDefault(state: BooksState, ctx: SandboxContext, usd: Currency): void {
  for (const c of [
    currency(ctx, 'EUR', 'Euro', '€', false, 1.08),
    currency(ctx, 'GBP', 'Pound Sterling', '£', false, 1.27),
  ]) {
    state.currencies.put(c.currency_id, c);
  }
  const salesTax = tax(ctx, 'Sales Tax', 8.25, true);
  const cityTax = tax(ctx, 'City Tax', 1.5, false);
  state.taxes.put(salesTax.tax_id, salesTax);
  state.taxes.put(cityTax.tax_id, cityTax);
  const now = formatTime(ctx.clock.now());
  for (const [name, sku, rate, productType, taxable] of ITEMS) {
    const item: Item = {
      item_id: ctx.ids.next('books'),
      name,
      sku,
      description: '',
      rate,
      unit: productType === 'service' ? 'hrs' : 'pcs',
      status: 'active',
      product_type: productType,
      item_type: 'sales',
      tax_id: taxable ? salesTax.tax_id : '',
      tax_name: taxable ? salesTax.tax_name : '',
      tax_percentage: taxable ? salesTax.tax_percentage : 0,
      is_taxable: taxable,
      custom_fields: [],
      created_time: now,
      last_modified_time: now,
    };
    state.items.put(item.item_id, item);
  }
  for (const [name, first, last, email] of CUSTOMERS) {
    const contact = seedContact(ctx, usd, name, { first, last, email }, 30);
    state.contacts.put(contact.contact_id, contact);
  }
}

export function seedBooks(ctx: SandboxContext, seed: SeedName): void {
  const state = booksState(ctx);
  const usd = seedOrg(state, ctx);
  if (seed === 'empty') return;
  seedUsers(state, ctx);
  seedDefault(state, ctx, usd);
  if (seed === 'large') seedLarge(state, ctx, usd);
}
