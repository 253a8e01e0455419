import { describe, expect, it } from 'vitest';
import { BASELINE, type ConformanceReport, judgeConformance, SPEC_DEFECTS } from '../src/index.js';

/**
 * The baseline of open fidelity work may only shrink: lower this number whenever entries are removed, never raise
 * it. A new conformance error is fixed, or excused in `excuses.ts` with its source.
 */
const BASELINE_CEILING = 0;

function report(violations: ConformanceReport['violations']): ConformanceReport {
  return { totals: {}, violations, undocumented: [] };
}

describe('judging a conformance report', () => {
  it('fails an error that is neither a sourced spec defect nor in the baseline', () => {
    const verdict = judgeConformance(
      report([
        {
          product: 'crm',
          operationId: 'createFields',
          method: 'POST',
          direction: 'request',
          status: 201,
          kind: 'schema',
          errors: [{ instancePath: '/body/fields/3/unique', message: 'must be boolean' }],
        },
      ]),
      'a-suite-with-no-baseline',
    );
    expect(verdict.unexplained).toEqual([
      'request crm:createFields POST 201 schema /body/fields/*/unique must be boolean',
    ]);
  });

  it('excuses a sourced spec defect only for the errors it names', () => {
    const verdict = judgeConformance(
      report([
        {
          product: 'books',
          operationId: 'get_contact',
          method: 'GET',
          direction: 'response',
          status: 404,
          kind: 'undocumented_status',
        },
        {
          product: 'books',
          operationId: 'get_contact',
          method: 'GET',
          direction: 'response',
          status: 418,
          kind: 'undocumented_status',
        },
      ]),
      'a-suite-with-no-baseline',
    );
    expect(verdict.excused).toEqual({ 'books-error-statuses': 1 });
    expect(verdict.unexplained).toEqual(['response books:get_contact GET 418 undocumented_status /']);
  });

  it('excuses Desk search calls the proxy takes for get-by-id, but not the same error on a record path', () => {
    const asGetAccount = (path: string) => ({
      product: 'desk',
      operationId: 'getAccount',
      method: 'GET',
      path,
      direction: 'request',
      status: 200,
      kind: 'schema',
      errors: [{ instancePath: '/path/accountId', message: 'must match pattern "([0-9]+)"' }],
    });
    const verdict = judgeConformance(
      report([asGetAccount('/api/v1/accounts/search?customField1=cf_x:1'), asGetAccount('/api/v1/accounts/abc')]),
      'a-suite-with-no-baseline',
    );
    expect(verdict.excused).toEqual({ 'desk-search-json-not-copied': 1 });
    expect(verdict.unexplained).toEqual([
      'request desk:getAccount GET 200 schema /path/accountId must match pattern "([0-9]+)"',
    ]);
  });

  it('passes an error listed as open work for its suite, and reports an entry the suite no longer produces', () => {
    const error = "response crm:getFields GET 200 schema /fields/* must have required property 'range'";
    const baseline = [{ suites: ['s'], error, work: 'issue 14: fields' }];
    const violation = {
      product: 'crm',
      operationId: 'getFields',
      method: 'GET',
      direction: 'response',
      status: 200,
      kind: 'schema',
      errors: [{ instancePath: '/fields/12', message: "must have required property 'range'" }],
    };
    expect(judgeConformance(report([violation]), 's', { baseline })).toMatchObject({ unexplained: [], stale: [] });
    expect(judgeConformance(report([violation]), 'other', { baseline }).unexplained).toEqual([error]);
    expect(judgeConformance(report([]), 's', { baseline }).stale).toEqual([error]);
  });
});

describe('the excuses and the baseline', () => {
  it('name a defect and a source for every excuse', () => {
    for (const d of SPEC_DEFECTS) {
      expect(d.defect.length, d.id).toBeGreaterThan(20);
      expect(d.source.length, d.id).toBeGreaterThan(10);
    }
  });

  it('keep the baseline of open fidelity work at or below its ceiling, each entry with its work', () => {
    expect(BASELINE.length).toBeLessThanOrEqual(BASELINE_CEILING);
    for (const b of BASELINE) {
      expect(b.suites.length).toBeGreaterThan(0);
      expect(b.work).toMatch(/^issue \d+: /);
    }
    expect(new Set(BASELINE.map((b) => b.error)).size).toBe(BASELINE.length);
  });
});
