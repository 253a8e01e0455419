/** Contact persons: kept inside their contact; routes per contact-persons.yml. */
import type { SandboxContext } from '../core/types.js';
import { doesNotExist, invalidValue } from './errors.js';
import { route } from './route.js';
import type { BooksState, Contact, ContactPerson } from './state.js';
import {
  bodyObject,
  done,
  formatTime,
  type Json,
  listPage,
  ok,
  onlyKnownKeys,
  optBool,
  optId,
  optObject,
  optString,
  paging,
  reqString,
} from './wire.js';

const PERSON_KEYS = new Set([
  'contact_person_id',
  'salutation',
  'first_name',
  'last_name',
  'email',
  'phone',
  'mobile',
  'designation',
  'department',
  'skype',
  'is_primary_contact',
  'communication_preference',
  'enable_portal',
]);

/** Reads a person from a request; `base` is the stored person an update starts from. */
export function readPerson(obj: Json, contactId: string, id: string, now: string, base?: ContactPerson): ContactPerson {
  onlyKnownKeys(obj, PERSON_KEYS);
  const pref = optObject(obj, 'communication_preference');
  const email = optString(obj, 'email', 100);
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw invalidValue('email');
  const firstName = base ? (optString(obj, 'first_name', 100) ?? base.first_name) : reqString(obj, 'first_name', 100);
  return {
    contact_person_id: id,
    contact_id: contactId,
    salutation: optString(obj, 'salutation', 25) ?? base?.salutation ?? '',
    first_name: firstName,
    last_name: optString(obj, 'last_name', 100) ?? base?.last_name ?? '',
    email: email ?? base?.email ?? '',
    phone: optString(obj, 'phone', 50) ?? base?.phone ?? '',
    mobile: optString(obj, 'mobile', 50) ?? base?.mobile ?? '',
    designation: optString(obj, 'designation', 100) ?? base?.designation ?? '',
    department: optString(obj, 'department', 100) ?? base?.department ?? '',
    skype: optString(obj, 'skype', 100) ?? base?.skype ?? '',
    is_primary_contact: optBool(obj, 'is_primary_contact') ?? base?.is_primary_contact ?? false,
    enable_portal: optBool(obj, 'enable_portal') ?? base?.enable_portal ?? false,
    communication_preference: {
      is_sms_enabled:
        (pref && optBool(pref, 'is_sms_enabled')) ?? base?.communication_preference.is_sms_enabled ?? false,
      is_whatsapp_enabled:
        (pref && optBool(pref, 'is_whatsapp_enabled')) ?? base?.communication_preference.is_whatsapp_enabled ?? false,
    },
    created_time: base?.created_time ?? now,
    last_modified_time: now,
  };
}

/** Exactly one primary person when there are any: the marked one, else the first. */
export function settlePrimary(persons: ContactPerson[], preferId?: string): string {
  if (persons.length === 0) return '';
  const primary =
    persons.find((p) => p.contact_person_id === preferId) ?? persons.find((p) => p.is_primary_contact) ?? persons[0]!;
  for (const p of persons) p.is_primary_contact = p === primary;
  return primary.contact_person_id;
}

function findPerson(state: BooksState, personId: string): { contact: Contact; person: ContactPerson } {
  for (const contact of state.contacts.values()) {
    const person = contact.contact_persons.find((p) => p.contact_person_id === personId);
    if (person) return { contact, person };
  }
  throw doesNotExist('Contact person');
}

function contactOf(state: BooksState, id: string | undefined): Contact {
  const contact = id ? state.contacts.get(id) : undefined;
  if (!contact) throw doesNotExist('Contact');
  return contact;
}

function save(state: BooksState, ctx: SandboxContext, contact: Contact): void {
  contact.primary_contact_id = settlePrimary(contact.contact_persons, contact.primary_contact_id);
  contact.last_modified_time = formatTime(ctx.clock.now());
  state.contacts.put(contact.contact_id, contact);
}

const CREATE_KEYS = new Set([...PERSON_KEYS, 'contact_id']);

export const contactPersonRoutes = [
  route('POST', '/contacts/contactpersons', (req, state, ctx) => {
    const body = bodyObject(req);
    onlyKnownKeys(body, CREATE_KEYS);
    const contact = contactOf(state, optId(body, 'contact_id'));
    const { contact_id: _, ...fields } = body;
    const person = readPerson(fields, contact.contact_id, ctx.ids.next('books'), formatTime(ctx.clock.now()));
    contact.contact_persons.push(person);
    save(state, ctx, contact);
    return done('The contactperson has been Created', { contact_person: [person] }, 201);
  }),
  route('PUT', '/contacts/contactpersons/:contact_person_id', (req, state, ctx) => {
    const body = bodyObject(req);
    onlyKnownKeys(body, CREATE_KEYS);
    const { contact, person } = findPerson(state, req.params.contact_person_id ?? '');
    if (optId(body, 'contact_id') !== contact.contact_id) throw invalidValue('contact_id');
    if (body.first_name === undefined) throw invalidValue('first_name');
    const { contact_id: _, ...fields } = body;
    const updated = readPerson(
      fields,
      contact.contact_id,
      person.contact_person_id,
      formatTime(ctx.clock.now()),
      person,
    );
    contact.contact_persons = contact.contact_persons.map((p) => (p === person ? updated : p));
    save(state, ctx, contact);
    return done('The contactperson details has been updated.', { contact_person: updated });
  }),
  route('DELETE', '/contacts/contactpersons/:contact_person_id', (req, state, ctx) => {
    const { contact, person } = findPerson(state, req.params.contact_person_id ?? '');
    contact.contact_persons = contact.contact_persons.filter((p) => p !== person);
    if (contact.primary_contact_id === person.contact_person_id) contact.primary_contact_id = '';
    save(state, ctx, contact);
    return done('The contact person has been deleted.');
  }),
  route('POST', '/contacts/contactpersons/:contact_person_id/primary', (req, state, ctx) => {
    const { contact, person } = findPerson(state, req.params.contact_person_id ?? '');
    contact.primary_contact_id = person.contact_person_id;
    for (const p of contact.contact_persons) p.is_primary_contact = p === person;
    save(state, ctx, contact);
    return done('This contact person has been marked as your primary contact person.');
  }),
  route('GET', '/contacts/:contact_id/contactpersons', (req, state) => {
    const contact = contactOf(state, req.params.contact_id);
    return listPage('contact_persons', contact.contact_persons, paging(req.query), {
      reportName: 'Contact Persons',
      appliedFilter: 'Status.All',
      sortColumn: 'first_name',
      sortOrder: 'A',
    });
  }),
  route('GET', '/contacts/:contact_id/contactpersons/:contact_person_id', (req, state) => {
    const contact = contactOf(state, req.params.contact_id);
    const person = contact.contact_persons.find((p) => p.contact_person_id === req.params.contact_person_id);
    if (!person) throw doesNotExist('Contact person');
    return ok({ contact_person: person });
  }),
];
