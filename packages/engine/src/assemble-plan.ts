/**
 * `plan(desired, remote, options)`: the pure planner. Matches desired and remote resources by address, applies
 * `moved:` (a rename of the old object: a manual step, since CRM and Desk change API names only in their own
 * settings) and `remove:` (explicit removals), reports everything else
 * the org has and the model does not as orphaned, orders the actions in dependency waves across products, and
 * adds the business summary. Touches neither the network nor the file system.
 */
import type { ResolvedModel } from '@zlc/model';
import { diffAttributes } from './diff.js';
import { ENGINE_VERSION } from './engine-version.js';
import {
  type Address,
  type DataImpact,
  type ManualAction,
  type Orphan,
  PLAN_FORMAT_VERSION,
  type Plan,
  type PlanAction,
  type PlanCounts,
  type RemoteResource,
  type RemoveAction,
  type Resource,
  type ResourceType,
  type UpdateAction,
} from './plan-types.js';
import { RESOURCE_DEFS, resourceDef } from './resources/index.js';
import { businessSummary } from './summarize-plan.js';

export interface PlanOptions {
  model: ResolvedModel;
  /** `targetIdentity(config)` of the org read. */
  target: string;
  configHash: string;
  /** ISO time; default now. */
  createdAt?: string;
  /** Lets removals of objects that hold data go ahead (`--allow-data-loss`). Default false. */
  allowDataLoss?: boolean;
  /** Data impact per address, counted from the org (see `impactQueries`). */
  impacts?: Readonly<Record<Address, DataImpact>>;
  /** Warnings from reading (e.g. no runtime URL, secret unset). */
  warnings?: readonly string[];
}

const TYPE_ORDER = new Map<ResourceType, number>(RESOURCE_DEFS.map((d, i) => [d.type, i]));

function addressFor(type: ResourceType, ...parts: string[]): Address {
  return [type, ...parts].join('.');
}

function fieldType(app: string): ResourceType | undefined {
  return app === 'crm' ? 'crm_field' : app === 'desk' ? 'desk_field' : undefined;
}

function base(r: Pick<Resource, 'address' | 'type' | 'product' | 'title'>) {
  return { address: r.address, type: r.type, product: r.product, title: r.title, dependsOn: [] as Address[] };
}

const SETTINGS: Record<string, string> = {
  crm: 'Zoho CRM: Setup › Customization › Modules and Fields',
  desk: 'Zoho Desk: Setup › Customization › Layouts and Fields',
};

/**
 * A `moved:` rename. Zoho CRM's field API cannot change an API name (its Update Custom Fields page: only the UI
 * can) and Desk names fields after their label, so the plan gives the admin the steps; the next plan finds
 * the field under its new name, with its data, and plans whatever else differs (label, values) as an update.
 */
function renameAction(want: Resource, have: RemoteResource, movedFrom: Address): ManualAction {
  const from = String(have.attributes.apiName ?? movedFrom);
  const to = String(want.attributes.apiName ?? want.address);
  const module = String(want.attributes.module ?? '');
  const label = String(have.attributes.label ?? from);
  return {
    ...base(want),
    action: 'manual',
    after: want.attributes,
    movedFrom,
    steps: [
      `In ${SETTINGS[want.product] ?? want.product} › ${module}, open the field "${label}" (API name ${from}) and change its API name to ${to}. Its data stays with it.`,
      'Run zlc plan again: it finds the field under its new name and plans any other change to it.',
    ],
  };
}

