import { describe, expect, it } from 'vitest';
import { fingerprint } from '../src/fingerprint.js';
import { lazyRemote } from '../src/resources/shared/lazy-remote.js';

const base = {
  address: 'crm_field.Deals.Budget',
  type: 'crm_field',
  product: 'crm',
  title: 'Budget',
  remoteId: '1',
} as const;

describe('a remote object read lazily', () => {
  it('normalises its attributes only when they are first read, and once', () => {
    let calls = 0;
    const remote = lazyRemote(base, { id: '1' }, () => {
      calls += 1;
      return { label: 'Budget' };
    });
    expect(calls).toBe(0);
    expect(remote.attributes).toEqual({ label: 'Budget' });
    expect(remote.attributes).toBe(remote.attributes);
    expect(calls).toBe(1);
  });

  it('fingerprints the object as read and depends on nothing', () => {
    const raw = { id: '1', field_label: 'Budget' };
    const remote = lazyRemote(base, raw, () => ({ label: 'Budget' }));
    expect(remote.fingerprint()).toBe(fingerprint(raw));
    expect(remote).toMatchObject({ ...base, dependsOn: [], attributes: { label: 'Budget' } });
  });
});
