/**
 * Custom field values of a stored record: `PUT /invoice/{id}/customfields` (singular path, as the OAS has it) and
 * its estimate, item and customer payment twins take an array of `{customfield_id, value}`; `GET
 * /invoices/{id}/customfields` reads them.
 */
import type { Collection, SandboxRequest } from '../core/types.js';
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

/** Finds a record in one of the state's collections, with a save that writes it back. */
function finder<T extends Target>(collectionOf: (state: BooksState) => Collection<T>): Lookup {
  return (state, id) => {
    const collection = collectionOf(state);
    const record = collection.get(id);
    return record && { record, save: () => collection.put(id, record) };
  };
}

const LOOKUPS: Record<Exclude<CustomFieldModule, 'contacts'>, { entity: string; find: Lookup }> = {
  invoices: { entity: 'Invoice', find: finder((state) => state.invoices) },
  estimates: { entity: 'Estimate', find: finder((state) => state.estimates) },
  items: { entity: 'Item', find: finder((state) => state.items) },
  customerpayments: { entity: 'Payment', find: finder((state) => state.payments) },
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