/** Compares one desired resource with what the org has. */
function compare(want: Resource, have: RemoteResource | undefined, movedFrom?: Address): PlanAction {
  const def = resourceDef(want.type);
  if (have !== undefined && movedFrom !== undefined) return renameAction(want, have, movedFrom);
  if (have === undefined) {
    if (def.manual)
      return { ...base(want), action: 'manual', after: want.attributes, steps: def.manual(want.attributes) };
    return { ...base(want), action: 'create', after: want.attributes };
  }
  const changes = diffAttributes(have.attributes, want.attributes);
  if (changes.length === 0) return { ...base(want), action: 'noop', remoteId: have.remoteId };
  if (def.manual)
    return { ...base(want), action: 'manual', after: want.attributes, steps: def.manual(want.attributes) };
  const fixed = changes.filter((c) => def.immutable.includes(c.path.split('/')[0] ?? ''));
  const before = have.attributes;
  if (fixed.length > 0)
    return {
      ...base(want),
      action: 'replace',
      remoteId: have.remoteId,
      before,
      after: want.attributes,
      changes,
      reason: `${fixed.map((c) => c.path.split('/')[0]).join(', ')} cannot change in place`,
    };
  return { ...base(want), action: 'update', remoteId: have.remoteId, before, after: want.attributes, changes };
}

/**
 * What depends on a rename still to be done by hand (a layout flag on the renamed field) waits for it: as a manual
 * step naming the rename, since its API call would name a field that does not exist yet.
 */
function waitForRenames(actions: PlanAction[], dependsOn: (address: Address) => readonly Address[]): PlanAction[] {
  const renames = new Map(
    actions.flatMap((a) => (a.action === 'manual' && a.movedFrom !== undefined ? [[a.address, a.movedFrom]] : [])),
  );
  if (renames.size === 0) return actions;
  return actions.map((a): PlanAction => {
    if (a.action !== 'create' && a.action !== 'update' && a.action !== 'replace') return a;
    const rename = dependsOn(a.address).find((d) => renames.has(d));
    if (rename === undefined) return a;
    return {
      ...base(a),
      action: 'manual',
      after: a.after,
      steps: [
        `Waits for the rename of ${renames.get(rename)} to ${rename} (above); the plan after it makes this change.`,
      ],
    };
  });
}

/** Wave numbers from the dependency graph of the changing actions (dependencies on unchanged objects drop out). */
function waves(actions: PlanAction[], deps: Map<Address, Address[]>): Address[][] {
  const changing = new Map(actions.filter((a) => a.action !== 'noop').map((a) => [a.address, a]));
  const level = new Map<Address, number>();
  const visiting = new Set<Address>();
  const levelOf = (address: Address): number => {
    const known = level.get(address);
    if (known !== undefined) return known;
    if (visiting.has(address)) throw new Error(`internal: dependency cycle through ${address}`);
    visiting.add(address);
    let l = 0;
    for (const dep of deps.get(address) ?? []) if (changing.has(dep)) l = Math.max(l, levelOf(dep) + 1);
    visiting.delete(address);
    level.set(address, l);
    return l;
  };
  const out: Address[][] = [];
  for (const address of changing.keys()) {
    const l = levelOf(address);
    while (out.length <= l) out.push([]);
    out[l]?.push(address);
  }
  return out;
}

function byTypeThenAddress(a: { type: ResourceType; address: Address }, b: { type: ResourceType; address: Address }) {
  const t = (TYPE_ORDER.get(a.type) ?? 0) - (TYPE_ORDER.get(b.type) ?? 0);
  return t !== 0 ? t : a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
}

export function counts(actions: readonly PlanAction[]): PlanCounts {
  const c: PlanCounts = { add: 0, change: 0, remove: 0, manual: 0 };
  for (const a of actions) {
    if (a.action === 'create') c.add++;
    else if (a.action === 'update') c.change++;
    else if (a.action === 'remove') c.remove++;
    else if (a.action === 'replace') {
      c.add++;
      c.remove++;
    } else if (a.action === 'manual') c.manual++;
  }
  return c;
}

/** Phase 1: `moved:` renames — which desired address takes over the object read at an old address. */
function renames(model: ResolvedModel, remoteAt: Map<Address, RemoteResource>, desiredAt: Map<Address, Resource>) {
  const movedTo = new Map<Address, Address>();
  const warnings: string[] = [];
  for (const m of model.moved) {
    const type = fieldType(m.from.app);
    if (!type) continue;
    const from = addressFor(type, m.from.module, m.from.apiName);
    const to = addressFor(type, m.to.module, m.to.apiName);
    if (!remoteAt.has(from)) continue;
    if (remoteAt.has(to)) {
      warnings.push(`moved: both ${from} and ${to} exist in the org; ${from} is left alone (remove it explicitly).`);
      continue;
    }
    if (desiredAt.has(to)) movedTo.set(to, from);
  }
  return { movedTo, warnings };
}

