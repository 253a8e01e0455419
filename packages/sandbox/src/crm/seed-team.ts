/**
 * The people of the `default` seed beyond Zoho's own roles and profiles (CEO, Manager; Administrator, Standard):
 * a B2B sales org's custom roles under the Manager and a custom Sales profile, with a user in each, as an admin
 * sets them up in Setup → Users and Control. They are sample data, like the seed's records: the roles and users the
 * repository's example models name as stage owners, so that planning an example on a fresh sandbox resolves them.
 */
import type { SandboxContext } from '../core/types.js';
import type { ProfileDef, RoleDef, UserDoc } from './model.js';
import { profiles, roles, users } from './state.js';

type Named = { id: string; name: string };

export function userDoc(
  id: string,
  [first, last, email]: [string, string, string?],
  role: Named,
  profile: Named,
  time: string,
): UserDoc {
  return {
    id,
    first_name: first,
    last_name: last,
    full_name: `${first} ${last}`,
    email: email ?? `${first.toLowerCase()}.${last.toLowerCase()}@zylker.example`,
    status: 'active',
    confirm: true,
    role,
    profile,
    time_zone: 'Etc/UTC',
    locale: 'en_US',
    country: 'US',
    created_time: time,
    Modified_Time: time,
  };
}

/** Adds the team (roles reporting to `manager`, the Sales profile, one user each); returns the users. */
export function seedTeam(
  ctx: SandboxContext,
  id: () => string,
  manager: Named,
  standard: Named,
  time: string,
  makeRole: (r: Named, reportsTo: Named) => RoleDef,
  makeProfile: (p: Named) => ProfileDef,
): UserDoc[] {
  const sales = { id: id(), name: 'Sales' };
  profiles(ctx).put(sales.id, makeProfile(sales));
  const team: [string, [string, string, string?], Named][] = [
    ['Sales Development Rep', ['Priya', 'Nair'], standard],
    ['Account Executive', ['Tom', 'Becker'], sales],
    ['Customer Success Manager', ['Lena', 'Vogel'], standard],
    ['Finance', ['Frank', 'Okafor', 'finance@northwind.example'], standard],
    ['Partner', ['Sofia', 'Marquez', 'office@studio.example'], standard],
    ['Trade Sales Rep', ['Owen', 'Hart'], sales],
    ['Warehouse Manager', ['Greta', 'Lund', 'warehouse@harbour-supply.example'], standard],
    ['Credit Controller', ['Ravi', 'Menon', 'credit@harbour-supply.example'], standard],
  ];
  return team.map(([roleName, person, profile]) => {
    const role = { id: id(), name: roleName };
    roles(ctx).put(role.id, makeRole(role, manager));
    const user = userDoc(id(), person, role, profile, time);
    users(ctx).put(user.id, user);
    return user;
  });
}
