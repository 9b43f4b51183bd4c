import { DiagnosticBag, type Diagnostic } from '../../common/diagnostics/diagnostic.js';
import type { App, Catalog, Identifier, Platform, Publisher } from '../../plan/types.js';
import { PLATFORM_LABELS } from '../../plan/labels.js';
import { checkSameValueTwice } from '../../pipeline/resolve/index.js';
import { CatalogIndex } from '../../plan/catalog-index.js';
import { appIdentifiers, publisherIdentifiers } from './fields.js';
import { uniqueDiagnostics, type CatalogWorkspace } from './workspace.js';

/**
 * What a careful reviewer checks in a catalog beyond what compiling already refuses (duplicate
 * ids, identifiers and web domains, malformed identifiers, unknown publishers and hosts, cycles): evidence,
 * reach, App Store ids (which enforce nothing, so compiling lets a duplicate pass), and names
 * people could confuse. Pure: the catalog in, diagnostics out.
 *
 * Entries written in a policy file itself (`policyFiles`, as diagnostics name them), and apps
 * defined inline in a block rule, are the admin's own word: their form is checked, not their
 * evidence (sources, notes, publisher). Catalog files, which policies include, must show it.
 */
export function lintCatalog(catalog: Catalog, policyFiles: ReadonlySet<string> = new Set()): Diagnostic[] {
  const bag = new DiagnosticBag();
  const index = new CatalogIndex(catalog);
  const ownWord = (at: App['at']) => policyFiles.has(at.file);
  for (const app of catalog.apps.values()) if (!app.inline && !ownWord(app.at)) lintAppEvidence(app, bag);
  checkSameValueTwice(catalog, [
    ['iOS App Store id', (a) => a.ios.appStoreId],
    ['macOS App Store id', (a) => a.macos.appStoreId],
  ], bag);
  for (const maker of catalog.manufacturers.values()) {
    if (!ownWord(maker.at)) checkLocators(maker, `manufacturer "${maker.id}"`, bag);
  }
  for (const publisher of catalog.publishers.values()) {
    if (!ownWord(publisher.at)) lintPublisherEvidence(publisher, bag);
    lintPublisherReach(publisher, index, bag);
  }
  checkNameClashes([...catalog.apps.values()], 'app', (a) => [a.name, ...a.aliases], bag);
  checkNameClashes([...catalog.publishers.values()], 'publisher', (p) => [p.name, ...p.legalNames, ...p.aliases], bag);
  return bag.items;
}

/** Everything `catalog lint` reports for a workspace: reading and resolving problems, then lint. */
export function lintWorkspace(workspace: CatalogWorkspace): Diagnostic[] {
  const policyFiles = new Set(workspace.policies.map((p) => p.file));
  return uniqueDiagnostics([...workspace.diagnostics, ...workspace.groups.flatMap((g) => lintCatalog(g.catalog, policyFiles))]);
}

function lintAppEvidence(app: App, bag: DiagnosticBag): void {
  if (app.publisher === undefined && app.featureOf === undefined) {
    bag.add('APP_NO_PUBLISHER', `app "${app.id}" (${app.name}) names no publisher, so no publisher rule reaches it; add one if it is known`, app.at);
  }
  for (const { label, identifier } of appIdentifiers(app)) {
    checkLocators(identifier, `${label} "${identifier.value}" of "${app.id}"`, bag);
    if (identifier.sources.length === 0) {
      bag.add('IDENTIFIER_NO_SOURCE', `${label} "${identifier.value}" of "${app.id}" has no source: say where it was seen (value: …, sources: […])`, identifier.at);
    }
    if (identifier.confidence === 'low' && identifier.note === undefined && app.note === undefined) {
      bag.add('LOW_CONFIDENCE_NO_NOTE', `${label} "${identifier.value}" of "${app.id}" is low-confidence with no note saying what is uncertain`, identifier.at);
    }
  }
  // A claim that no build exists hides the app from the gap list, so it needs evidence as much as an identifier does.
  for (const [platform, absence] of Object.entries(app.absent)) {
    const label = PLATFORM_LABELS[platform as Platform];
    checkLocators(absence, `the absence of a ${label} build of "${app.id}"`, bag);
    if (absence.sources.length === 0) {
      bag.add('IDENTIFIER_NO_SOURCE', `"${app.id}" says it has no ${label} build but gives no source: say where that was seen (a store search, the vendor's page)`, absence.at);
    }
    if (absence.confidence === 'low' && absence.note === undefined && app.note === undefined) {
      bag.add('LOW_CONFIDENCE_NO_NOTE', `the absence of a ${label} build of "${app.id}" is low-confidence with no note saying what is uncertain`, absence.at);
    }
  }
  // "Pre-installed" changes what the report says BLOCKED does on a device: it needs its evidence too.
  const pre = app.android.preinstalled;
  if (pre) checkLocators(pre, `the pre-installed claim of "${app.id}"`, bag);
  if (pre && pre.sources.length === 0) {
    bag.add('IDENTIFIER_NO_SOURCE', `"${app.id}" says it is pre-installed (a system app) but gives no source: say where that was seen (a firmware's package list)`, pre.at);
  }
}

