// AMAPI limits the discovery document states only in prose (android.md §1, §5, §6.4), keyed by
// the schema they apply to so that a Policy, a patch body and a modifyPolicyApplications body
// all get them through the same walk.
import { isPlainObject, joinIndex, joinKey, type Problem } from './problem.js';

export interface RuleContext {
  problems: Problem[];
  /** Checks a field mask's paths against a schema (lives with the discovery walker). */
  checkFieldMask(mask: string, schemaName: string, at: string): void;
}

export type Rule = (value: Record<string, unknown>, at: string, ctx: RuleContext) => void;

const MAX_APPLICATIONS = 3000; // Policy.applications: "This can have at most 3,000 elements."
const MAX_MIN_VERSION_APPS = 20; // minimumVersionCode: "At most 20 apps may specify a minimum version code per policy."

function objects(list: unknown): [Record<string, unknown>, number][] {
  return Array.isArray(list) ? list.flatMap((v, i) => (isPlainObject(v) ? [[v, i] as [Record<string, unknown>, number]] : [])) : [];
}

/** packageName present, non-empty and unique; `item` picks the app object out of each entry. */
function uniquePackages(
  list: unknown,
  listPath: string,
  ctx: RuleContext,
  item: (entry: Record<string, unknown>) => unknown = (e) => e,
  itemPath = '',
): void {
  const seen = new Map<string, string>();
  for (const [entry, i] of objects(list)) {
    const app = item(entry);
    if (!isPlainObject(app)) continue;
    const entryPath = itemPath ? joinKey(joinIndex(listPath, i), itemPath) : joinIndex(listPath, i);
    const path = joinKey(entryPath, 'packageName');
    const name = app['packageName'];
    if (typeof name !== 'string' || name === '') {
      if (name === undefined || name === '') ctx.problems.push({ path, code: 'missing-required', message: 'packageName is required' });
      continue;
    }
    const first = seen.get(name);
    if (first) ctx.problems.push({ path, code: 'duplicate-package', message: `"${name}" is also listed at ${first}` });
    else seen.set(name, path);
  }
}

function applicationPolicy(app: Record<string, unknown>, at: string, ctx: RuleContext): void {
  const priority = app['installPriority'];
  if (typeof priority === 'number' && (priority < 0 || priority > 10000)) {
    ctx.problems.push({ path: joinKey(at, 'installPriority'), code: 'out-of-range', message: `${priority} is outside 0..10000` });
  }
  const constraints = app['installConstraint'];
  if (Array.isArray(constraints) && constraints.length > 1) {
    ctx.problems.push({ path: joinKey(at, 'installConstraint'), code: 'too-many', message: 'at most one InstallConstraint' });
  }
  for (const [cert, i] of objects(app['signingKeyCerts'])) {
    const fp = cert['signingKeyCertFingerprintSha256'];
    if (typeof fp === 'string' && Buffer.from(fp, 'base64').length !== 32) {
      const path = joinKey(joinIndex(joinKey(at, 'signingKeyCerts'), i), 'signingKeyCertFingerprintSha256');
      ctx.problems.push({ path, code: 'format', message: 'must be the base64 of a 32-byte SHA-256 hash' });
    }
  }
}

function countAtMost(list: [Record<string, unknown>, number][], test: (a: Record<string, unknown>) => boolean, max: number, path: string, what: string, ctx: RuleContext): void {
  const n = list.filter(([a]) => test(a)).length;
  if (n > max) ctx.problems.push({ path, code: 'too-many', message: `${n} apps ${what}, at most ${max}` });
}

export const extraRules: Record<string, Rule> = {
  Policy(policy, at, ctx) {
    const appsPath = joinKey(at, 'applications');
    const apps = policy['applications'];
    if (Array.isArray(apps) && apps.length > MAX_APPLICATIONS) {
      ctx.problems.push({ path: appsPath, code: 'too-many', message: `${apps.length} applications, at most ${MAX_APPLICATIONS}` });
    }
    uniquePackages(apps, appsPath, ctx);
    const list = objects(apps);
    countAtMost(list, (a) => a['minimumVersionCode'] !== undefined, MAX_MIN_VERSION_APPS, appsPath, 'set minimumVersionCode', ctx);
    countAtMost(list, (a) => a['installType'] === 'KIOSK', 1, appsPath, 'are KIOSK', ctx);
    countAtMost(list, (a) => a['extensionConfig'] !== undefined, 1, appsPath, 'set extensionConfig', ctx);
  },
  ApplicationPolicy: applicationPolicy,
  PersonalUsagePolicies(p, at, ctx) {
    uniquePackages(p['personalApplications'], joinKey(at, 'personalApplications'), ctx);
  },
  ModifyPolicyApplicationsRequest(body, at, ctx) {
    // Each change updates or appends by packageName, so two changes to one package conflict.
    uniquePackages(body['changes'], joinKey(at, 'changes'), ctx, (c) => c['application'], 'application');
  },
  ApplicationPolicyChange(change, at, ctx) {
    const mask = change['updateMask'];
    if (typeof mask === 'string') ctx.checkFieldMask(mask, 'ApplicationPolicy', joinKey(at, 'updateMask'));
  },
  RemovePolicyApplicationsRequest(body, at, ctx) {
    const names = body['packageNames'];
    if (!Array.isArray(names)) return;
    names.forEach((n, i) => {
      if (n === '') ctx.problems.push({ path: joinIndex(joinKey(at, 'packageNames'), i), code: 'missing-required', message: 'empty package name' });
    });
  },
};
