/**
 * Users of the org ([B:users] `list_users`, `get_user`): read-only here; the seed provides them. `filter_by` takes
 * Status.All|Active|Inactive|Invited|Deleted (the operation's allowed values); anything else is refused like another
 * unknown parameter value (sandbox choice: the OAS names no error for it).
 */
import type { SandboxContext } from '../core/types.js';
import { doesNotExist, invalidParameter } from './errors.js';
import { route } from './route.js';
import type { BooksState, BooksUser } from './state.js';
import { listPage, ok, paging } from './wire.js';

const STATUS_FILTERS: Record<string, (u: BooksUser) => boolean> = {
  'Status.All': () => true,
  'Status.Active': (u) => u.status === 'active',
  'Status.Inactive': (u) => u.status === 'inactive',
  'Status.Invited': (u) => u.status === 'invited',
  'Status.Deleted': (u) => u.status === 'deleted',
};

export const userRoutes = [
  route('GET', '/users', (req, state) => {
    const filter = req.query.get('filter_by') ?? 'Status.All';
    const keep = STATUS_FILTERS[filter];
    if (keep === undefined) throw invalidParameter('filter_by');
    return listPage('users', [...state.users.values()].filter(keep), paging(req.query), {
      reportName: 'Users',
      appliedFilter: filter,
      sortColumn: 'name',
      sortOrder: 'A',
    });
  }),
  route('GET', '/users/:user_id', (req, state) => {
    const user = state.users.get(req.params.user_id ?? '');
    if (!user) throw doesNotExist('User');
    return ok({ user });
  }),
];

/** The default seed's users: the admin, and the finance people the repository's example models name as owners. */
export function seedUsers(state: BooksState, ctx: SandboxContext): void {
  const people: [string, string, string][] = [
    ['Sandbox Admin', 'admin@zylker.example', 'admin'],
    ['Frank Okafor', 'finance@northwind.example', 'staff'],
    ['Sofia Marquez', 'office@studio.example', 'staff'],
    ['Greta Lund', 'warehouse@harbour-supply.example', 'staff'],
    ['Ravi Menon', 'credit@harbour-supply.example', 'staff'],
  ];
  people.forEach(([name, email, role], i) => {
    const user: BooksUser = {
      user_id: ctx.ids.next('books'),
      role_id: ctx.ids.next('books'),
      name,
      email,
      user_role: role,
      status: 'active',
      is_current_user: i === 0,
      photo_url: '',
      is_customer_segmented: false,
      is_vendor_segmented: false,
      user_type: 'zoho',
    };
    state.users.put(user.user_id, user);
  });
}
