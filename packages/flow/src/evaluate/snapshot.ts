/** The data a handoff run reads before it writes: what evaluation (pure) works on. */

export type Rec = Record<string, unknown>;

export interface SourceSnapshot {
  /** The trigger's named sources: `deal`/`record`, `account`, `contact`, `contacts`, `products`, `ticket` … */
  named: Record<string, Rec | Rec[] | undefined>;
  /** Records reached through lookups, by id (`deal.Account_Name.Website`). */
  lookups: Record<string, Rec>;
  /** Records an aggregate runs over, by `app:module` (the trigger account's tickets …). */
  related: Record<string, Rec[]>;
}

/** What earlier steps found or created, by step id (a list for for_each steps). */
export type StepOutputs = Record<string, Rec | Rec[]>;

export interface EvalScope {
  snapshot: SourceSnapshot;
  steps: StepOutputs;
  /** The current record of a for_each / contact_persons / line_items list. */
  item?: Rec;
}

export function isRec(value: unknown): value is Rec {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
