/**
 * The Zoho Desk v1 module of the sandbox: a flat route table under `/api/v1`, Desk's error bodies, the `orgId`
 * precheck and the seeds. Behaviour and sources: packages/sandbox/SPEC.md, section "Desk".
 */
import type { ProductModule } from '../core/types.js';
import { accountRoutes } from './accounts.js';
import { agentRoutes } from './agents.js';
import { contactRoutes } from './contacts.js';
import { departmentRoutes } from './departments.js';
import { deskErrors } from './errors.js';
import { fieldRoutes } from './fields.js';
import { layoutFieldRoutes } from './layout-fields.js';
import { layoutRoutes } from './layouts.js';
import { checkOrg } from './org-check.js';
import { organizationRoutes } from './organizations.js';
import { searchRoutes } from './search.js';
import { seedDesk } from './seed.js';
import { teamRoutes } from './teams.js';
import { ticketRoutes } from './tickets.js';
import { webhookRoutes } from './webhooks.js';

export const deskModule: ProductModule = {
  product: 'desk',
  prefix: '/api/v1',
  routes: [
    ...organizationRoutes,
    ...departmentRoutes,
    ...agentRoutes,
    ...teamRoutes,
    ...accountRoutes,
    ...contactRoutes,
    ...ticketRoutes,
    ...searchRoutes,
    ...fieldRoutes,
    ...layoutRoutes,
    ...layoutFieldRoutes,
    ...webhookRoutes,
  ],
  errors: deskErrors,
  seed: seedDesk,
  precheck: checkOrg,
};
