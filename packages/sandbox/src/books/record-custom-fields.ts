/**
 * Custom field values of a stored record: `PUT /invoice/{id}/customfields` (singular path, as the OAS has it) and
 * its estimate, item and customer payment twins take an array of `{customfield_id, value}`; `GET
 * /invoices/{id}/customfields` reads them.
 */
import type { SandboxRequest } from '../core/types.js';
import { applyCustomFields, checkMandatory } from './custom-fields.js';
import { BooksError, CODE, doesNotExist } from './errors.js';
import { type BooksHandler, route } from './route.js';
import type { BooksState, CustomFieldModule, CustomFieldValue } from './state.js';
import { done, formatTime, ok } from './wire.js';

interface Target {
  custom_fields: CustomFieldValue[];
  last_modified_time: string;
}

type Lookup = (state: BooksState, id: string) => { record: Target; save: () => void } | undefined;

const LOOKUPS: Record<Exclude<CustomFieldModule, 'contacts'>, { entity: string; find: Lookup }> = {
  invoices: {
    entity: 'Invoice',
    find: (state, id) => {
      const record = state.invoices.get(id);
      return record && { record, save: () => state.invoices.put(id, record) };
    },
  },
  estimates: {
    entity: 'Estimate',
    find: (state, id) => {
      const record = state.estimates.get(id);
      return record && { record, save: () => state.estimates.put(id, record) };
    },
  },
  items: {
    entity: 'Item',
    find: (state, id) => {
      const record = state.items.get(id);
      return record && { record, save: () => state.items.put(id, record) };
    },
  },
  customerpayments: {
    entity: 'Payment',
    find: (state, id) => {
      const record = state.payments.get(id);
      return record && { record, save: () => state.payments.put(id, record) };
    },
  },
};

function update(module: keyof typeof LOOKUPS, param: string): BooksHandler {
  return (req: SandboxRequest, state, ctx) => {
    const id = req.params[param] ?? '';
    const found = LOOKUPS[module].find(state, id);
    if (!found) throw doesNotExist(LOOKUPS[module].entity);
    if (!Array.isArray(req.body)) throw new BooksError(400, CODE.malformedJson, 'JSON is not well formed');
    const values = applyCustomFields(state, module, req.body, found.record.custom_fields, id);
    checkMandatory(state, module, values);
    found.record.custom_fields = values;
    found.record.last_modified_time = formatTime(ctx.clock.now());
    found.save();
    return done('Custom Fields Updated Successfully');
  };
}

export const recordCustomFieldRoutes = [
  route('PUT', '/invoice/:invoice_id/customfields', update('invoices', 'invoice_id')),
  route('PUT', '/estimate/:estimate_id/customfields', update('estimates', 'estimate_id')),
  route('PUT', '/item/:item_id/customfields', update('items', 'item_id')),
  route('PUT', '/customerpayment/:customer_payment_id/customfields', update('customerpayments', 'customer_payment_id')),
  route('GET', '/invoices/:invoice_id/customfields', (req, state) => {
    const found = LOOKUPS.invoices.find(state, req.params.invoice_id ?? '');
    if (!found) throw doesNotExist('Invoice');
    return ok({ custom_fields: found.record.custom_fields });
  }),
];
