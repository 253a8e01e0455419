/**
 * Words from the model's vocabulary: the canonical term for a thing (`customer` → "Customer") and the label of a
 * status value (`books:invoices.status` `partially_paid` → "Partly paid"), so a report says what the apps say.
 */
import type { ResolvedModel } from '@zlc/model';

export interface Labels {
  /** The canonical name of a term (`customer`, `deal`, `ticket`), else `fallback`. */
  term(id: string, fallback: string): string;
  /** The label of a stored status value of `app:module.field`, else the value itself. */
  status(fieldRef: string, value: string): string;
}

export function labelsOf(model: ResolvedModel): Labels {
  const terms = new Map(model.vocabulary.terms.map((t) => [t.id, t.name]));
  const statuses = new Map(model.vocabulary.statuses.map((s) => [s.field.ref, s.labels]));
  return {
    term: (id, fallback) => terms.get(id) ?? fallback,
    status: (fieldRef, value) => statuses.get(fieldRef)?.[value] ?? value,
  };
}
