/**
 * Source paths inside a handoff: `deal.Amount`, `account.Billing_City`, `deal.Account_Name.Website`
 * (following a lookup), `contacts` (a list), `item.Email` (inside for_each / contact_persons / line_items),
 * `steps.customer.id` (a record an earlier step created). Which names exist depends on the trigger.
 */
import { standardModule } from './catalogue.js';
import { didYouMean } from './did-you-mean.js';
import { type Lookup, type ModelIndex, moduleKey } from './model-index.js';
import type { App, Handoff } from './model-types.js';
import type { ResolvedField, ResolvedSource } from './resolved-types.js';

interface NamedSource {
  app: App;
  module: string;
  list: boolean;
}

/** The sources visible at one point of a handoff. */
export interface SourceScope {
  named: Map<string, NamedSource>;
  /** Earlier steps by id: their target module. */
  steps: Map<string, NamedSource>;
}

/** The sources a trigger provides, or undefined when the trigger itself does not resolve. */
export function triggerScope(index: ModelIndex, handoff: Handoff): SourceScope | undefined {
  const named = new Map<string, NamedSource>();
  const add = (name: string, app: App, module: string, list = false) => {
    if (!named.has(name)) named.set(name, { app, module, list });
  };
  if (handoff.trigger.on === 'ticket_event') {
    add('record', 'desk', 'tickets');
    add('ticket', 'desk', 'tickets');
    add('account', 'desk', 'accounts');
    add('contact', 'desk', 'contacts');
    return { named, steps: new Map() };
  }
  if (handoff.trigger.on === 'invoice_status') {
    add('record', 'books', 'invoices');
    add('invoice', 'books', 'invoices');
    add('customer', 'books', 'contacts');
    return { named, steps: new Map() };
  }
  const stage = index.stages.get(handoff.trigger.stage ?? '')?.stage;
  const match = stage === undefined ? null : /^([a-z]+):(.+)$/.exec(stage.record);
  if (!match) return undefined;
  const app = match[1] as App;
  const module = match[2] ?? '';
  if (!index.modules.has(moduleKey(app, module))) return undefined;
  add('record', app, module);
  add(standardModule(app, module)?.singular ?? module.toLowerCase(), app, module);
  if (app === 'crm') {
    // Records the trigger record points at through its standard lookups.
    if (module === 'Deals' || module === 'Contacts') add('account', 'crm', 'Accounts');
    if (module === 'Deals') {
      add('contact', 'crm', 'Contacts');
      add('contacts', 'crm', 'Contacts', true);
      add('products', 'crm', 'Deal_Products', true);
    }
    if (module === 'Accounts') {
      add('contacts', 'crm', 'Contacts', true);
      add('deals', 'crm', 'Deals', true);
    }
    add('owner', 'crm', 'users');
  }
  return { named, steps: new Map() };
}

/** The scope inside a list iteration: `item` is one record of the list. */
export function withItem(scope: SourceScope, list: ResolvedSource): SourceScope {
  const named = new Map(scope.named);
  named.set('item', { app: list.app, module: list.module, list: false });
  return { named, steps: scope.steps };
}

/**
 * Resolves a source path in a scope. With `listFields` (templates), `products.Product_Code` names that
 * field of every record of the list (rendered joined); elsewhere a list's fields are reached through `item`.
 */
export function resolveSource(
  index: ModelIndex,
  scope: SourceScope,
  path: string,
  options: { listFields?: boolean } = {},
): Lookup<ResolvedSource> {
  const head = startOf(scope, path.split('.'));
  if (!('start' in head)) return head;
  const { source, start, rest } = head;
  let app = start.app;
  let module = start.module;
  if (rest.length === 0) return { ok: true, value: { path, source, app, module, list: start.list, kind: 'record' } };
  if (start.list && !options.listFields) {
    return {
      ok: false,
      message: `'${source}' is a list; its fields are reached one record at a time`,
      hint: 'use for_each (or contact_persons / line_items) and item.<field>',
    };
  }
  let i = 0;
  while (i < rest.length) {
    const current = index.modules.get(moduleKey(app, module));
    if (current === undefined) return { ok: false, message: `unknown module ${app}:${module}` };
    // Books writes nested attributes with dots (billing_address.city): take the longest api name that exists.
    let field: ResolvedField | undefined;
    let used = 0;
    for (let j = rest.length; j > i; j--) {
      const candidate = current.fields.get(rest.slice(i, j).join('.'));
      if (candidate !== undefined) {
        field = candidate;
        used = j - i;
        break;
      }
    }
    if (field === undefined) {
      const name = rest[i] ?? '';
      return {
        ok: false,
        message: `unknown field '${name}' in ${app}:${module} (reached by '${source}')`,
        hint: didYouMean(name, current.fields.keys()) ?? `declare it under fields.${app}.${module}`,
      };
    }
    i += used;
    if (i === rest.length) {
      return { ok: true, value: { path, source, app, module, field, list: start.list, kind: field.kind } };
    }
    if (field.lookup === undefined) {
      return {
        ok: false,
        message: `'${field.apiName}' in ${app}:${module} is not a lookup; nothing to follow after it`,
        hint: `end the path at ${rest.slice(0, i).join('.')}`,
      };
    }
    app = field.lookup.app;
    module = field.lookup.module;
  }
  return { ok: false, message: `'${path}' does not name a field` };
}

/** Where a path starts (an earlier step or a named source) and the segments after it. */
function startOf(
  scope: SourceScope,
  segments: string[],
): { source: string; start: NamedSource; rest: string[] } | Lookup<ResolvedSource> {
  if (segments[0] === 'steps') {
    const source = `steps.${segments[1] ?? ''}`;
    const start = scope.steps.get(segments[1] ?? '');
    if (start !== undefined) return { source, start, rest: segments.slice(2) };
    const known = [...scope.steps.keys()];
    return {
      ok: false,
      message: `'${source}' is not an earlier step`,
      hint:
        didYouMean(segments[1] ?? '', known) ??
        (known.length > 0 ? `earlier steps: ${known.join(', ')}` : 'no step runs before this one'),
    };
  }
  const source = segments[0] ?? '';
  const start = scope.named.get(source);
  if (start !== undefined) return { source, start, rest: segments.slice(1) };
  const known = [...scope.named.keys(), ...(scope.steps.size > 0 ? ['steps'] : [])];
  return {
    ok: false,
    message: `unknown source '${source}'`,
    hint: didYouMean(source, known) ?? `available here: ${known.join(', ')}`,
  };
}
