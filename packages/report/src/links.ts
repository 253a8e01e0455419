/**
 * The links between the apps, as the model's handoffs write them: the CRM account field holding the Books customer
 * id and the one holding the Desk account id (their `write_back`), the deal field holding the Books invoice id, and
 * whether invoices carry the deal id in `reference_number` (a `match: {by: reference_number, value: deal.id}`).
 * The reports follow exactly these links, so that what they call linked is what zlc wrote.
 */
import type { ResolvedModel } from '@zlc/model';

export interface Links {
  /** `crm:Accounts.<field>` holding the Books `contact_id`. */
  accountToCustomer?: string;
  /** `crm:Accounts.<field>` holding the Desk account `id`. */
  accountToDeskAccount?: string;
  /** `crm:Deals.<field>` holding the Books `invoice_id`. */
  dealToInvoice?: string;
  /** Books invoices carry the CRM deal id in `reference_number`. */
  invoiceReferencesDeal: boolean;
  /** The Deals `Stage` value that means won. */
  wonStage: string;
}

const DEAL_ID_PATHS = new Set(['deal.id', 'record.id']);

export function linksOf(model: ResolvedModel): Links {
  const links: Links = { invoiceReferencesDeal: false, wonStage: wonStageOf(model) };
  for (const handoff of model.handoffs) {
    for (const step of handoff.steps) {
      for (const back of step.writeBack) {
        const field = back.field;
        if (field.app !== 'crm') continue;
        if (
          step.app === 'books' &&
          step.module === 'contacts' &&
          back.from === 'contact_id' &&
          field.module === 'Accounts'
        )
          links.accountToCustomer ??= field.apiName;
        if (step.app === 'desk' && step.module === 'accounts' && back.from === 'id' && field.module === 'Accounts')
          links.accountToDeskAccount ??= field.apiName;
        if (
          step.app === 'books' &&
          step.module === 'invoices' &&
          back.from === 'invoice_id' &&
          field.module === 'Deals'
        )
          links.dealToInvoice ??= field.apiName;
      }
      if (
        step.app === 'books' &&
        step.module === 'invoices' &&
        step.match?.by === 'reference_number' &&
        DEAL_ID_PATHS.has(step.match.value.path)
      )
        links.invoiceReferencesDeal = true;
    }
  }
  return links;
}

/** The pipeline stage at 100 % in the Closed forecast category; CRM's own `Closed Won` without a pipeline. */
function wonStageOf(model: ResolvedModel): string {
  const stages = model.pipeline?.stages ?? [];
  return stages.find((s) => s.forecastCategory === 'Closed' && s.probability === 100)?.name ?? 'Closed Won';
}
