/** Rules on `vocabulary`: aliases are not used where the canonical term belongs; status labels fit their field. */
import type { Finding } from '../diagnostic.js';
import { danglingFinding, lookupField, type ModelIndex, unknownValueFinding } from '../model-index.js';
import { APPS } from '../model-types.js';

interface Alias {
  alias: string;
  canonical: string;
  pattern: RegExp;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Labels, stage names, owner names and report titles should use canonical terms, not their aliases. */
export function vocabularyIsConsistent(index: ModelIndex): Finding[] {
  const aliases: Alias[] = [];
  for (const term of Object.values(index.model.vocabulary?.terms ?? {})) {
    const own = new Set(
      [term.name, term.crm, term.books, term.desk].filter((n) => n !== undefined).map((n) => n.toLowerCase()),
    );
    for (const alias of term.aliases ?? []) {
      if (own.has(alias.toLowerCase())) continue;
      aliases.push({
        alias,
        canonical: term.name,
        pattern: new RegExp(`(^|[^A-Za-z0-9])${escapeRegExp(alias)}($|[^A-Za-z0-9])`, 'i'),
      });
    }
  }
  if (aliases.length === 0) return [];
  const findings: Finding[] = [];
  const check = (text: string | undefined, path: (string | number)[], what: string) => {
    if (text === undefined) return;
    for (const a of aliases) {
      if (a.pattern.test(text)) {
        findings.push({
          code: 'vocabulary-alias',
          severity: 'warning',
          path,
          message: `${what} '${text}' uses '${a.alias}', an alias of '${a.canonical}'`,
          hint: `say '${a.canonical}' (see vocabulary.terms)`,
        });
      }
    }
  };
  index.model.stages.forEach((stage, i) => {
    check(stage.name, ['stages', i, 'name'], 'stage name');
  });
  for (const [id, owner] of Object.entries(index.model.owners)) check(owner.name, ['owners', id, 'name'], 'owner name');
  for (const app of APPS) {
    for (const [module, defs] of Object.entries(index.model.fields?.[app] ?? {})) {
      for (const [i, def] of (defs ?? []).entries()) {
        check(def.label, ['fields', app, module, i, 'label'], 'field label');
        for (const [j, value] of (def.values ?? []).entries()) {
          check(
            typeof value === 'string' ? value : value.display,
            ['fields', app, module, i, 'values', j],
            'picklist value',
          );
        }
      }
    }
  }
  for (const [i, report] of (index.model.reports ?? []).entries())
    check(report.title, ['reports', i, 'title'], 'report title');
  for (const [i, stage] of (index.model.pipeline?.stages ?? []).entries()) {
    check(stage.name, ['pipeline', 'stages', i, 'name'], 'pipeline stage');
  }
  return findings;
}

export function statusLabelsFitTheirField(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const [id, set] of Object.entries(index.model.vocabulary?.statuses ?? {})) {
    const at = ['vocabulary', 'statuses', id];
    const field = lookupField(index, set.field);
    if (!field.ok) {
      findings.push(danglingFinding([...at, 'field'], field));
      continue;
    }
    const values = field.value.values?.map((v) => v.actual);
    if (values === undefined) {
      findings.push({
        code: 'invalid-value',
        severity: 'error',
        path: [...at, 'field'],
        message: `${field.value.ref} has no fixed values to label`,
        hint: 'status sets label picklist fields',
      });
      continue;
    }
    for (const value of Object.keys(set.labels)) {
      if (!values.includes(value)) {
        findings.push(unknownValueFinding([...at, 'labels', value], value, field.value, values, { atKey: true }));
      }
    }
  }
  return findings;
}
