import { checkDomainsOnce, checkSameValueTwice } from './checks/duplicate-identifier.js';
import { evidence } from './evidence.js';
import { addManufacturers, checkManufacturerPublishers } from './manufacturers.js';
import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import type { LoadedFile } from '../load/load.js';
import type { DocPath, SourceFile } from '../load/source-file.js';
import type {
  AbsenceDoc,
  AppDoc,
  AppleIdsDoc,
  AppRuleDoc,
  Confidence,
  DomainDoc,
  FragmentDoc,
  IdentifierDoc,
  NumericIdentifierDoc,
  PreinstalledDoc,
} from '../../plan/document.js';
import type { Absence, App, AppleIds, Catalog, Domain, Identifier, Platform, Preinstalled, Publisher } from '../../plan/types.js';
import { bundleIdRule, checkIdentifier, domainRule, packageNameRule, teamIdRule, type IdentifierRule } from '../validate/identifiers.js';

/**
 * Merges the catalog entries of every loaded file (and the apps defined inline in block rules)
 * into one index, reporting duplicate ids, id collisions, malformed and duplicate identifiers.
 */
export function buildCatalog(files: readonly LoadedFile[], bag: DiagnosticBag): Catalog {
  const catalog: Catalog = { apps: new Map(), publishers: new Map(), references: new Map(), manufacturers: new Map() };
  const inlineRules: { source: SourceFile; rule: AppRuleDoc; path: DocPath }[] = [];

  for (const { source } of files) {
    const doc = source.data as FragmentDoc;
    for (const [key, ref] of Object.entries(doc.references ?? {})) {
      if (catalog.references.has(key)) {
        bag.add('DUPLICATE_ID', `reference "${key}" is defined twice`, source.keyPositionOf(['references'], key));
        continue;
      }
      catalog.references.set(key, { key, ...ref });
    }
    for (const [i, p] of (doc.publishers ?? []).entries()) {
      const path = ['publishers', i];
      if (catalog.publishers.has(p.id)) {
        const first = catalog.publishers.get(p.id)!.at;
        bag.add('DUPLICATE_ID', `publisher id "${p.id}" is already defined at ${first.file}:${first.line}:${first.col}`, source.positionOf([...path, 'id']));
        continue;
      }
      const teamIds = (p.apple?.teamIds ?? []).map((t, j) => identifier(t, 'high', source, [...path, 'apple', 'teamIds', j], teamIdRule, `Team ID of ${p.id}`, bag));
      catalog.publishers.set(p.id, {
        id: p.id,
        name: p.name,
        legalNames: p.legalNames ?? [],
        aliases: p.aliases ?? [],
        ...(p.parent !== undefined && { parent: p.parent }),
        ...(p.country !== undefined && { country: p.country }),
        teamIds: teamIds.filter((t): t is Identifier => t !== undefined),
        domains: domains(p.domains, 'high', source, [...path, 'domains'], `domain of ${p.id}`, bag),
        ...(p.note !== undefined && { note: p.note }),
        ...evidence(p.sources, source, path),
        at: source.positionOf(path),
      });
    }
    for (const [i, a] of (doc.apps ?? []).entries()) {
      addApp(catalog, a, source, ['apps', i], false, bag);
    }
    addManufacturers(catalog, source, bag);
    for (const [i, rule] of (doc.block?.apps ?? []).entries()) {
      if (isInline(rule)) inlineRules.push({ source, rule, path: ['block', 'apps', i] });
    }
  }

  for (const { source, rule, path } of inlineRules) {
    if (catalog.apps.has(rule.id) && !catalog.apps.get(rule.id)!.inline) {
      const first = catalog.apps.get(rule.id)!.at;
      bag.add(
        'INLINE_APP_CONFLICT',
        `block rule defines app "${rule.id}" inline, but the catalog already has it (${first.file}:${first.line}:${first.col}); name it by id alone, or choose another id`,
        source.positionOf([...path, 'id']),
      );
      continue;
    }
    const doc: AppDoc = { id: rule.id, name: rule.name ?? rule.id };
    if (rule.publisher !== undefined) doc.publisher = rule.publisher;
    if (rule.ios) doc.ios = rule.ios;
    if (rule.macos) doc.macos = rule.macos;
    if (rule.android) doc.android = rule.android;
    if (!rule.ios?.bundleId && !rule.macos?.bundleId && !rule.android?.package) {
      bag.add(
        'INLINE_APP_NO_IDENTIFIER',
        `block rule defines app "${rule.id}" inline with no bundle ID or package name, so it blocks nothing: fix the id if it names a catalog app, or give ios.bundleId, macos.bundleId or android.package`,
        source.positionOf([...path, 'id']),
      );
    }
    addApp(catalog, doc, source, path, true, bag);
  }

  checkCrossReferences(catalog, bag);
  checkManufacturerPublishers(catalog, bag);
  checkDuplicateIdentifiers(catalog, bag);
  return catalog;
}

