/** Estimates: CRUD with computed totals and auto numbers, list filters, status actions, upsert. */
import type { SandboxContext, SandboxRequest } from '../core/types.js';
import { doesNotExist, invalidValue, notAllowed } from './errors.js';
import { route } from './route.js';
import {
  chosenNumber,
  type DocumentListKind,
  documentNumber,
  listDocuments,
  readSalesDocument,
  today,
} from './sales-document.js';
import { type BooksState, type Estimate, type EstimateStatus, nextSequence } from './state.js';
import { upsertTarget } from './upsert.js';
import { bodyObject, done, formatTime, type Json, ok, onlyKnownKeys, optDate, sortedList } from './wire.js';

/** Top-level attributes of Books' create/update estimate request schema (estimates.yml). */
const ESTIMATE_KEYS = new Set([
  'customer_id',
  'currency_id',
  'contact_persons_associated',
  'template_id',
  'place_of_supply',
  'gst_treatment',
  'gst_no',
  'estimate_number',
  'reference_number',
  'date',
  'expiry_date',
  'exchange_rate',
  'discount',
  'is_discount_before_tax',
  'discount_type',
  'is_inclusive_tax',
  'custom_body',
  'custom_subject',
  'salesperson_name',
  'custom_fields',
  'line_items',
  'location_id',
  'notes',
  'terms',
  'shipping_charge',
  'adjustment',
  'adjustment_description',
  'tax_id',
  'tax_exemption_id',
  'tax_authority_id',
  'avatax_use_code',
  'avatax_exempt_no',
  'vat_treatment',
  'tax_treatment',
  'is_reverse_charge_applied',
  'item_id',
  'line_item_id',
  'name',
  'description',
  'rate',
  'unit',
  'quantity',
  'project_id',
  'accept_retainer',
  'retainer_percentage',
  'tags',
]);

/** The status Books shows: a sent estimate past its expiry date reads `expired`. */
export function estimateStatus(estimate: Estimate, on: string): EstimateStatus {
  if (estimate.status === 'sent' && estimate.expiry_date !== '' && estimate.expiry_date < on) return 'expired';
  return estimate.status;
}

function render(estimate: Estimate, ctx: SandboxContext): Estimate {
  return { ...estimate, status: estimateStatus(estimate, today(ctx)) };
}

function readEstimate(
  req: SandboxRequest,
  body: Json,
  state: BooksState,
  ctx: SandboxContext,
  base?: Estimate,
): Estimate {
  onlyKnownKeys(body, ESTIMATE_KEYS);
  if (base?.status === 'invoiced') throw notAllowed('Invoiced estimates cannot be edited.');
  const id = base?.estimate_id ?? ctx.ids.next('books');
  const doc = readSalesDocument(body, 'estimates', id, state, ctx, base);
  const manual = req.query.get('ignore_auto_number_generation') === 'true';
  const number = chosenNumber(manual, body, 'estimate_number', base?.estimate_number, 'Estimate', (n) =>
    [...state.estimates.values()].some((other) => other.estimate_id !== id && other.estimate_number === n),
  );
  const expiry = optDate(body, 'expiry_date') ?? base?.expiry_date ?? '';
  if (expiry !== '' && expiry < doc.date) throw invalidValue('expiry_date');
  return {
    ...doc,
    estimate_id: id,
    estimate_number: number ?? documentNumber('EST', 5, nextSequence(state, 'estimate')),
    expiry_date: expiry,
    status: base?.status ?? 'draft',
    is_emailed: base?.is_emailed ?? false,
    accepted_date: base?.accepted_date ?? '',
    declined_date: base?.declined_date ?? '',
  };
}

export function estimateOr404(state: BooksState, id: string | undefined): Estimate {
  const estimate = id ? state.estimates.get(id) : undefined;
  if (!estimate) throw doesNotExist('Estimate');
  return estimate;
}

function listRow(e: Estimate, on: string) {
  return {
    estimate_id: e.estimate_id,
    customer_name: e.customer_name,
    customer_id: e.customer_id,
    status: estimateStatus(e, on),
    estimate_number: e.estimate_number,
    reference_number: e.reference_number,
    date: e.date,
    expiry_date: e.expiry_date,
    currency_id: e.currency_id,
    currency_code: e.currency_code,
    total: e.total,
    salesperson_name: e.salesperson_name,
    custom_fields: e.custom_fields,
    created_time: e.created_time,
    last_modified_time: e.last_modified_time,
    accepted_date: e.accepted_date,
    declined_date: e.declined_date,
  };
}

const FILTERS: Record<string, EstimateStatus | 'all'> = {
  'Status.All': 'all',
  'Status.Draft': 'draft',
  'Status.Sent': 'sent',
  'Status.Invoiced': 'invoiced',
  'Status.Accepted': 'accepted',
  'Status.Declined': 'declined',
  'Status.Expired': 'expired',
};

const STATUSES = new Set<string>(['draft', 'sent', 'invoiced', 'accepted', 'declined', 'expired']);

