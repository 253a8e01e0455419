/**
 * Rules on CRM custom fields that come from Zoho CRM's own limits, so that a model `zlc validate` accepts is one
 * CRM accepts too. What needs the org (its edition's cap counted with the fields it already has; unique fields the
 * model does not declare) is checked by `zlc plan`.
 *
 * Sources: fields.yaml (Zoho's v8 fields document: `ApiName` pattern and 50 characters, `field_label` and picklist
 * values at most 25 characters on create, "The 'api_name' is auto-generated from 'field_label' if not provided");
 * Zoho's help on API names (https://www.zoho.com/crm/help/api-names.html: no two consecutive underscores, no
 * underscore at the end); Zoho's field pages (at most 2 unique fields per module); Zoho's help on custom-field
 * limits (500 per module on the largest edition, Ultimate).
 */
import type { Finding } from '../diagnostic.js';
import type { ModelIndex } from '../model-index.js';
import type { FieldDef } from '../model-types.js';

export const CRM_MAX_API_NAME = 50;
export const CRM_MAX_LABEL = 25;
export const CRM_MAX_PICKLIST_VALUE = 25;
export const CRM_UNIQUE_PER_MODULE = 2;
/** The most custom fields any CRM edition allows in one module (Ultimate). */
export const CRM_MOST_CUSTOM_FIELDS = 500;

/** Why `name` is not a CRM API name Zoho accepts, or undefined. */
export function crmApiNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) return 'letters, digits and underscores starting with a letter';
  if (name.length > CRM_MAX_API_NAME) return `at most ${CRM_MAX_API_NAME} characters`;
  if (name.includes('__')) return 'no two underscores in a row';
  if (name.endsWith('_')) return 'no underscore at the end';
  return undefined;
}

/**
 * The API name CRM gives a field created with this label and no `api_name`: runs of characters other than ASCII
 * letters and digits become one underscore, with none at either end (the sandbox derives it the same way; Zoho
 * does not publish its rule). Undefined when that is no valid name.
 */
export function crmApiNameFromLabel(label: string): string | undefined {
  const name = label.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return crmApiNameProblem(name) === undefined ? name : undefined;
}

const labelOf = (def: FieldDef): string => def.label ?? def.api_name.replace(/_/g, ' ');
const valueText = (v: NonNullable<FieldDef['values']>[number]): string => (typeof v === 'string' ? v : v.display);

function nameFindings(def: FieldDef, at: (string | number)[]): Finding[] {
  const problem = crmApiNameProblem(def.api_name);
  if (problem !== undefined)
    return [
      {
        code: 'invalid-api-name',
        severity: 'error',
        path: [...at, 'api_name'],
        message: `CRM API names are ${problem}, got '${def.api_name}'`,
        hint: 'for example: Books_Customer_ID',
      },
    ];
  const derived = crmApiNameFromLabel(labelOf(def));
  if (derived === def.api_name) return [];
  return [
    {
      code: 'naming-convention',
      severity: 'warning',
      path: [...at, 'api_name'],
      message:
        derived === undefined
          ? `CRM cannot derive an API name from the label '${labelOf(def)}'; zlc sends '${def.api_name}'`
          : `CRM would name a field labelled '${labelOf(def)}' '${derived}', not '${def.api_name}'`,
      hint:
        derived === undefined
          ? 'start the label with a letter'
          : `name it ${derived}, or label it so that CRM derives ${def.api_name}`,
    },
  ];
}

function lengthFindings(def: FieldDef, at: (string | number)[]): Finding[] {
  const findings: Finding[] = [];
  if (labelOf(def).length > CRM_MAX_LABEL)
    findings.push({
      code: 'invalid-value',
      severity: 'error',
      path: [...at, def.label === undefined ? 'api_name' : 'label'],
      message: `a CRM field label is at most ${CRM_MAX_LABEL} characters, '${labelOf(def)}' has ${labelOf(def).length}`,
      hint: 'shorten the label; the API name can stay',
    });
  (def.values ?? []).forEach((v, j) => {
    const text = valueText(v);
    if (text.length > CRM_MAX_PICKLIST_VALUE)
      findings.push({
        code: 'invalid-value',
        severity: 'error',
        path: [...at, 'values', j],
        message: `a CRM picklist value is at most ${CRM_MAX_PICKLIST_VALUE} characters, '${text}' has ${text.length}`,
      });
  });
  return findings;
}

/**
 * Per CRM module: API names, label and value lengths, at most 2 unique fields, at most 500 custom fields. Deal stages
 * are left to `zlc plan`: CRM's own default stages include one of 26 characters, so the 25-character limit holds only
 * for the stages zlc creates, which only the org can tell.
 */
export function crmFieldsFitZoho(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const [module, defs] of Object.entries(index.model.fields?.crm ?? {})) {
    const list = defs ?? [];
    let unique = 0;
    list.forEach((def, i) => {
      const at = ['fields', 'crm', module, i];
      findings.push(...nameFindings(def, at), ...lengthFindings(def, at));
      if (def.unique !== true) return;
      unique += 1;
      if (unique > CRM_UNIQUE_PER_MODULE)
        findings.push({
          code: 'invalid-value',
          severity: 'error',
          path: [...at, 'unique'],
          message: `crm:${module} has ${unique} unique fields; Zoho CRM allows ${CRM_UNIQUE_PER_MODULE} per module`,
          hint: 'make this field not unique (unique: false), or another one',
        });
    });
    if (list.length > CRM_MOST_CUSTOM_FIELDS)
      findings.push({
        code: 'invalid-value',
        severity: 'error',
        path: ['fields', 'crm', module],
        atKey: true,
        message: `crm:${module} declares ${list.length} custom fields; no Zoho CRM edition allows more than ${CRM_MOST_CUSTOM_FIELDS} in a module`,
      });
  }
  return findings;
}
