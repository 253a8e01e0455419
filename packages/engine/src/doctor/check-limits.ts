/**
 * Editions and limits against the model, from what the org holds now: custom fields per CRM module and unique
 * fields per module (the plan's own check, `orgLimitProblems`), and the calls a day Books allows this org.
 */
import type { ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import { orgLimitProblems } from '../check-org-limits.js';
import type { RemoteResource, Resource } from '../plan-types.js';
import type { DoctorCheck } from './doctor-types.js';

export function checkLimits(
  desired: readonly Resource[],
  remote: readonly RemoteResource[],
  model: ResolvedModel,
  clients: ZohoClients,
): DoctorCheck[] {
  const problems = orgLimitProblems(desired, remote, model, clients.editions.crm);
  const crm: DoctorCheck =
    problems.length === 0
      ? {
          id: 'limits',
          title: `CRM: the model fits the ${clients.editions.crm} edition`,
          status: 'pass',
          findings: [
            'custom fields per module, unique fields per module and new stages are within what the org allows',
          ],
        }
      : {
          id: 'limits',
          title: `CRM: the model does not fit the ${clients.editions.crm} edition`,
          status: 'fail',
          findings: [...problems],
          hint: 'Remove fields from the model, or set ZOHO_CRM_EDITION to the edition the org really has.',
        };
  const perDay = clients.budgets.books.perDay;
  const books: DoctorCheck = {
    id: 'limits',
    title: 'Books: calls a day',
    status: 'info',
    findings: [
      perDay === undefined
        ? 'no daily cap configured (set ZOHO_BOOKS_PLAN to the org’s plan)'
        : `${perDay.toLocaleString('en-US')} calls a day for this org (ZOHO_BOOKS_PLAN / ZOHO_BOOKS_REQUESTS_PER_DAY); every app on the org shares them`,
    ],
  };
  return [crm, books];
}