const SORTS: Record<string, (e: Estimate) => string | number> = {
  customer_name: (e) => e.customer_name.toLowerCase(),
  estimate_number: (e) => e.estimate_number,
  date: (e) => e.date,
  total: (e) => e.total,
  created_time: (e) => e.created_time,
  last_modified_time: (e) => e.last_modified_time,
};

const LIST: DocumentListKind<Estimate> = {
  key: 'estimates',
  reportName: 'Estimates',
  filters: FILTERS,
  statuses: STATUSES,
  matchesStatus: (e, status, on) => estimateStatus(e, on) === status,
  sorts: SORTS,
  numberField: 'estimate_number',
  numberOf: (e) => e.estimate_number,
  row: listRow,
};

type Action = 'sent' | 'accepted' | 'declined';
const ALLOWED_FROM: Record<Action, readonly EstimateStatus[]> = {
  sent: ['draft', 'sent'],
  accepted: ['sent', 'declined', 'expired', 'accepted'],
  declined: ['sent', 'accepted', 'expired', 'declined'],
};
const LABEL: Record<Action, string> = { sent: 'Sent', accepted: 'Accepted.', declined: 'Declined.' };

function changeStatus(state: BooksState, ctx: SandboxContext, id: string | undefined, action: Action) {
  const estimate = estimateOr404(state, id);
  const current = estimateStatus(estimate, today(ctx));
  if (!ALLOWED_FROM[action].includes(current)) {
    throw notAllowed(`The estimate cannot be marked as ${action} as it is in the ${current} status.`);
  }
  estimate.status = action;
  if (action === 'accepted') estimate.accepted_date = today(ctx);
  if (action === 'declined') estimate.declined_date = today(ctx);
  estimate.last_modified_time = formatTime(ctx.clock.now());
  state.estimates.put(estimate.estimate_id, estimate);
  return done(`Estimate status has been changed to ${LABEL[action]}`);
}

function approval(state: BooksState, id: string | undefined, message: string) {
  const estimate = estimateOr404(state, id);
  if (estimate.status !== 'draft') throw notAllowed('Only draft estimates can be submitted or approved.');
  return done(message);
}

function save(state: BooksState, estimate: Estimate): void {
  state.estimates.put(estimate.estimate_id, estimate);
}

export const estimateRoutes = [
  route('POST', '/estimates', (req, state, ctx) => {
    const estimate = readEstimate(req, bodyObject(req), state, ctx);
    if (req.query.get('send') === 'true') estimate.status = 'sent';
    save(state, estimate);
    return done('The estimate has been created', { estimate: render(estimate, ctx) }, 201);
  }),
  route('GET', '/estimates', (req, state, ctx) =>
    listDocuments(LIST, req.query, state.estimates, today(ctx), (sort) =>
      sortedList(ctx.store, 'books:estimates', state.estimates, sort),
    ),
  ),
  route('PUT', '/estimates', (req, state, ctx) => {
    const body = bodyObject(req);
    const target = upsertTarget(req, state, 'estimates', body);
    if (target.kind === 'missing') throw doesNotExist('Estimate');
    if (target.kind === 'create') {
      // estimates.yml documents 200 alone for this operation, whether it updated or (X-Upsert) created.
      const estimate = readEstimate(req, target.body, state, ctx);
      save(state, estimate);
      return done('The estimate has been created', { estimate: render(estimate, ctx) });
    }
    const estimate = readEstimate(req, body, state, ctx, estimateOr404(state, target.id));
    save(state, estimate);
    return done('Estimate information has been updated.', { estimate: render(estimate, ctx) });
  }),
  route('GET', '/estimates/:estimate_id', (req, state, ctx) =>
    ok({ estimate: render(estimateOr404(state, req.params.estimate_id), ctx) }),
  ),
  route('PUT', '/estimates/:estimate_id', (req, state, ctx) => {
    const estimate = readEstimate(req, bodyObject(req), state, ctx, estimateOr404(state, req.params.estimate_id));
    save(state, estimate);
    return done('Estimate information has been updated.', { estimate: render(estimate, ctx) });
  }),
  route('DELETE', '/estimates/:estimate_id', (req, state) => {
    const estimate = estimateOr404(state, req.params.estimate_id);
    state.estimates.delete(estimate.estimate_id);
    return done('The estimate has been deleted.');
  }),
  route('POST', '/estimates/:estimate_id/status/sent', (req, state, ctx) =>
    changeStatus(state, ctx, req.params.estimate_id, 'sent'),
  ),
  route('POST', '/estimates/:estimate_id/status/accepted', (req, state, ctx) =>
    changeStatus(state, ctx, req.params.estimate_id, 'accepted'),
  ),
  route('POST', '/estimates/:estimate_id/status/declined', (req, state, ctx) =>
    changeStatus(state, ctx, req.params.estimate_id, 'declined'),
  ),
  route('POST', '/estimates/:estimate_id/submit', (req, state) =>
    approval(state, req.params.estimate_id, 'The estimate has been successfully submitted for approval'),
  ),
  route('POST', '/estimates/:estimate_id/approve', (req, state) =>
    approval(state, req.params.estimate_id, 'You have approved the estimate.'),
  ),
];
