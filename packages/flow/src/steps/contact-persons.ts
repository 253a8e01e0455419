/** Books contact persons from the account's contacts, the deal's contact marked primary; kept ids on updates. */
import type { ResolvedStep } from '@zlc/model';
import { buildPayload } from '../evaluate/build-payload.js';
import { readSource } from '../evaluate/read-source.js';
import { type EvalScope, isRec, type Rec } from '../evaluate/snapshot.js';

type ContactPersons = NonNullable<ResolvedStep['contactPersons']>;

export function buildContactPersons(spec: ContactPersons, scope: EvalScope, existing: unknown = undefined): Rec[] {
  const list = readSource(spec.from, scope);
  const contacts = Array.isArray(list) ? list.filter(isRec) : [];
  const primary = spec.primary === undefined ? undefined : readSource(spec.primary, scope);
  const primaryId = isRec(primary) ? primary.id : undefined;
  const kept = Array.isArray(existing) ? existing.filter(isRec) : [];
  const persons = contacts.map((contact) => {
    const person = buildPayload('books', spec.mappings, { ...scope, item: contact });
    if (person.first_name === undefined) person.first_name = person.last_name ?? 'Contact';
    const same = kept.find((k) => typeof k.email === 'string' && k.email !== '' && k.email === person.email);
    if (same !== undefined && typeof same.contact_person_id === 'string')
      person.contact_person_id = same.contact_person_id;
    person.is_primary_contact = false;
    if (primaryId !== undefined && contact.id === primaryId) person.is_primary_contact = true;
    return person;
  });
  const first = persons[0];
  if (first !== undefined && !persons.some((p) => p.is_primary_contact === true)) first.is_primary_contact = true;
  return persons;
}
