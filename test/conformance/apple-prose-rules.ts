// Apple rules stated only in `content`/`notes` text, where the YAML's structured fields are
// wrong or silent. Keyed by payload/declaration type; each cites the text it comes from.
import { isPlainObject, joinIndex, joinKey, type Problem } from './problem.js';

export interface ProseRule {
  /** Key → alternative key: the key's `presence: required` is satisfied by the alternative. */
  requiredUnless?: Readonly<Record<string, string>>;
  /** Runs after the schema walk on the payload dictionary (or DDM `Payload`) at `path`. */
  check?: (payload: Record<string, unknown>, path: string, problems: Problem[]) => void;
}

function entries(list: unknown, path: string): [Record<string, unknown>, string][] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((v, i) => (isPlainObject(v) ? [[v, joinIndex(path, i)] as [Record<string, unknown>, string]] : []));
}

/** TCC: "Every payload needs to include either 'Authorization' or 'Allowed', but not both." */
function tccAllowedXorAuthorization(payload: Record<string, unknown>, path: string, problems: Problem[]): void {
  const services = payload['Services'];
  if (!isPlainObject(services)) return;
  for (const [service, list] of Object.entries(services)) {
    for (const [item, itemPath] of entries(list, joinKey(joinKey(path, 'Services'), service))) {
      if ('Allowed' in item && 'Authorization' in item) {
        problems.push({ path: itemPath, code: 'conflicting-keys', message: 'use either Allowed or Authorization, not both' });
      }
    }
  }
}

/** app.settings notes "Binary identifier rules": which identifiers each list needs. */
function binaryIdentifierRules(payload: Record<string, unknown>, path: string, problems: Problem[]): void {
  const allowed = payload['Allowed'];
  if (!isPlainObject(allowed)) return;
  const needs: [string, string[]][] = [
    ['AllowedBinaries', ['CDHash', 'TeamID']],
    ['DeniedBinaries', ['CDHash', 'TeamID', 'SigningID']],
  ];
  for (const [list, anyOf] of needs) {
    for (const [item, itemPath] of entries(allowed[list], joinKey(joinKey(path, 'Allowed'), list))) {
      if (!anyOf.some((k) => k in item)) {
        problems.push({ path: itemPath, code: 'missing-required', message: `${list} entries need one of ${anyOf.join(', ')}` });
      }
    }
  }
}

/**
 * com.apple.webcontent-filter: DenyListURLs, BlacklistedURLs, PermittedURLs and AllowListBookmarks
 * are "Use when 'FilterType' is 'BuiltIn'"; DenyListURLs: "Limit the number of these URLs to about 500".
 */
function builtInFilterKeys(payload: Record<string, unknown>, path: string, problems: Problem[]): void {
  const type = payload['FilterType'] ?? 'BuiltIn';
  for (const key of ['DenyListURLs', 'BlacklistedURLs', 'PermittedURLs', 'AllowListBookmarks', 'WhitelistedBookmarks', 'AutoFilterEnabled']) {
    if (key in payload && type !== 'BuiltIn') problems.push({ path: joinKey(path, key), code: 'conflicting-keys', message: `${key} is for FilterType BuiltIn, not ${String(type)}` });
  }
  for (const key of ['DenyListURLs', 'BlacklistedURLs']) {
    const list = payload[key];
    if (Array.isArray(list) && list.length > 500) problems.push({ path: joinKey(path, key), code: 'too-many', message: `${list.length} URLs; Apple says to limit ${key} to about 500` });
  }
}

export const appleProseRules: Readonly<Record<string, ProseRule>> = {
  // The YAML marks `Allowed` required although `Authorization` (macOS 11+) replaces it.
  'com.apple.TCC.configuration-profile-policy': { requiredUnless: { Allowed: 'Authorization' }, check: tccAllowedXorAuthorization },
  'com.apple.configuration.app.settings': { check: binaryIdentifierRules },
  'com.apple.webcontent-filter': { check: builtInFilterKeys },
};
