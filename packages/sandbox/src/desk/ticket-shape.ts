/**
 * Ticket objects exactly as Ticket.json describes them: the create/update answer, the richer `GET /tickets/{id}`
 * answer, and the list items (whose optional `contact`, `department`, `assignee`… come with `include`).
 */
import type { SandboxContext } from '../core/types.js';
import { labelled } from './account-shape.js';
import { cfView, customFields } from './custom-values.js';
import { TICKET_STATUSES } from './field-catalog.js';
import { defaultLayout, layoutRef } from './layouts-store.js';
import { deskData, iso, isoOrNull, type TicketRecord, webUrl } from './records.js';

export type TicketInclude = 'contacts' | 'products' | 'departments' | 'team' | 'assignee' | 'isRead';
export const TICKET_INCLUDES: readonly TicketInclude[] = [
  'contacts',
  'products',
  'departments',
  'team',
  'assignee',
  'isRead',
];

/** statusType of a status name; custom statuses count as Open. */
export function statusTypeOf(ctx: SandboxContext, status: string): 'Open' | 'On Hold' | 'Closed' {
  for (const f of deskData(ctx).fields.values()) {
    if (f.module === 'tickets' && f.apiName === 'status' && f.statusTypes !== null) {
      const t = f.statusTypes[status];
      if (t === 'Open' || t === 'On Hold' || t === 'Closed') return t;
    }
  }
  return TICKET_STATUSES[status] ?? 'Open';
}

const SOURCE = { appName: null, extId: null, permalink: null, type: 'SYSTEM', appPhotoURL: null };

function isOverdue(ctx: SandboxContext, t: TicketRecord): boolean {
  return t.dueDate !== null && t.closedTime === null && t.dueDate < ctx.clock.now();
}

/** Where a ticket belongs, its state and how it came in: the same in the full ticket and its list item. */
function routing(ctx: SandboxContext, t: TicketRecord): Record<string, unknown> {
  return {
    departmentId: t.departmentId,
    contactId: t.contactId,
    accountId: t.accountId,
    assigneeId: t.assigneeId,
    productId: null,
    teamId: null,
    status: t.status,
    statusType: statusTypeOf(ctx, t.status),
    priority: t.priority,
    channel: t.channel,
    channelCode: null,
    email: t.email,
    phone: t.phone,
  };
}

/** The due and lifecycle times, the same in the full ticket and its list item. */
function timing(t: TicketRecord): Record<string, unknown> {
  return {
    dueDate: isoOrNull(t.dueDate),
    responseDueDate: null,
    customerResponseTime: iso(t.createdTime),
    onholdTime: null,
    closedTime: isoOrNull(t.closedTime),
    lockedTime: null,
    createdTime: iso(t.createdTime),
  };
}

export function ticketShape(
  ctx: SandboxContext,
  t: TicketRecord,
  fields = customFields(ctx, 'tickets'),
): Record<string, unknown> {
  const layout = defaultLayout(ctx, 'tickets', t.departmentId);
  return {
    id: t.id,
    ticketNumber: t.ticketNumber,
    subject: t.subject,
    description: t.description,
    ...routing(ctx, t),
    category: t.category,
    subCategory: t.subCategory,
    classification: t.classification,
    language: t.language,
    resolution: t.resolution,
    ...timing(t),
    modifiedTime: iso(t.modifiedTime),
    modifiedBy: t.modifiedBy,
    cf: cfView(fields, t.cf),
    customFields: labelled(fields, t.cf),
    isArchived: false,
    isDeleted: false,
    isTrashed: false,
    isSpam: false,
    isEscalated: t.status === 'Escalated',
    isOverDue: isOverdue(ctx, t),
    isResponseOverdue: false,
    source: SOURCE,
    channelRelatedInfo: null,
    slaId: null,
    approvalCount: '0',
    timeEntryCount: '0',
    commentCount: '0',
    taskCount: '0',
    threadCount: '1',
    attachmentCount: '0',
    sharedDepartments: [],
    secondaryContacts: [],
    entitySkills: [],
    layoutId: layout?.id ?? '0',
    layoutDetails: layoutRef(layout) ?? { id: '0', layoutName: 'Standard Layout' },
    webUrl: webUrl(ctx, 'Cases', t.id),
  };
}

/** `GET /tickets/{id}`: the create/update shape plus the properties only that operation lists. */
export function ticketDetailShape(
  ctx: SandboxContext,
  t: TicketRecord,
  include: readonly TicketInclude[],
): Record<string, unknown> {
  return {
    ...ticketShape(ctx, t),
    sentiment: null,
    isFollowing: false,
    createdBy: t.modifiedBy,
    tagCount: '0',
    followerCount: '0',
    ...includes(ctx, t, include),
  };
}

function includes(
  ctx: SandboxContext,
  t: TicketRecord,
  include: readonly TicketInclude[],
  variant: 'tickets' | 'account' | 'contact' = 'tickets',
): Record<string, unknown> {
  const data = deskData(ctx);
  const out: Record<string, unknown> = {};
  if (include.includes('contacts')) {
    const c = data.contacts.get(t.contactId);
    const a = c?.accountId ? data.accounts.get(c.accountId) : undefined;
    out.contact =
      c === undefined
        ? null
        : {
            id: c.id,
            firstName: c.firstName,
            lastName: c.lastName,
            email: c.email,
            phone: c.phone,
            mobile: c.mobile,
            type: c.type,
            // Account.json's ticket list allows exactly eight contact properties: no isSpam there.
            ...(variant === 'account' ? {} : { isSpam: false }),
            account: a === undefined ? null : { id: a.id, accountName: a.accountName, website: a.website },
          };
  }
  if (include.includes('departments')) {
    const d = data.departments.get(t.departmentId);
    out.department = { id: t.departmentId, name: d?.name ?? '' };
  }
  if (include.includes('assignee')) {
    const a = t.assigneeId === null ? undefined : data.agents.get(t.assigneeId);
    out.assignee =
      a === undefined
        ? null
        : { id: a.id, firstName: a.firstName, lastName: a.lastName, email: a.email, photoURL: null };
  }
  if (include.includes('team')) out.team = null;
  if (include.includes('products')) out.product = null;
  if (include.includes('isRead')) out.isRead = false;
  return out;
}

/** A list item of `GET /tickets` and `/accounts/{id}/tickets`; `/contacts/{id}/tickets` omits a few properties. */
export function ticketListShape(
  ctx: SandboxContext,
  t: TicketRecord,
  include: readonly TicketInclude[],
  variant: 'tickets' | 'account' | 'contact' = 'tickets',
): Record<string, unknown> {
  const item: Record<string, unknown> = {
    id: t.id,
    ticketNumber: t.ticketNumber,
    subject: t.subject,
    ...routing(ctx, t),
    language: t.language,
    ...timing(t),
    sentiment: null,
    relationshipType: 'None',
    isArchived: false,
    isSpam: false,
    threadCount: '1',
    commentCount: '0',
    lastThread: null,
    source: SOURCE,
    webUrl: webUrl(ctx, 'Cases', t.id),
    ...includes(ctx, t, variant === 'contact' ? include.filter((i) => i !== 'contacts') : include, variant),
  };
  if (variant !== 'contact') {
    item.category = t.category;
    item.subCategory = t.subCategory;
    item.layoutId = defaultLayout(ctx, 'tickets', t.departmentId)?.id ?? '0';
  }
  return item;
}