/** Phase 3: explicit removals (`remove:` entries) of objects the org has and the model does not declare. */
function removals(model: ResolvedModel, remoteAt: Map<Address, RemoteResource>, desiredAt: Map<Address, Resource>) {
  const actions: RemoveAction[] = [];
  const warnings: string[] = [];
  for (const r of model.remove) {
    const candidates =
      r.kind === 'field'
        ? [addressFor(fieldType(r.app) ?? 'crm_field', r.module, r.apiName)]
        : r.kind === 'webhook'
          ? [addressFor('crm_webhook', r.name), addressFor('desk_webhook', r.name)]
          : [addressFor('crm_workflow_rule', r.name)];
    const found = candidates.map((a) => remoteAt.get(a)).filter((x): x is RemoteResource => x !== undefined);
    const target = r.kind === 'field' ? `${r.app}:${r.module}.${r.apiName}` : `${r.kind}:${r.name}`;
    if (found.length === 0) warnings.push(`remove: ${target} is not in the org (already removed).`);
    for (const have of found) {
      if (desiredAt.has(have.address)) {
        warnings.push(`remove: ${target} is also declared in the model; it is kept.`);
        continue;
      }
      actions.push({
        ...base(have),
        action: 'remove',
        remoteId: have.remoteId,
        before: have.attributes,
        reason: r.reason,
      });
    }
  }
  return { actions, warnings };
}

/** Phase 4: what is left in the org is converged (when its type says how, e.g. a flag to clear) or orphaned. */
function leftovers(remote: readonly RemoteResource[], handled: (address: Address) => boolean) {
  const actions: UpdateAction[] = [];
  const orphans: Orphan[] = [];
  for (const have of remote) {
    if (handled(have.address)) continue;
    const after = resourceDef(have.type).whenUnwanted?.(have);
    if (after !== undefined) {
      actions.push({
        ...base(have),
        action: 'update',
        remoteId: have.remoteId,
        before: have.attributes,
        after,
        changes: diffAttributes(have.attributes, after),
      });
      continue;
    }
    orphans.push({
      address: have.address,
      type: have.type,
      product: have.product,
      title: have.title,
      remoteId: have.remoteId,
      hint: 'Not in the model: declare it to manage it, or add it to `remove:` to delete it. zlc never deletes it implicitly.',
    });
  }
  return { actions, orphans: orphans.sort(byTypeThenAddress) };
}

/**
 * Phase 5: dependency waves across products, and the actions in wave order. A workflow rule's change goes before the
 * removal of a webhook it may call.
 */
function order(actions: PlanAction[], desired: readonly Resource[]) {
  const deps = new Map<Address, Address[]>();
  for (const r of desired) deps.set(r.address, [...r.dependsOn]);
  const ruleChanges = actions
    .filter((a) => a.type === 'crm_workflow_rule' && a.action !== 'noop')
    .map((a) => a.address);
  for (const a of actions) if (a.action === 'remove' && a.type === 'crm_webhook') deps.set(a.address, ruleChanges);
  const waveList = waves(actions, deps);
  const waveOf = new Map<Address, number>();
  waveList.forEach((w, i) => {
    for (const address of w) waveOf.set(address, i);
  });
  const byAddress = new Map(actions.map((a) => [a.address, a]));
  const at = (address: Address): PlanAction => {
    const found = byAddress.get(address);
    if (!found) throw new Error(`internal: no action at ${address}`);
    return found;
  };
  for (const w of waveList) w.sort((a, b) => byTypeThenAddress(at(a), at(b)));
  for (const a of actions) a.dependsOn = (deps.get(a.address) ?? []).filter((d) => waveOf.has(d));
  const ordered = [...actions].sort((a, b) => {
    const wa = waveOf.get(a.address) ?? Number.MAX_SAFE_INTEGER;
    const wb = waveOf.get(b.address) ?? Number.MAX_SAFE_INTEGER;
    return wa !== wb ? wa - wb : byTypeThenAddress(a, b);
  });
  return { waves: waveList, ordered };
}

