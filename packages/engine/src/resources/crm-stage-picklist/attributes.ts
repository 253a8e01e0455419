/** `crm_stage_picklist` attributes and their codec. */
import type { Attributes } from '../../plan-types.js';
import { type AttributeCodec, toAttributes } from '../attributes.js';

export interface StageValue {
  value: string;
  probability: number;
  forecastCategory: 'Pipeline' | 'Closed' | 'Omitted';
}

/**
 * The Deal stages, in the order of the pipeline. `apply` writes the Stage values (with probability and forecast)
 * and then the pipeline that maps them (`executor.ts`); a stage is taken out only when the plan shows it removed
 * (its Deals counted as the data impact).
 */
export type CrmStagePicklistAttributes = {
  module: 'Deals';
  apiName: 'Stage';
  values: StageValue[];
};

export const crmStagePicklistCodec: AttributeCodec<CrmStagePicklistAttributes> = {
  encode: toAttributes,
  decode(a: Attributes): CrmStagePicklistAttributes {
    if (!Array.isArray(a.values)) throw new Error('internal: crm_stage_picklist attribute "values" is missing');
    const values = a.values.flatMap((v): StageValue[] => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return [];
      const { value, probability, forecastCategory } = v;
      if (typeof value !== 'string' || typeof probability !== 'number') return [];
      const category = forecastCategory === 'Closed' || forecastCategory === 'Omitted' ? forecastCategory : 'Pipeline';
      return [{ value, probability, forecastCategory: category }];
    });
    return { module: 'Deals', apiName: 'Stage', values };
  },
};
