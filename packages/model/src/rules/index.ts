/** The semantic rules, by name, in the order they run (after the JSON Schema has passed). */
import type { Finding } from '../diagnostic.js';
import type { ModelIndex } from '../model-index.js';
import { crmFieldsFitZoho } from './crm-fields.js';
import { apiNamesFollowRules, fieldDefinitionsAreComplete } from './fields.js';
import { stageGatesAreEnforceable } from './gates.js';
import { handoffIdsAreUnique, handoffsAreConsistent } from './handoffs.js';
import { movesReferToKnownFields, removalsReferToKnownThings } from './moved-remove.js';
import {
  deskHookUrlsFit,
  ledgerIsConsistent,
  reportOptionsFit,
  reportsAreDistinct,
  runtimeIsReachable,
  runtimeUrlIsSecure,
} from './runtime-reports.js';
import {
  stageIdsAreUnique,
  stageNamesFollowConvention,
  stageOrderMatchesPipeline,
  stageReferencesResolve,
} from './stages.js';
import { statusLabelsFitTheirField, vocabularyIsConsistent } from './vocabulary.js';

export interface Rule {
  name: string;
  check(index: ModelIndex): Finding[];
}

export const RULES: readonly Rule[] = [
  { name: 'stageIdsAreUnique', check: stageIdsAreUnique },
  { name: 'stageReferencesResolve', check: stageReferencesResolve },
  { name: 'stageOrderMatchesPipeline', check: stageOrderMatchesPipeline },
  { name: 'stageNamesFollowConvention', check: stageNamesFollowConvention },
  { name: 'stageGatesAreEnforceable', check: stageGatesAreEnforceable },
  { name: 'fieldDefinitionsAreComplete', check: fieldDefinitionsAreComplete },
  { name: 'apiNamesFollowRules', check: apiNamesFollowRules },
  { name: 'crmFieldsFitZoho', check: crmFieldsFitZoho },
  { name: 'handoffIdsAreUnique', check: handoffIdsAreUnique },
  { name: 'handoffsAreConsistent', check: handoffsAreConsistent },
  { name: 'vocabularyIsConsistent', check: vocabularyIsConsistent },
  { name: 'statusLabelsFitTheirField', check: statusLabelsFitTheirField },
  { name: 'movesReferToKnownFields', check: movesReferToKnownFields },
  { name: 'removalsReferToKnownThings', check: removalsReferToKnownThings },
  { name: 'ledgerIsConsistent', check: ledgerIsConsistent },
  { name: 'runtimeIsReachable', check: runtimeIsReachable },
  { name: 'runtimeUrlIsSecure', check: runtimeUrlIsSecure },
  { name: 'deskHookUrlsFit', check: deskHookUrlsFit },
  { name: 'reportsAreDistinct', check: reportsAreDistinct },
  { name: 'reportOptionsFit', check: reportOptionsFit },
];

/** Runs every rule. */
export function runRules(index: ModelIndex): Finding[] {
  return RULES.flatMap((rule) => rule.check(index));
}