/**
 * Phase 6: fingerprints of the objects apply will change, each under its action's address. Apply re-reads exactly
 * these and refuses if one changed.
 */
function fingerprintsOf(actions: readonly PlanAction[], remoteAt: Map<Address, RemoteResource>) {
  const fingerprints: Record<Address, string> = {};
  for (const a of [...actions].sort((x, y) => (x.address < y.address ? -1 : 1))) {
    if (a.action !== 'update' && a.action !== 'replace' && a.action !== 'remove') continue;
    const source = remoteAt.get(a.address);
    if (source) fingerprints[a.address] = source.fingerprint();
  }
  return fingerprints;
}

export function plan(desired: readonly Resource[], remote: readonly RemoteResource[], options: PlanOptions): Plan {
  const { model } = options;
  const remoteAt = new Map(remote.map((r) => [r.address, r]));
  const desiredAt = new Map(desired.map((r) => [r.address, r]));
  const consumed = new Set<Address>();

  const moved = renames(model, remoteAt, desiredAt);
  const compared = desired.map((want) => {
    const from = moved.movedTo.get(want.address);
    const have = remoteAt.get(from ?? want.address);
    if (have) consumed.add(have.address);
    return compare(want, have, from);
  });
  const wanted = waitForRenames(compared, (a) => desiredAt.get(a)?.dependsOn ?? []);
  const removed = removals(model, remoteAt, desiredAt);
  for (const r of removed.actions) consumed.add(r.address);
  const left = leftovers(remote, (address) => consumed.has(address) || desiredAt.has(address));
  const { waves: waveList, ordered } = order([...wanted, ...removed.actions, ...left.actions], desired);

  const made: Plan = {
    formatVersion: PLAN_FORMAT_VERSION,
    engineVersion: ENGINE_VERSION,
    createdAt: options.createdAt ?? new Date().toISOString(),
    target: options.target,
    configHash: options.configHash,
    fingerprints: fingerprintsOf(ordered, remoteAt),
    summary: businessSummary(model, ordered),
    actions: ordered,
    waves: waveList,
    orphans: left.orphans,
    counts: counts(ordered),
    warnings: [...(options.warnings ?? []), ...moved.warnings, ...removed.warnings],
    allowDataLoss: options.allowDataLoss === true,
  };
  return options.impacts === undefined ? made : withImpacts(made, options.impacts, model);
}

/** Kinds whose impact counts data they would delete (a create's impact only informs). */
const LOSES_DATA = new Set<PlanAction['action']>(['update', 'replace', 'remove']);

/**
 * The plan with the data-impact counts on its actions: each counted action carries its impact; an update, replace
 * or removal that would delete data the org holds — its count is above zero, or its count could not be made
 * (`uncounted`) — is marked as needing `--allow-data-loss` (unless the plan allows it); the business summary names
 * the counts. Pure.
 */
export function withImpacts(
  made: Plan,
  impacts: Readonly<Record<Address, DataImpact>>,
  model: ResolvedModel,
  uncounted: readonly Address[] = [],
): Plan {
  const unknown = new Set(uncounted);
  const actions = made.actions.map((a): PlanAction => {
    const impact = impacts[a.address];
    const losing =
      LOSES_DATA.has(a.action) &&
      made.allowDataLoss !== true &&
      ((impact !== undefined && impact.count > 0) || unknown.has(a.address));
    if (impact === undefined && !losing) return a;
    return { ...a, ...(impact === undefined ? {} : { impact }), ...(losing ? { requiresAllowDataLoss: true } : {}) };
  });
  return { ...made, actions, summary: businessSummary(model, actions) };
}
