/** The value a mapping gives: a source path, a literal, a template, or an aggregate; then its picklist map. Pure. */
import type { ResolvedMapping, ResolvedValue } from '@zlc/model';
import { matches } from './condition.js';
import { asText, fieldOf, isEmpty, plain, readSource } from './read-source.js';
import { type EvalScope, isRec } from './snapshot.js';

function aggregate(value: Extract<ResolvedValue, { kind: 'aggregate' }>, scope: EvalScope): unknown {
  const all = scope.snapshot.related[`${value.of.app}:${value.of.module}`] ?? [];
  const where = value.where;
  const records = where === undefined ? all : all.filter((r) => matches(where, r));
  if (value.fn === 'count') return records.length;
  if (value.fn === 'any') return records.length > 0;
  const field = value.field;
  if (field === undefined) return undefined;
  const values = records.map((r) => plain(fieldOf(r, field.apiName))).filter((v) => !isEmpty(v));
  if (values.length === 0) return undefined;
  if (value.fn === 'sum') return values.reduce((s: number, v) => s + Number(v), 0);
  const numeric = values.every((v) => typeof v === 'number' || !Number.isNaN(Number(v)));
  const key = (v: unknown) => (numeric ? Number(v) : Date.parse(String(v)));
  const sorted = [...values].sort((a, b) => key(a) - key(b));
  return value.fn === 'max' ? sorted[sorted.length - 1] : sorted[0];
}

export function evaluateValue(value: ResolvedValue, scope: EvalScope): unknown {
  switch (value.kind) {
    case 'source':
      return readSource(value.source, scope);
    case 'literal':
      return value.value;
    case 'template': {
      let i = 0;
      return value.template.replace(/\{([^{}]+)\}/g, () => {
        const placeholder = value.placeholders[i++];
        return placeholder === undefined ? '' : asText(readSource(placeholder, scope));
      });
    }
    case 'aggregate':
      return aggregate(value, scope);
    case 'test': {
      const record = scope.snapshot.named.record;
      return isRec(record) && matches(value.condition, record);
    }
  }
}

/** The mapped value, after the mapping's picklist map (a value outside the map takes its default, or stays). */
export function evaluateMapping(mapping: ResolvedMapping, scope: EvalScope): unknown {
  const value = evaluateValue(mapping.value, scope);
  if (mapping.picklist === undefined || isEmpty(value)) return value;
  return mapping.picklist.values[String(value)] ?? mapping.picklist.default ?? value;
}
