/** Account objects exactly as Account.json describes them: the full record, and the list/search item. */
import type { SandboxContext } from '../core/types.js';
import { cfView, customFields } from './custom-values.js';
import { defaultLayout, layoutRef } from './layouts-store.js';
import { type AccountRecord, type CfValues, deskData, type FieldRecord, iso, webUrl } from './records.js';

export function ownerOf(
  ctx: SandboxContext,
  ownerId: string | null,
): { id: string; firstName: string; lastName: string } | null {
  if (ownerId === null) return null;
  const a = deskData(ctx).agents.get(ownerId);
  return a === undefined ? null : { id: a.id, firstName: a.firstName, lastName: a.lastName };
}

/** The legacy `customFields` map: display label → value. */
export function labelled(fields: readonly FieldRecord[], cf: CfValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f.displayLabel] = cf[f.apiName] ?? null;
  return out;
}

export function accountShape(
  ctx: SandboxContext,
  a: AccountRecord,
  fields = customFields(ctx, 'accounts'),
): Record<string, unknown> {
  const layout = defaultLayout(ctx, 'accounts');
  return {
    id: a.id,
    accountName: a.accountName,
    email: a.email,
    phone: a.phone,
    website: a.website,
    fax: a.fax,
    industry: a.industry,
    description: a.description,
    code: a.code,
    annualrevenue: a.annualrevenue,
    street: a.street,
    city: a.city,
    state: a.state,
    country: a.country,
    ownerId: a.ownerId,
    owner: ownerOf(ctx, a.ownerId),
    cf: cfView(fields, a.cf),
    customFields: labelled(fields, a.cf),
    createdTime: iso(a.createdTime),
    modifiedTime: iso(a.modifiedTime),
    isFollowing: false,
    isDeleted: false,
    isTrashed: false,
    associatedSLAIds: [],
    webUrl: webUrl(ctx, 'Accounts', a.id),
    zohoCRMAccount: null,
    layoutId: layout?.id ?? null,
    layoutDetails: layoutRef(layout),
  };
}

export function accountListShape(ctx: SandboxContext, a: AccountRecord): Record<string, unknown> {
  return {
    id: a.id,
    accountName: a.accountName,
    email: a.email,
    phone: a.phone,
    website: a.website,
    webUrl: webUrl(ctx, 'Accounts', a.id),
    createdTime: iso(a.createdTime),
    zohoCRMAccount: null,
    customerHappiness: { badPercentage: '0', okPercentage: '0', goodPercentage: '0' },
  };
}
