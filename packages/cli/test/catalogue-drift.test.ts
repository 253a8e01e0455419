/**
 * The model's catalogue of Zoho's standard fields (what references in lifecycle.yaml resolve against) and the
 * sandbox's (what a new org holds) are separate code on purpose: the sandbox shares nothing with the client. This
 * test keeps them telling the same story, so a drift fails here instead of in a user's plan.
 */
import { DEFAULT_DEAL_STAGES, standardModules } from '@zlc/model';
import { standardCatalogue } from '@zlc/sandbox';
import { describe, expect, it } from 'vitest';

const sandbox = new Map(standardCatalogue().map((m) => [`${m.app}:${m.name}`, m]));
const modelModules = standardModules().filter((m) => !m.virtual && (m.app === 'crm' || m.app === 'desk'));

/** The type families both sides agree on (the model names CRM and Desk types as their APIs do). */
function family(type: string): string {
  const t = type.toLowerCase();
  if (['text', 'textarea', 'email', 'phone', 'website', 'url'].includes(t)) return `text:${t}`;
  if (['integer', 'bigint', 'number', 'autonumber'].includes(t)) return 'whole';
  if (['double', 'decimal', 'currency', 'percent'].includes(t)) return `decimal:${t}`;
  if (['lookup', 'ownerlookup', 'userlookup'].includes(t)) return 'lookup';
  return t;
}

describe("the model's and the sandbox's catalogues of standard fields", () => {
  it.each(modelModules.map((m) => [`${m.app}:${m.name}`, m] as const))('agree on %s', (key, module) => {
    const org = sandbox.get(key);
    expect(org, `the sandbox has no standard module ${key}`).toBeDefined();
    const fields = new Map((org?.fields ?? []).map((f) => [f.apiName, f]));
    const drift: string[] = [];
    for (const field of module.fields) {
      const have = fields.get(field.apiName);
      // Read-only record properties (`id`, Desk's `createdTime`) need not be in an app's field list.
      if (have === undefined && field.readOnly === true) continue;
      if (have === undefined) drift.push(`${field.apiName}: not in a new sandbox org`);
      else if (family(have.type) !== family(field.type)) drift.push(`${field.apiName}: ${field.type} ≠ ${have.type}`);
      else if (JSON.stringify(have.values ?? []) !== JSON.stringify(field.values ?? []))
        drift.push(`${field.apiName}: values ${JSON.stringify(field.values)} ≠ ${JSON.stringify(have.values)}`);
    }
    expect(drift).toEqual([]);
  });

  it("agree on the Deal stages of a new org's Stage picklist", () => {
    const stage = sandbox.get('crm:Deals')?.fields.find((f) => f.apiName === 'Stage');
    expect([...(stage?.values ?? [])].filter((v) => v !== '-None-')).toEqual([...DEFAULT_DEAL_STAGES]);
  });
});
