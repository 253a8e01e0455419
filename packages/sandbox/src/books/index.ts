/**
 * The Books v3 module of the sandbox: a flat route table under `/books/v3`, Books error bodies, the
 * `organization_id` precheck and the seeds. SPEC.md (## Books) lists every route and error with its source.
 */
import type { ProductModule, SandboxRequest, SandboxResponse } from '../core/types.js';
import { contactPersonRoutes } from './contact-persons.js';
import { contactRoutes } from './contacts.js';
import { crmSyncRoutes } from './crm-sync.js';
import { customFieldRoutes } from './custom-fields.js';
import { booksErrors, CODE } from './errors.js';
import { estimateRoutes } from './estimates.js';
import { invoiceActionRoutes } from './invoice-actions.js';
import { invoiceRoutes } from './invoices.js';
import { itemRoutes } from './items.js';
import { organizationRoutes } from './organizations.js';
import { paymentRoutes } from './payments.js';
import { recordCustomFieldRoutes } from './record-custom-fields.js';
import { PREFIX } from './route.js';
import { seedBooks } from './seed.js';
import { booksState } from './state.js';
import { userRoutes } from './users.js';
import { webhookRoutes } from './webhooks.js';

/** Every call but `GET /organizations` names the org in `organization_id`; Books refuses a missing or foreign one. */
function precheck(
  req: SandboxRequest,
  ctx: Parameters<NonNullable<ProductModule['precheck']>>[1],
): SandboxResponse | undefined {
  if (req.method === 'GET' && req.path === `${PREFIX}/organizations`) return undefined;
  const id = req.query.get('organization_id');
  if (id === null || id === '') {
    return { status: 400, body: { code: CODE.invalidParameter, message: 'Invalid value passed for organization_id' } };
  }
  if (!booksState(ctx).organizations.has(id)) {
    return {
      status: 400,
      body: { code: CODE.unknownOrg, message: `This user is not associated with the CompanyID/CompanyName:${id}.` },
    };
  }
  return undefined;
}

export const booksModule: ProductModule = {
  product: 'books',
  prefix: PREFIX,
  routes: [
    ...organizationRoutes,
    ...customFieldRoutes,
    ...contactPersonRoutes,
    ...contactRoutes,
    ...crmSyncRoutes,
    ...itemRoutes,
    ...estimateRoutes,
    ...invoiceActionRoutes,
    ...invoiceRoutes,
    ...paymentRoutes,
    ...recordCustomFieldRoutes,
    ...userRoutes,
    ...webhookRoutes,
  ],
  errors: booksErrors,
  precheck,
  seed: seedBooks,
};
