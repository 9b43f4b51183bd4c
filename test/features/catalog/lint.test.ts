import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPoliciesDir, lintWorkspace, openCatalog, type Diagnostic } from '../../../src/index.js';
import { located } from '../../helpers/compile.js';
import { memoryHost } from '../../helpers/memory-host.js';

async function lint(files: Record<string, string>, inputs = ['.']) {
  const { host, root } = memoryHost(files);
  const workspace = await openCatalog(inputs.map((i) => join(root, i)), { host, displayBase: root });
  return { workspace, diagnostics: lintWorkspace(workspace) };
}

const errorsOf = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error');
const S = 'sources: [{ text: s, url: "https://example.com/s" }]';

const good = `version: 1
publishers:
  - id: acme
    name: Acme
    apple: { teamIds: [{ value: ABCDE12345, sources: [{ text: codesign of Acme.app, url: "https://example.com/acme-app" }] }] }
apps:
  - id: acme-chat
    name: Acme Chat
    publisher: acme
    ios: { bundleId: { value: com.acme.chat, sources: [{ text: App Store listing, url: "https://apps.example.com/acme-chat" }] } }
    android: { package: { value: com.acme.chat, sources: [{ text: Play listing, url: "https://play.example.com/acme-chat" }] } }
`;

describe('catalog lint', () => {
  it('passes a catalog whose every identifier has a source and every publisher an app', async () => {
    const { diagnostics, workspace } = await lint({ 'catalog/acme.yaml': good });
    expect(diagnostics).toEqual([]);
    expect(workspace.groups.map((g) => g.from)).toEqual([['catalog/acme.yaml']]);
  });

  it.each([
    [
      'an identifier without a source',
      'apps:\n  - id: x\n    name: X\n    publisher: acme\n    android: { package: com.x.app }\n',
      ['extra.yaml:6:25 IDENTIFIER_NO_SOURCE'],
    ],
    [
      'an App Store id without a source',
      'apps:\n  - id: x\n    name: X\n    publisher: acme\n    ios: { appStoreId: 123 }\n',
      ['extra.yaml:6:24 IDENTIFIER_NO_SOURCE'],
    ],
    [
      'an absence (no iOS build) without a source',
      'apps:\n  - id: x\n    name: X\n    publisher: acme\n    android: { package: { value: com.x.app, sources: [{ text: s, url: "https://example.com/s" }] } }\n    ios: { absent: { confidence: medium } }\n',
      ['extra.yaml:7:20 IDENTIFIER_NO_SOURCE'],
    ],
    ['a publisher Team ID without a source', 'publishers:\n  - { id: p, name: P, parent: acme, apple: { teamIds: [ZZZZZ99999] } }\n', ['extra.yaml:3:56 IDENTIFIER_NO_SOURCE']],
    ['a publisher with no apps and no Team ID', 'publishers:\n  - { id: empty, name: Empty }\n', ['extra.yaml:3:5 PUBLISHER_NO_APPS']],
    ['the same App Store id under two apps', 'apps:\n  - { id: x, name: X, publisher: acme, ios: { appStoreId: { value: 7, sources: [{ text: s, url: "https://example.com/s" }] } } }\n  - { id: y, name: Y, publisher: acme, ios: { appStoreId: { value: "7", sources: [{ text: s, url: "https://example.com/s" }] } } }\n', ['extra.yaml:4:68 DUPLICATE_IDENTIFIER']],
    ['the same identifier under two apps', 'apps:\n  - { id: x, name: X, publisher: acme, android: { package: { value: com.acme.chat, sources: [{ text: s, url: "https://example.com/s" }] } } }\n', ['extra.yaml:3:69 DUPLICATE_IDENTIFIER']],
    ['the same web domain under two apps', `apps:\n  - { id: x, name: X, publisher: acme, domains: [{ value: acme.example, ${S} }] }\n  - { id: y, name: Y, publisher: acme, domains: [{ value: acme.example, ${S} }] }\n`, ['extra.yaml:4:59 DUPLICATE_IDENTIFIER']],
    ['the same web domain under a publisher and an app', `publishers:\n  - { id: p, name: P, parent: acme, domains: [{ value: acme.example, ${S} }] }\napps:\n  - { id: x, name: X, publisher: p, domains: [{ value: acme.example, ${S} }] }\n`, ['extra.yaml:5:56 DUPLICATE_IDENTIFIER']],
    ['a malformed package', 'apps:\n  - { id: x, name: X, publisher: acme, android: { package: { value: 1com.bad, sources: [{ text: s, url: "https://example.com/s" }] } } }\n', ['extra.yaml:3:69 MALFORMED_PACKAGE_NAME']],
    ['a look-alike letter in a bundle ID', 'apps:\n  - { id: x, name: X, publisher: acme, ios: { bundleId: { value: com.аcme.x, sources: [{ text: s, url: "https://example.com/s" }] } } }\n', ['extra.yaml:3:66 NON_ASCII_IDENTIFIER']],
    ['an app whose publisher is unknown', 'apps:\n  - { id: x, name: X, publisher: nobody, android: { package: { value: com.x.app, sources: [{ text: s, url: "https://example.com/s" }] } } }\n', ['extra.yaml:3:5 UNKNOWN_PUBLISHER']],
    ['a feature with identifiers of its own', 'apps:\n  - { id: x, name: X, publisher: acme, featureOf: acme-chat, android: { package: { value: com.x.pay, sources: [{ text: s, url: "https://example.com/s" }] } } }\n', ['extra.yaml:3:91 FEATURE_HAS_IDENTIFIERS']],
  ])('reports %s as an error at file:line:col', async (_what, extra, expected) => {
    const { diagnostics } = await lint({ 'catalog/acme.yaml': good, 'catalog/extra.yaml': `version: 1\n${extra}` }, ['catalog']);
    expect(located(errorsOf(diagnostics)).map((l) => l.replace('catalog/', ''))).toEqual(expected);
  });

  it.each([
    ['an app with no publisher', 'apps:\n  - { id: x, name: X, android: { package: { value: com.x.app, sources: [{ text: s, url: "https://example.com/s" }] } } }\n', 'extra.yaml:3:5 APP_NO_PUBLISHER'],
    [
      'a low-confidence identifier without a note',
      'apps:\n  - { id: x, name: X, publisher: acme, android: { package: { value: com.x.app, confidence: low, sources: [{ text: s, url: "https://example.com/s" }] } } }\n',
      'extra.yaml:3:69 LOW_CONFIDENCE_NO_NOTE',
    ],
    ['an alias equal to another app\'s name', 'apps:\n  - { id: x, name: X, aliases: [ACME  chat], publisher: acme }\n', 'extra.yaml:3:5 NAME_CLASH'],
  ])('warns about %s', async (_what, extra, expected) => {
    const { diagnostics } = await lint({ 'catalog/acme.yaml': good, 'catalog/extra.yaml': `version: 1\n${extra}` }, ['catalog']);
    expect(errorsOf(diagnostics)).toEqual([]);
    expect(located(diagnostics).map((l) => l.replace('catalog/', ''))).toEqual([expected]);
    expect(diagnostics[0]!.severity).toBe('warning');
  });

  it('accepts a low-confidence identifier whose app explains the doubt', async () => {
    const extra = 'apps:\n  - { id: x, name: X, publisher: acme, note: One hobbyist list only., android: { package: { value: com.x.app, confidence: low, sources: [{ text: s, url: "https://example.com/s" }] } } }\n';
    const { diagnostics } = await lint({ 'catalog/acme.yaml': good, 'catalog/extra.yaml': `version: 1\n${extra}` }, ['catalog']);
    expect(diagnostics).toEqual([]);
  });

  it('notes, without warning, a publisher reached only by its Team ID', async () => {
    const extra = 'publishers:\n  - { id: mac-only, name: Mac Only, parent: acme, apple: { teamIds: [{ value: ZZZZZ99999, sources: [{ text: codesign, url: "https://example.com/codesign" }] }] } }\n';
    const { diagnostics } = await lint({ 'catalog/acme.yaml': good, 'catalog/extra.yaml': `version: 1\n${extra}` }, ['catalog']);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['PUBLISHER_ONLY_TEAM_IDS', 'info']]);
  });

  it("takes an inline app's identifiers on the admin's word: no source or publisher needed", async () => {
    const policy = 'version: 1\nid: com.example.p\nname: P\nblock:\n  apps:\n    - { id: own, name: Own, android: { package: com.example.own } }\n';
    const { diagnostics, workspace } = await lint({ 'p.yaml': policy });
    expect(diagnostics).toEqual([]);
    expect(workspace.policies.map((p) => p.file)).toEqual(['p.yaml']);
  });

  it("takes entries written in the policy file itself on the admin's word, but not those of the catalog files it includes", async () => {
    const entries = 'publishers:\n  - { id: own, name: Own, apple: { teamIds: [ZZZZZ99999] } }\napps:\n  - { id: own-app, name: Own App, publisher: own, ios: { bundleId: com.own.app } }\n';
    const inPolicy = await lint({ 'p.yaml': `version: 1\nid: com.example.p\nname: P\n${entries}block:\n  publishers: [{ id: own }]\n` });
    expect(inPolicy.diagnostics).toEqual([]);
    const included = await lint({ 'p.yaml': 'version: 1\nid: com.example.p\nname: P\ninclude: [c.yaml]\nblock:\n  publishers: [{ id: own }]\n', 'c.yaml': `version: 1\n${entries}` });
    expect(located(included.diagnostics)).toEqual(['c.yaml:3:46 IDENTIFIER_NO_SOURCE', 'c.yaml:5:68 IDENTIFIER_NO_SOURCE']);
  });

  it('lints a catalog once however many policies include it, and catalog files no policy includes on their own', async () => {
    const policy = (id: string) => `version: 1\nid: com.example.${id}\nname: ${id}\ninclude: [catalog/acme.yaml]\nblock:\n  apps: [{ id: acme-chat }]\n`;
    const loose = 'version: 1\napps:\n  - { id: loose, name: Loose, publisher: acme, android: { package: com.loose.app } }\n';
    const { diagnostics, workspace } = await lint({
      'a.yaml': policy('a'),
      'b.yaml': policy('b'),
      'catalog/acme.yaml': good.replace('sources: [{ text: Play listing, url: "https://play.example.com/acme-chat" }]', 'sources: []'),
      'extra/loose.yaml': loose.replace('publisher: acme, ', ''),
    });
    expect(located(diagnostics)).toEqual(['catalog/acme.yaml:11:34 IDENTIFIER_NO_SOURCE', 'extra/loose.yaml:3:5 APP_NO_PUBLISHER', 'extra/loose.yaml:3:51 IDENTIFIER_NO_SOURCE']);
    expect(workspace.policies.map((p) => p.file)).toEqual(['a.yaml', 'b.yaml']);
    expect(workspace.groups.map((g) => g.from)).toEqual([['a.yaml'], ['b.yaml'], ['extra/loose.yaml']]);
  });

  // A source someone can open is evidence; text alone ("a file somewhere") cannot be re-checked.
  it.each([
    [
      'an identifier whose sources are plain text, or text without a url',
      'apps:\n  - id: x\n    name: X\n    publisher: acme\n    android:\n      package:\n        value: com.x.app\n        sources:\n          - seen in a list\n          - { text: a store listing }\n          - { text: the store listing, url: "https://play.example.com/x" }\n',
      ['extra.yaml:10:13 SOURCE_NO_LOCATOR', 'extra.yaml:11:13 SOURCE_NO_LOCATOR'],
    ],
    [
      "a publisher's Team ID and the publisher itself",
      'publishers:\n  - id: p\n    name: P\n    parent: acme\n    apple:\n      teamIds:\n        - value: ZZZZZ99999\n          sources: [codesign output]\n    sources:\n      - company registry\n',
      ['extra.yaml:9:21 SOURCE_NO_LOCATOR', 'extra.yaml:11:9 SOURCE_NO_LOCATOR'],
    ],
    [
      'an absence',
      `apps:\n  - id: x\n    name: X\n    publisher: acme\n    android: { package: { value: com.x.app, ${S} } }\n    ios:\n      absent:\n        sources: [not on the App Store]\n`,
      ['extra.yaml:9:19 SOURCE_NO_LOCATOR'],
    ],
    [
      'a pre-installed claim',
      `apps:\n  - id: x\n    name: X\n    publisher: acme\n    android:\n      package: { value: com.x.app, ${S} }\n      preinstalled:\n        sources: [a firmware list]\n`,
      ['extra.yaml:9:19 SOURCE_NO_LOCATOR'],
    ],
    [
      'a manufacturer',
      'manufacturers:\n  - id: maker\n    name: Maker\n    android: { manufacturer: [MAKER] }\n    sources:\n      - its own site\n',
      ['extra.yaml:7:9 SOURCE_NO_LOCATOR'],
    ],
  ])('reports a source without a locator in %s as an error at file:line:col', async (_what, extra, expected) => {
    const { diagnostics, workspace } = await lint({ 'catalog/acme.yaml': good, 'catalog/extra.yaml': `version: 1\n${extra}` }, ['catalog']);
    expect(located(errorsOf(diagnostics)).map((l) => l.replace('catalog/', ''))).toEqual(expected);
    // The format still accepts text sources: reading and compiling the catalog report nothing.
    expect(errorsOf(workspace.diagnostics)).toEqual([]);
  });

  it("takes text sources in the policy file itself on the admin's word", async () => {
    const policy = 'version: 1\nid: com.example.p\nname: P\npublishers:\n  - { id: own, name: Own }\napps:\n  - { id: own-app, name: Own App, publisher: own, android: { package: { value: com.own.app, sources: [our own review] } } }\nblock:\n  publishers: [{ id: own }]\n';
    const { diagnostics } = await lint({ 'p.yaml': policy });
    expect(diagnostics).toEqual([]);
  });

  it('reports YAML and schema errors in the files it reads', async () => {
    const { diagnostics } = await lint({ 'catalog/bad.yaml': 'version: 1\napps:\n  - { id: Bad_Id, name: X }\n' }, ['catalog']);
    expect(located(diagnostics)).toEqual(['catalog/bad.yaml:3:11 SCHEMA_VALUE']);
  });

  it('reports an input that does not exist', async () => {
    const { diagnostics } = await lint({ 'p.yaml': good }, ['nope.yaml']);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['FILE_NOT_FOUND', undefined]]);
  });
});

describe('catalog lint on what ships', () => {
  it('finds no errors in policies/', async () => {
    const diagnostics = lintWorkspace(await openCatalog([builtinPoliciesDir], { displayBase: builtinPoliciesDir }));
    expect(located(errorsOf(diagnostics))).toEqual([]);
  });

  it('finds no errors in examples/', async () => {
    const examples = join(builtinPoliciesDir, '..', 'examples');
    const diagnostics = lintWorkspace(await openCatalog([examples], { displayBase: examples }));
    expect(located(errorsOf(diagnostics))).toEqual([]);
  });
});
