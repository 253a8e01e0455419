/** Reading a resolved model: a small structured summary (counts, one line per stage) and field lookup by reference. */
import { moduleKey, parseFieldRef } from './model-index.js';
import type { App } from './model-types.js';
import type { ResolvedField, ResolvedModel } from './resolved-types.js';

export interface ModelSummary {
  counts: {
    owners: number;
    stages: number;
    customFields: Record<App, number>;
    handoffs: number;
    handoffSteps: number;
    reports: number;
  };
  stages: {
    id: string;
    name: string;
    /** `app:Module`. */
    record: string;
    owner: string;
    requiredFields: string[];
    /** Handoffs this stage triggers. */
    handoffs: string[];
  }[];
  handoffs: { id: string; trigger: string; targets: string[] }[];
  reports: string[];
}

export function summarizeModel(resolved: ResolvedModel): ModelSummary {
  const customFields: Record<App, number> = { crm: 0, books: 0, desk: 0 };
  for (const field of resolved.customFields) customFields[field.app] += 1;
  return {
    counts: {
      owners: resolved.owners.length,
      stages: resolved.stages.length,
      customFields,
      handoffs: resolved.handoffs.length,
      handoffSteps: resolved.handoffs.reduce((n, h) => n + h.steps.length, 0),
      reports: resolved.reports.length,
    },
    stages: resolved.stages.map((stage) => ({
      id: stage.id,
      name: stage.name,
      record: `${stage.app}:${stage.module}`,
      owner: stage.owner.name,
      requiredFields: stage.requiredFields.map((f) => f.ref),
      handoffs: resolved.handoffs
        .filter((h) => h.trigger.on === 'record_enters_stage' && h.trigger.stage === stage.id)
        .map((h) => h.id),
    })),
    handoffs: resolved.handoffs.map((h) => ({
      id: h.id,
      trigger:
        h.trigger.on === 'record_enters_stage'
          ? `${h.trigger.app}:${h.trigger.module} enters ${h.trigger.stage}`
          : h.trigger.on === 'invoice_status'
            ? `books invoice ${h.trigger.statuses.join('/')}`
            : `desk ticket ${h.trigger.events.join('/')}`,
      targets: h.steps.map((s) => `${s.app}:${s.module}`),
    })),
    reports: resolved.reports.map((r) => r.title),
  };
}

/** A field of the resolved model by reference (`crm:Deals.Amount`), standard or custom; undefined when unknown. */
export function findField(resolved: ResolvedModel, ref: string): ResolvedField | undefined {
  const parsed = parseFieldRef(ref);
  if (parsed === undefined) return undefined;
  return resolved.modules.get(moduleKey(parsed.app, parsed.module))?.fields.get(parsed.field);
}
