// Santa's payload is third-party: Apple's schemas don't cover it. Checked against Santa's own
// documentation as summarised in ../shared/platform/peers.md §1.7 (northpolesec/santa
// docs/docs/deployment/profile-configuration.md; docs/docs/features/binary-authorization.md,
// "Rule Dictionary Format").
import { isPlainObject, joinIndex, joinKey, type Problem } from './problem.js';

/** The payload keys this project writes; Santa has many more configuration keys, none of them ours. */
const PAYLOAD_KEYS = new Set(['StaticRules']);
const RULE_KEYS = new Set(['identifier', 'policy', 'rule_type', 'custom_msg', 'custom_url', 'comment', 'cel_expr']);
const REQUIRED = ['identifier', 'policy', 'rule_type'];
const POLICIES = new Set(['ALLOWLIST', 'ALLOWLIST_COMPILER', 'BLOCKLIST', 'SILENT_BLOCKLIST', 'SILENT_GUI_BLOCKLIST', 'SILENT_TTY_BLOCKLIST', 'CEL']);
/** Identifier format per rule type. */
const FORMATS: Record<string, RegExp> = {
  TEAMID: /^[A-Z0-9]{10}$/,
  SIGNINGID: /^(?:[A-Z0-9]{10}|platform):[^:\s]+$/,
  CERTIFICATE: /^[0-9a-f]{64}$/,
  BINARY: /^[0-9a-f]{64}$/,
  CDHASH: /^[0-9a-f]{40}$/,
};

/** A checker for AppleCheckOptions.thirdParty, for com.northpolesec.santa and com.google.santa. */
export function checkSantaPayload(payload: Record<string, unknown>, path: string): Problem[] {
  const problems: Problem[] = [];
  const common = /^Payload/;
  for (const key of Object.keys(payload)) {
    if (!common.test(key) && !PAYLOAD_KEYS.has(key)) problems.push({ path: joinKey(path, key), code: 'unknown-key', message: `Santa key "${key}" is not one this project writes` });
  }
  const rulesPath = joinKey(path, 'StaticRules');
  const rules = payload['StaticRules'];
  if (rules === undefined) return [...problems, { path: rulesPath, code: 'missing-required', message: 'a blocklist profile needs StaticRules' }];
  if (!Array.isArray(rules)) return [...problems, { path: rulesPath, code: 'wrong-type', message: 'StaticRules must be an array' }];
  rules.forEach((rule, i) => problems.push(...checkRule(rule, joinIndex(rulesPath, i))));
  return problems;
}

function checkRule(rule: unknown, path: string): Problem[] {
  if (!isPlainObject(rule)) return [{ path, code: 'wrong-type', message: 'a rule must be a dictionary' }];
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(rule)) {
    if (!RULE_KEYS.has(key)) problems.push({ path: joinKey(path, key), code: 'unknown-key', message: `"${key}" is not a Santa rule field` });
    else if (typeof value !== 'string') problems.push({ path: joinKey(path, key), code: 'wrong-type', message: `"${key}" must be a string` });
  }
  for (const key of REQUIRED) {
    if (!(key in rule)) problems.push({ path: joinKey(path, key), code: 'missing-required', message: `rule field "${key}" is required` });
  }
  const { policy, rule_type: type, identifier } = rule;
  if (typeof policy === 'string' && !POLICIES.has(policy)) problems.push({ path: joinKey(path, 'policy'), code: 'not-in-rangelist', message: `unknown policy "${policy}"` });
  if (typeof type === 'string' && !(type in FORMATS)) problems.push({ path: joinKey(path, 'rule_type'), code: 'not-in-rangelist', message: `unknown rule_type "${type}"` });
  const format = typeof type === 'string' ? FORMATS[type] : undefined;
  if (format && typeof identifier === 'string' && !format.test(identifier)) {
    problems.push({ path: joinKey(path, 'identifier'), code: 'format', message: `"${identifier}" is not a ${String(type)} identifier` });
  }
  return problems;
}