function isInline(rule: AppRuleDoc): boolean {
  return rule.ios !== undefined || rule.android !== undefined || rule.macos !== undefined || rule.name !== undefined || rule.publisher !== undefined;
}

function addApp(catalog: Catalog, a: AppDoc, source: SourceFile, path: DocPath, inline: boolean, bag: DiagnosticBag): void {
  const existing = catalog.apps.get(a.id);
  if (existing) {
    const first = existing.at;
    bag.add('DUPLICATE_ID', `app id "${a.id}" is already defined at ${first.file}:${first.line}:${first.col}`, source.positionOf([...path, 'id']));
    return;
  }
  const confidence = a.confidence ?? 'high';
  const apple = (doc: AppleIdsDoc | undefined, platform: 'ios' | 'macos'): AppleIds => {
    const ids: AppleIds = {};
    if (!doc) return ids;
    const at = [...path, platform];
    const bundle = doc.bundleId && identifier(doc.bundleId, confidence, source, [...at, 'bundleId'], bundleIdRule, `${platform} bundle ID of ${a.id}`, bag);
    const team = doc.teamId && identifier(doc.teamId, confidence, source, [...at, 'teamId'], teamIdRule, `Team ID of ${a.id}`, bag);
    const store = doc.appStoreId !== undefined ? numericIdentifier(doc.appStoreId, confidence, source, [...at, 'appStoreId']) : undefined;
    if (bundle) ids.bundleId = bundle;
    if (team) ids.teamId = team;
    if (store) ids.appStoreId = store;
    return ids;
  };
  const pkg = a.android?.package && identifier(a.android.package, confidence, source, [...path, 'android', 'package'], packageNameRule, `Android package of ${a.id}`, bag);
  const app: App = {
    id: a.id,
    name: a.name,
    aliases: a.aliases ?? [],
    confidence,
    ios: apple(a.ios, 'ios'),
    macos: apple(a.macos, 'macos'),
    android: { ...(pkg && { package: pkg }), ...(a.android?.preinstalled && { preinstalled: preinstalled(a.android.preinstalled, source, [...path, 'android', 'preinstalled']) }) },
    domains: domains(a.domains, confidence, source, [...path, 'domains'], `domain of ${a.id}`, bag),
    absent: absences(a, confidence, source, path, bag),
    listedBy: a.listedBy ?? [],
    inline,
    at: source.positionOf(path),
  };
  const refused = (['ios', 'macos', 'android'] as const).filter((p) => (p === 'android' ? a.android?.package && !pkg : a[p]?.bundleId && !app[p].bundleId));
  if (refused.length) app.refused = refused;
  if (a.publisher !== undefined) app.publisher = a.publisher;
  if (a.featureOf !== undefined) app.featureOf = a.featureOf;
  if (a.note !== undefined) app.note = a.note;
  catalog.apps.set(a.id, app);
}

/**
 * The platforms an app documents it has no build for. An absence beside an identifier of the same
 * platform contradicts itself: it is refused, and neither claim wins silently.
 */
function absences(a: AppDoc, fallback: Confidence, source: SourceFile, path: DocPath, bag: DiagnosticBag): Partial<Record<Platform, Absence>> {
  const out: Partial<Record<Platform, Absence>> = {};
  const docs: [Platform, (AbsenceDoc & object) | undefined, string[]][] = [
    ['ios', a.ios?.absent, Object.keys(a.ios ?? {})],
    ['macos', a.macos?.absent, Object.keys(a.macos ?? {})],
    ['android', a.android?.absent, Object.keys(a.android ?? {})],
  ];
  for (const [platform, doc, keys] of docs) {
    if (!doc) continue;
    const at = source.positionOf([...path, platform, 'absent']);
    const identifiers = keys.filter((k) => k !== 'absent');
    if (identifiers.length > 0) {
      bag.add('ABSENT_WITH_IDENTIFIERS', `app "${a.id}" says it has no ${platform} build but also gives ${identifiers.join(', ')} for ${platform}: keep one of the two`, at);
      continue;
    }
    const absence: Absence = { confidence: doc.confidence ?? fallback, ...evidence(doc.sources, source, [...path, platform, 'absent']), at };
    if (doc.note !== undefined) absence.note = doc.note;
    out[platform] = absence;
  }
  return out;
}

function preinstalled(doc: PreinstalledDoc, source: SourceFile, path: DocPath): Preinstalled {
  return { ...evidence(doc.sources, source, path), ...(doc.note !== undefined && { note: doc.note }), at: source.positionOf(path) };
}

function identifier(
  doc: IdentifierDoc,
  fallback: Confidence,
  source: SourceFile,
  path: DocPath,
  rule: IdentifierRule,
  label: string,
  bag: DiagnosticBag,
): Identifier | undefined {
  const value = typeof doc === 'string' ? doc : doc.value;
  const valuePath = typeof doc === 'string' ? path : [...path, 'value'];
  const problem = checkIdentifier(value, rule, label);
  if (problem) {
    bag.add(problem.code, problem.message, source.positionOf(valuePath));
    return undefined;
  }
  return withEvidence(value, doc, fallback, source.positionOf(valuePath), source, path);
}

