/**
 * Drift: how an org differs from its model, read from a plan made against it — every change apply would make, every
 * manual step (Books custom fields) still undone or half done, and every orphan (an object of a kind zlc manages
 * that the model no longer names). Pure: `zlc drift` makes the plan and renders this; a scheduled job turns a
 * non-empty report into an issue.
 */
import type { Plan, PlanAction, Product } from './plan-types.js';
import { type DetailLine, detailLines, symbolOf } from './render/describe.js';

export interface DriftEntry {
  address: string;
  product: Product;
  title: string;
  /** `+ ~ - -/+` for changes, `!` for manual steps, `?` for orphans. */
  symbol: string;
  /** Attribute lines (what differs), the steps still to do, or what to do about an orphan. */
  details: DetailLine[];
}

export interface DriftReport {
  /** True when anything differs: a change, an undone manual step, or an orphan. */
  drifted: boolean;
  /** The org (`targetIdentity`). */
  target: string;
  /** When the plan behind it was made. */
  checkedAt: string;
  counts: { changes: number; manual: number; orphans: number };
  changes: DriftEntry[];
  manual: DriftEntry[];
  orphans: DriftEntry[];
  /** The plan's warnings (things the planner could not decide). */
  warnings: string[];
}

function entryOf(action: PlanAction): DriftEntry {
  return {
    address: action.address,
    product: action.product,
    title: action.title,
    symbol: symbolOf(action),
    details: detailLines(action),
  };
}

export function driftReport(plan: Plan): DriftReport {
  const changes = plan.actions.filter((a) => a.action !== 'noop' && a.action !== 'manual').map(entryOf);
  const manual = plan.actions.filter((a) => a.action === 'manual').map(entryOf);
  const orphans = plan.orphans.map(
    (o): DriftEntry => ({
      address: o.address,
      product: o.product,
      title: o.title,
      symbol: '?',
      details: [{ kind: 'note', text: o.hint }],
    }),
  );
  return {
    drifted: changes.length + manual.length + orphans.length > 0,
    target: plan.target,
    checkedAt: plan.createdAt,
    counts: { changes: changes.length, manual: manual.length, orphans: orphans.length },
    changes,
    manual,
    orphans,
    warnings: plan.warnings,
  };
}
