/** Which sources and fields a handoff reads: every path in its requires, matches, mappings and lists. Pure. */
import type { ResolvedHandoff, ResolvedSource, ResolvedValue } from '@zlc/model';

function valueSources(value: ResolvedValue): ResolvedSource[] {
  if (value.kind === 'source') return [value.source];
  if (value.kind === 'template') return value.placeholders;
  return [];
}

/** Every source path the handoff mentions. */
export function handoffSources(handoff: ResolvedHandoff): ResolvedSource[] {
  const out: ResolvedSource[] = [...handoff.requires];
  for (const step of handoff.steps) {
    if (step.forEach) out.push(step.forEach);
    if (step.match && step.match.by !== 'link_field') out.push(step.match.value);
    for (const m of step.mappings) out.push(...valueSources(m.value));
    if (step.contactPersons) {
      out.push(step.contactPersons.from);
      if (step.contactPersons.primary) out.push(step.contactPersons.primary);
      for (const m of step.contactPersons.mappings) out.push(...valueSources(m.value));
    }
    if (step.lineItems) {
      out.push(step.lineItems.from);
      for (const m of step.lineItems.mappings) out.push(...valueSources(m.value));
    }
  }
  return out;
}

/** The aggregates a handoff computes, by `app:module`. */
export function aggregateModules(handoff: ResolvedHandoff): Set<string> {
  const out = new Set<string>();
  for (const step of handoff.steps)
    for (const m of step.mappings) if (m.value.kind === 'aggregate') out.add(`${m.value.of.app}:${m.value.of.module}`);
  return out;
}

/** The named sources used (`contacts`, `products` …) and, per `app:Module`, the field api names read. */
export function fieldsRead(handoff: ResolvedHandoff): { names: Set<string>; fields: Map<string, Set<string>> } {
  const names = new Set<string>();
  const fields = new Map<string, Set<string>>();
  for (const s of handoffSources(handoff)) {
    names.add(s.source);
    if (s.field === undefined) continue;
    const key = `${s.app}:${s.module}`;
    const set = fields.get(key) ?? new Set<string>();
    set.add(s.field.apiName);
    fields.set(key, set);
  }
  return { names, fields };
}
