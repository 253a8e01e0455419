/** Contact objects exactly as Contact.json describes them: the full record, and the list item. */
import type { SandboxContext } from '../core/types.js';
import { labelled, ownerOf } from './account-shape.js';
import { cfView, customFields } from './custom-values.js';
import { defaultLayout, layoutRef } from './layouts-store.js';
import { type ContactRecord, deskData, iso, webUrl } from './records.js';

const HAPPINESS = { badPercentage: '0', okPercentage: '0', goodPercentage: '0' };

export function contactShape(
  ctx: SandboxContext,
  c: ContactRecord,
  fields = customFields(ctx, 'contacts'),
): Record<string, unknown> {
  const account = c.accountId === null ? undefined : deskData(ctx).accounts.get(c.accountId);
  const layout = defaultLayout(ctx, 'contacts');
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    secondaryEmail: c.secondaryEmail,
    phone: c.phone,
    mobile: c.mobile,
    type: c.type,
    title: c.title,
    description: c.description,
    street: c.street,
    city: c.city,
    state: c.state,
    country: c.country,
    zip: c.zip,
    twitter: c.twitter,
    facebook: c.facebook,
    accountId: account === undefined ? null : account.id,
    account:
      account === undefined ? null : { id: account.id, accountName: account.accountName, website: account.website },
    accountCount: account === undefined ? '0' : '1',
    ownerId: c.ownerId,
    owner: ownerOf(ctx, c.ownerId),
    cf: cfView(fields, c.cf),
    customFields: labelled(fields, c.cf),
    createdTime: iso(c.createdTime),
    modifiedTime: iso(c.modifiedTime),
    isFollowing: false,
    photoURL: null,
    isAnonymous: false,
    isDeleted: false,
    isTrashed: false,
    isEndUser: false,
    isSpam: false,
    webUrl: webUrl(ctx, 'Contacts', c.id),
    zohoCRMContact: null,
    customerHappiness: HAPPINESS,
    layoutId: layout?.id ?? null,
    layoutDetails: layoutRef(layout),
  };
}

export function contactListShape(ctx: SandboxContext, c: ContactRecord): Record<string, unknown> {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    secondaryEmail: c.secondaryEmail,
    phone: c.phone,
    mobile: c.mobile,
    type: c.type,
    accountId: c.accountId,
    accountCount: c.accountId === null ? '0' : '1',
    ownerId: c.ownerId,
    photoURL: null,
    isAnonymous: false,
    isEndUser: false,
    isSpam: false,
    webUrl: webUrl(ctx, 'Contacts', c.id),
    createdTime: iso(c.createdTime),
    zohoCRMContact: null,
    customerHappiness: HAPPINESS,
  };
}

/** The account↔contact link as Desk reports it (`mappingInfo`); the sandbox keeps one primary account per contact. */
export function mappingInfo(contactId: string): {
  mappingId: string;
  mappingType: 'PRIMARY';
  isAccountTicketsViewable: boolean;
} {
  return { mappingId: contactId, mappingType: 'PRIMARY', isAccountTicketsViewable: true };
}
