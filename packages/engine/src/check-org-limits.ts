/**
 * What a CRM module may hold, checked against the org before a plan is shown: at most 2 unique fields, at most the
 * edition's custom fields (`CRM_CUSTOM_FIELDS_PER_MODULE`), and new Deal stages within the 25 characters a new
 * picklist value may have (fields.yaml `pick_list_values` `display_value` maxLength; CRM's own default stages
 * include a longer one, so only stages the org lacks are held to it). `zlc validate` checks what the model alone
 * can break; only the org knows the fields the model does not declare. Pure: the org as read, the model as desired.
 */
import type { ResolvedModel } from '@zlc/model';
import {
  CRM_CUSTOM_FIELDS_PER_MODULE,
  CRM_PICKLIST_VALUE_MAX_LENGTH,
  CRM_UNIQUE_FIELDS_PER_MODULE,
  type CrmEdition,
} from '@zlc/zoho';
import type { RemoteResource, Resource } from './plan-types.js';
import { crmFieldAddress } from './resources/crm-field/definition.js';

/** A plan refused because applying it would break a limit of the org; `problems` says each, in the user's terms. */
export class OrgLimitError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'OrgLimitError';
    this.problems = problems;
  }
}

interface ModuleCount {
  custom: Set<string>;
  unique: Set<string>;
  adds: number;
}

const apiNameOf = (address: string, module: string): string => address.slice(`crm_field.${module}.`.length);

/** Per module, the custom fields (and unique ones) the org would hold after the plan. */
function afterPlan(desired: readonly Resource[], remote: readonly RemoteResource[], model: ResolvedModel) {
  const gone = new Set<string>([
    ...model.moved.filter((m) => m.from.app === 'crm').map((m) => crmFieldAddress(m.from.module, m.from.apiName)),
    ...model.remove.flatMap((r) =>
      r.kind === 'field' && r.app === 'crm' ? [crmFieldAddress(r.module, r.apiName)] : [],
    ),
  ]);
  const modules = new Map<string, ModuleCount>();
  const entry = (module: string): ModuleCount => {
    const found = modules.get(module) ?? { custom: new Set(), unique: new Set(), adds: 0 };
    modules.set(module, found);
    return found;
  };
  const wanted = new Map(desired.filter((d) => d.type === 'crm_field').map((d) => [d.address, d]));
  for (const r of remote) {
    if (r.type !== 'crm_field' || gone.has(r.address)) continue;
    const module = String(r.attributes.module);
    const m = entry(module);
    m.custom.add(r.address);
    const unique = wanted.get(r.address)?.attributes.unique ?? r.attributes.unique;
    if (unique === true) m.unique.add(apiNameOf(r.address, module));
  }
  for (const [address, d] of wanted) {
    const module = String(d.attributes.module);
    const m = entry(module);
    if (!m.custom.has(address)) m.adds += 1;
    m.custom.add(address);
    if (d.attributes.unique === true) m.unique.add(apiNameOf(address, module));
  }
  return modules;
}

const stageNames = (resources: readonly (Resource | RemoteResource)[]): string[] => {
  const stages = resources.find((r) => r.type === 'crm_stage_picklist')?.attributes.values;
  return Array.isArray(stages)
    ? stages.flatMap((v) => (typeof v === 'object' && v !== null && 'value' in v ? [String(v.value)] : []))
    : [];
};

/** Deal stages the org lacks, which apply would create as Stage picklist values, that are too long for one. */
function newStageProblems(desired: readonly Resource[], remote: readonly RemoteResource[]): string[] {
  const have = new Set(stageNames(remote));
  return stageNames(desired)
    .filter((name) => !have.has(name) && name.length > CRM_PICKLIST_VALUE_MAX_LENGTH)
    .map(
      (name) =>
        `the new Deal stage '${name}' has ${name.length} characters; Zoho CRM creates Stage values of at most ${CRM_PICKLIST_VALUE_MAX_LENGTH}. Shorten it in the model (pipeline.stages).`,
    );
}

export function orgLimitProblems(
  desired: readonly Resource[],
  remote: readonly RemoteResource[],
  model: ResolvedModel,
  edition: CrmEdition,
): string[] {
  const cap = CRM_CUSTOM_FIELDS_PER_MODULE[edition];
  const problems = newStageProblems(desired, remote);
  for (const [module, m] of afterPlan(desired, remote, model)) {
    if (m.unique.size > CRM_UNIQUE_FIELDS_PER_MODULE) {
      const names = [...m.unique].sort().join(', ');
      problems.push(
        `crm:${module} would have ${m.unique.size} unique fields (${names}); Zoho CRM allows ${CRM_UNIQUE_FIELDS_PER_MODULE} per module. Make the others not unique (unique: false) in the model, or in CRM's settings for fields the model does not declare.`,
      );
    }
    if (m.custom.size > cap && m.adds > 0) {
      problems.push(
        `crm:${module} would have ${m.custom.size} custom fields (${m.custom.size - m.adds} in the org, ${m.adds} new); the Zoho CRM ${edition} edition allows ${cap} per module. Declare fewer fields, remove unused ones (remove:), or set ZOHO_CRM_EDITION to the org's edition if it is higher.`,
      );
    }
  }
  return problems;
}
