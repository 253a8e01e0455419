/** Rules on `fields`: api names follow Zoho's rules and the team's conventions, and each type is complete. */
import type { Finding } from '../diagnostic.js';
import { danglingFinding, lookupModule, type ModelIndex, unknownStageFinding } from '../model-index.js';
import { APPS, type App } from '../model-types.js';
import { crmApiNameProblem } from './crm-fields.js';

const DEFAULT_PATTERNS: Record<App, string> = {
  crm: '^[A-Z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$',
  books: '^cf_[a-z0-9_]+$',
  desk: '^cf_[a-z0-9_]+$',
};

export function defaultFieldPattern(app: App): string {
  return DEFAULT_PATTERNS[app];
}

function eachField(index: ModelIndex, visit: (app: App, module: string, i: number) => void): void {
  for (const app of APPS) {
    for (const [module, defs] of Object.entries(index.model.fields?.[app] ?? {})) {
      for (let i = 0; i < (defs ?? []).length; i++) visit(app, module, i);
    }
  }
}

export function fieldDefinitionsAreComplete(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  eachField(index, (app, module, i) => {
    const def = index.model.fields?.[app]?.[module]?.[i];
    const field = def === undefined ? undefined : index.modules.get(`${app}:${module}`)?.fields.get(def.api_name);
    if (def === undefined || field === undefined || !field.custom || field.ref !== `${app}:${module}.${def.api_name}`)
      return;
    const at = ['fields', app, module, i];
    const isPicklist = field.kind === 'picklist' || field.kind === 'multipicklist';
    if (isPicklist && def.values === undefined) {
      findings.push({
        code: 'missing-key',
        severity: 'error',
        path: at,
        message: `picklist field '${def.api_name}' needs its values`,
        hint: 'add values: [First, Second]',
      });
    }
    if (!isPicklist && def.values !== undefined) {
      findings.push({
        code: 'invalid-value',
        severity: 'error',
        path: [...at, 'values'],
        atKey: true,
        message: `'${def.api_name}' is ${def.type}, which has no picklist values`,
        hint: 'remove values:, or make the field a picklist',
      });
    }
    if (field.kind === 'lookup' && def.lookup === undefined) {
      findings.push({
        code: 'missing-key',
        severity: 'error',
        path: at,
        message: `lookup field '${def.api_name}' needs the module it points at`,
        hint: 'add lookup: crm:Accounts',
      });
    }
    if (def.lookup !== undefined) {
      const target = lookupModule(index, def.lookup);
      if (!target.ok) findings.push(danglingFinding([...at, 'lookup'], target));
      else if (target.value.app !== app)
        findings.push({
          code: 'invalid-value',
          severity: 'error',
          path: [...at, 'lookup'],
          message: `a ${app} lookup cannot point into ${target.value.app}`,
          hint: "store the other app's id in a text field instead",
        });
    }
    if (def.decimals !== undefined && !['decimal', 'currency', 'percent'].includes(field.kind)) {
      findings.push({
        code: 'invalid-value',
        severity: 'warning',
        path: [...at, 'decimals'],
        atKey: true,
        message: `decimals has no effect on a ${def.type} field`,
      });
    }
    (def.required_in ?? []).forEach((stage, j) => {
      if (!index.stages.has(stage)) {
        findings.push(unknownStageFinding([...at, 'required_in', j], stage, index));
      }
    });
  });
  return findings;
}

export function apiNamesFollowRules(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  const naming = index.model.vocabulary?.naming;
  const patterns: Record<App, string> = {
    crm: naming?.crm_field_pattern ?? DEFAULT_PATTERNS.crm,
    books: naming?.books_field_pattern ?? DEFAULT_PATTERNS.books,
    desk: naming?.desk_field_pattern ?? DEFAULT_PATTERNS.desk,
  };
  const compiled: Partial<Record<App, RegExp>> = {};
  for (const app of APPS) {
    try {
      compiled[app] = new RegExp(patterns[app]);
    } catch {
      findings.push({
        code: 'invalid-format',
        severity: 'error',
        path: ['vocabulary', 'naming', `${app}_field_pattern`],
        message: `'${patterns[app]}' is not a valid regular expression`,
      });
    }
  }
  eachField(index, (app, module, i) => {
    const def = index.model.fields?.[app]?.[module]?.[i];
    if (def === undefined) return;
    const at = ['fields', app, module, i, 'api_name'];
    if ((app === 'books' || app === 'desk') && !/^cf_[a-z0-9_]+$/.test(def.api_name)) {
      findings.push({
        code: 'invalid-api-name',
        severity: 'error',
        path: at,
        message: `${app} custom field api names are cf_ followed by lower-case words, got '${def.api_name}'`,
        hint: `for example: cf_${def.api_name
          .replace(/^cf_/i, '')
          .replace(/([a-z])([A-Z])/g, '$1_$2')
          .toLowerCase()}`,
      });
      return;
    }
    // A CRM name Zoho refuses is reported by `crmFieldsFitZoho`; a convention says nothing more about it.
    if (app === 'crm' && crmApiNameProblem(def.api_name) !== undefined) return;
    const pattern = compiled[app];
    if (pattern !== undefined && !pattern.test(def.api_name)) {
      findings.push({
        code: 'naming-convention',
        severity: 'warning',
        path: at,
        message: `'${def.api_name}' does not follow the ${app} naming convention`,
        hint: `api names should match ${patterns[app]}`,
      });
    }
  });
  return findings;
}