/** An app's or publisher's web domains, each checked as a host name; a malformed one is left out. */
function domains(docs: DomainDoc[] | undefined, fallback: Confidence, source: SourceFile, path: DocPath, label: string, bag: DiagnosticBag): Domain[] {
  return (docs ?? []).flatMap((doc, i) => {
    const id = identifier(doc, fallback, source, [...path, i], domainRule, label, bag);
    return id ? [{ ...id, shared: doc.shared === true }] : [];
  });
}

function numericIdentifier(doc: NumericIdentifierDoc, fallback: Confidence, source: SourceFile, path: DocPath): Identifier {
  const value = typeof doc === 'object' ? String(doc.value) : String(doc);
  const at = source.positionOf(typeof doc === 'object' ? [...path, 'value'] : path);
  return withEvidence(value, typeof doc === 'object' ? { ...doc, value } : value, fallback, at, source, path);
}

function withEvidence(value: string, doc: IdentifierDoc, fallback: Confidence, at: Identifier['at'], source: SourceFile, path: DocPath): Identifier {
  if (typeof doc === 'string') return { value, confidence: fallback, sources: [], at };
  const id: Identifier = { value, confidence: doc.confidence ?? fallback, ...evidence(doc.sources, source, path), at };
  if (doc.note !== undefined) id.note = doc.note;
  return id;
}

function checkCrossReferences(catalog: Catalog, bag: DiagnosticBag): void {
  for (const app of catalog.apps.values()) {
    if (catalog.publishers.has(app.id)) {
      const p = catalog.publishers.get(app.id)!.at;
      bag.add('ID_COLLISION', `app id "${app.id}" is also a publisher id (${p.file}:${p.line}:${p.col}); rules could not tell them apart`, app.at);
    }
    if (app.publisher !== undefined && !catalog.publishers.has(app.publisher)) {
      bag.add('UNKNOWN_PUBLISHER', `app "${app.id}" names publisher "${app.publisher}", which is not in the catalog`, app.at);
    }
    if (app.featureOf !== undefined) {
      const host = catalog.apps.get(app.featureOf);
      if (!host || host.featureOf !== undefined) {
        bag.add('FEATURE_OF_INVALID', `app "${app.id}" is a feature of "${app.featureOf}", which is ${host ? 'itself a feature' : 'not in the catalog'}`, app.at);
      }
      const own = [app.ios.bundleId, app.ios.appStoreId, app.ios.teamId, app.macos.bundleId, app.macos.appStoreId, app.macos.teamId, app.android.package].find((id) => id !== undefined);
      if (own) {
        bag.add('FEATURE_HAS_IDENTIFIERS', `app "${app.id}" is an in-app feature of "${app.featureOf}" but has identifiers of its own ("${own.value}"), which a feature never uses: put them on "${app.featureOf}" or drop featureOf`, own.at);
      }
    }
  }
  for (const p of catalog.publishers.values()) {
    if (p.parent === undefined) continue;
    if (!catalog.publishers.has(p.parent)) {
      bag.add('UNKNOWN_PUBLISHER', `publisher "${p.id}" names parent "${p.parent}", which is not in the catalog`, p.at);
      continue;
    }
    const seen = new Set([p.id]);
    for (let q = catalog.publishers.get(p.parent); q; q = q.parent ? catalog.publishers.get(q.parent) : undefined) {
      if (seen.has(q.id)) {
        bag.add('PUBLISHER_CYCLE', `publisher "${p.id}" is its own ancestor through ${[...seen].join(' → ')}`, p.at);
        delete p.parent; // so later walks terminate
        break;
      }
      seen.add(q.id);
    }
  }
}

/**
 * The same enforced identifier under two apps (or a Team ID under two publishers, or a web domain
 * under two entries) would block, or fail to block, the wrong one. App Store ids enforce nothing;
 * `catalog lint` checks those.
 */
function checkDuplicateIdentifiers(catalog: Catalog, bag: DiagnosticBag): void {
  checkSameValueTwice(catalog, [
    ['iOS bundle ID', (a) => a.ios.bundleId],
    ['macOS bundle ID', (a) => a.macos.bundleId],
    ['Android package', (a) => a.android.package],
  ], bag);
  const teamOwner = new Map<string, Publisher>();
  for (const publisher of catalog.publishers.values()) {
    for (const team of publisher.teamIds) {
      const first = teamOwner.get(team.value);
      if (first && first !== publisher) {
        bag.add('DUPLICATE_IDENTIFIER', `Team ID "${team.value}" belongs to both publishers "${first.id}" and "${publisher.id}"; a Team ID is one developer account`, team.at);
      } else {
        teamOwner.set(team.value, publisher);
      }
    }
  }
  checkDomainsOnce(catalog, bag);
}
