/**
 * What apply trusts in a saved plan, without a sandbox: the comparison with the plan made again (comparePlans), the
 * HMAC signature, and the data-loss marks withImpacts puts on replaces and on counts that failed.
 */
import {
  checkPlanSignature,
  comparePlans,
  type Plan,
  type PlanAction,
  plan,
  signingKeyProblem,
  signPlan,
  withImpacts,
} from '@zlc/engine';
import { describe, expect, it } from 'vitest';
import { desiredOf, matchingOrg, modelOf, optionsFor, withAttributes } from './support/plan-builders.js';

const model = modelOf();
const desired = desiredOf(model);
const VAT = 'crm_field.Accounts.VAT_Number';

/** A plan with one change: the VAT number field made a textarea (a replace), on an org that otherwise matches. */
function replacePlan(): Plan {
  const org = matchingOrg(desired).map((r) => (r.address === VAT ? withAttributes(r, { dataType: 'textarea' }) : r));
  return plan(desired, org, optionsFor(model));
}

function at(p: Plan, address: string): PlanAction {
  const found = p.actions.find((a) => a.address === address);
  if (!found) throw new Error(`no action at ${address}`);
  return found;
}

describe('comparePlans', () => {
  it('finds no difference between a plan and itself made again, whatever the time or the order of noops', () => {
    const now = replacePlan();
    const saved = { ...now, createdAt: '2020-01-01T00:00:00.000Z', actions: [...now.actions].reverse() };
    expect(comparePlans(saved, now)).toEqual([]);
  });

  it('names a changed attribute with both values, an action left out, one added and one listed twice', () => {
    const now = replacePlan();
    const vat = at(now, VAT);
    if (vat.action !== 'replace') throw new Error('VAT_Number should be replaced');
    const edited: PlanAction = { ...vat, after: { ...vat.after, length: 4000 } };
    const extra: PlanAction = { ...vat, address: 'crm_field.Accounts.Other', action: 'remove', reason: 'x' };
    const saved: Plan = {
      ...now,
      actions: [...now.actions.filter((a) => a.address !== VAT), extra, extra, edited],
    };
    expect(comparePlans(saved, now)).toEqual([
      { address: 'crm_field.Accounts.Other', change: 'extra', saved: 'remove' },
      {
        address: VAT,
        change: 'changed',
        saved: 'replace',
        now: 'replace',
        details: [{ path: 'after/length', before: 4000, after: 30 }],
      },
      { address: 'crm_field.Accounts.Other', change: 'repeated' },
    ]);
    expect(comparePlans({ ...now, actions: now.actions.filter((a) => a.address !== VAT) }, now)).toEqual([
      { address: VAT, change: 'missing', now: 'replace' },
    ]);
  });

  it('counts a hidden data loss as a difference, but not a count that moved since', () => {
    const now = withImpacts(replacePlan(), { [VAT]: { count: 3, message: '3 Accounts lose VAT_Number' } }, model);
    const hidden: Plan = {
      ...now,
      actions: now.actions.map((a) => (a.address === VAT ? { ...a, impact: undefined } : a)),
    };
    expect(comparePlans(hidden, now)).toEqual([
      {
        address: VAT,
        change: 'changed',
        saved: 'replace',
        now: 'replace',
        details: [{ path: 'impact', after: '3 Accounts lose VAT_Number' }],
      },
    ]);
    const older = withImpacts(replacePlan(), { [VAT]: { count: 2, message: '2 Accounts lose VAT_Number' } }, model);
    expect(comparePlans(older, now)).toEqual([]);
  });
});

describe('withImpacts', () => {
  it('marks a replace whose records hold data, and one whose count failed, as needing --allow-data-loss', () => {
    const counted = withImpacts(replacePlan(), { [VAT]: { count: 2, message: '2 lose it' } }, model);
    expect(at(counted, VAT)).toMatchObject({ action: 'replace', requiresAllowDataLoss: true });
    const uncounted = withImpacts(replacePlan(), {}, model, [VAT]);
    expect(at(uncounted, VAT)).toMatchObject({ action: 'replace', requiresAllowDataLoss: true });
    expect(at(uncounted, VAT).impact).toBeUndefined();
    const empty = withImpacts(replacePlan(), { [VAT]: { count: 0, message: 'none' } }, model);
    expect(at(empty, VAT).requiresAllowDataLoss).toBeUndefined();
    const allowed = withImpacts({ ...replacePlan(), allowDataLoss: true }, {}, model, [VAT]);
    expect(at(allowed, VAT).requiresAllowDataLoss).toBeUndefined();
  });
});

describe('plan signatures', () => {
  const key = 'a-signing-key-of-thirty-two-chars!';

  it('holds for the signed plan, and for nothing else: an edit, another key, no signature', () => {
    const signed = signPlan(replacePlan(), key);
    expect(signed.signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(checkPlanSignature(signed, key)).toBe('valid');
    expect(checkPlanSignature(JSON.parse(JSON.stringify(signed)) as Plan, key)).toBe('valid');
    expect(checkPlanSignature({ ...signed, warnings: ['edited'] }, key)).toBe('mismatch');
    expect(checkPlanSignature(signed, `${key}x`)).toBe('mismatch');
    expect(checkPlanSignature({ ...signed, signature: 'hmac-sha256:00' }, key)).toBe('mismatch');
    expect(checkPlanSignature(replacePlan(), key)).toBe('unsigned');
  });

  it('refuses keys shorter than 32 characters', () => {
    expect(signingKeyProblem('short')).toMatch(/^is 5 characters long; use at least 32/);
    expect(signingKeyProblem(key)).toBeUndefined();
  });
});