function lintPublisherEvidence(publisher: Publisher, bag: DiagnosticBag): void {
  checkLocators(publisher, `publisher "${publisher.id}"`, bag);
  for (const { label, identifier } of publisherIdentifiers(publisher)) {
    checkLocators(identifier, `${label} "${identifier.value}" of publisher "${publisher.id}"`, bag);
    if (identifier.sources.length === 0) {
      bag.add('IDENTIFIER_NO_SOURCE', `${label} "${identifier.value}" of publisher "${publisher.id}" has no source: say where it was seen (value: …, sources: […])`, identifier.at);
    }
    if (identifier.confidence === 'low' && identifier.note === undefined && publisher.note === undefined) {
      bag.add('LOW_CONFIDENCE_NO_NOTE', `${label} "${identifier.value}" of publisher "${publisher.id}" is low-confidence with no note saying what is uncertain`, identifier.at);
    }
  }
}

/**
 * A source is evidence only if someone else can open it: a source given as plain text ("a file
 * somewhere", "catalog notes"), or as {text} without a url, cannot be re-checked. Each one is
 * reported where it is written.
 */
function checkLocators(owner: Pick<Identifier, 'sources' | 'sourcesAt' | 'at'>, what: string, bag: DiagnosticBag): void {
  owner.sources.forEach((source, i) => {
    if (source.url !== undefined) return;
    bag.add(
      'SOURCE_NO_LOCATOR',
      `a source of ${what} is text alone, which no one can re-check: give it a url ({text: …, url: …}; a file in a public GitHub repository by its blob URL)`,
      owner.sourcesAt?.[i] ?? owner.at,
    );
  });
}

function lintPublisherReach(publisher: Publisher, index: CatalogIndex, bag: DiagnosticBag): void {
  if (index.appsUnder(publisher.id).length > 0) return;
  const teams = index.publishersUnder(publisher.id).flatMap((p) => p.teamIds);
  if (teams.length > 0) {
    bag.add('PUBLISHER_ONLY_TEAM_IDS', `publisher "${publisher.id}" has no apps, directly or through subsidiaries: a rule on it blocks only on macOS, by Team ID`, publisher.at);
  } else {
    bag.add('PUBLISHER_NO_APPS', `publisher "${publisher.id}" has no apps, directly or through subsidiaries, and no Team ID: a rule on it would block nothing; add its apps or remove it`, publisher.at);
  }
}

/** Names compared as people read them: case, width and spacing aside. */
function normalName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function checkNameClashes<T extends { id: string; at: App['at'] }>(entries: readonly T[], kind: string, names: (e: T) => string[], bag: DiagnosticBag): void {
  const owner = new Map<string, T>();
  for (const entry of entries) {
    for (const name of new Set(names(entry).map(normalName))) {
      const first = owner.get(name);
      if (!first) {
        owner.set(name, entry);
      } else if (first !== entry) {
        const at = first.at;
        bag.add('NAME_CLASH', `${kind} "${entry.id}" is also called "${name}", like ${kind} "${first.id}" (${at.file}:${at.line}:${at.col}); make the names tell them apart`, entry.at);
      }
    }
  }
}
