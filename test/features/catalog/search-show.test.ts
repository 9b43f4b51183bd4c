import { describe, expect, it } from 'vitest';
import { describeEntry, findEntry, openCatalog, searchCatalog, type AppView, type PublisherView } from '../../../src/index.js';
import { memoryHost } from '../../helpers/memory-host.js';

const catalog = `version: 1
publishers:
  - id: group
    name: Group Holdings
    aliases: [The Group]
  - id: sub
    name: Sub Mobile
    legalNames: [Sub Mobile Pte. Ltd.]
    parent: group
    apple: { teamIds: [{ value: ABCDE12345, sources: [codesign] }] }
apps:
  - id: chat
    name: Chat
    aliases: [Chatter]
    publisher: sub
    ios: { bundleId: { value: com.sub.chat, sources: [store] }, appStoreId: { value: 111, sources: [store] } }
    android: { package: { value: com.sub.chat.android, sources: [play] } }
  - { id: chat-pay, name: Chat Pay, publisher: sub, featureOf: chat }
  - id: chat-lite
    name: Chat Lite
    publisher: group
    android: { package: { value: com.group.lite, confidence: low, sources: [one list] } }
  - id: notes
    name: Group Notes
    publisher: group
    android: { package: { value: com.group.notes, sources: [play] } }
`;

const policies = {
  'by-publisher.yaml': 'version: 1\nid: com.example.pub\nname: Pub\ninclude: [c.yaml]\nblock:\n  publishers: [{ id: group, reason: vendor }]\n',
  'by-feature.yaml': 'version: 1\nid: com.example.feat\nname: Feat\ninclude: [c.yaml]\nblock:\n  apps: [{ id: chat-pay }]\n',
  'unrelated.yaml': 'version: 1\nid: com.example.none\nname: None\ninclude: [c.yaml]\nblock:\n  apps: [{ id: notes }]\n',
  'c.yaml': catalog,
};

async function open() {
  const { host, root } = memoryHost(policies);
  return openCatalog([root], { host, displayBase: root });
}

describe('catalog search', () => {
  it('ranks exact matches before prefixes before substrings, case aside, each entry once', async () => {
    const { catalog: c } = await open();
    expect(searchCatalog(c, 'CHAT').map((h) => [h.id, h.rank, h.field])).toEqual([
      ['chat', 'exact', 'id'],
      ['chat-lite', 'prefix', 'id'],
      ['chat-pay', 'prefix', 'id'],
    ]);
  });

  it('finds entries by alias, legal name and every kind of identifier', async () => {
    const { catalog: c } = await open();
    const first = (text: string) => searchCatalog(c, text).map((h) => [h.id, h.field, h.value])[0];
    expect(first('chatter')).toEqual(['chat', 'alias', 'Chatter']);
    expect(first('pte. ltd')).toEqual(['sub', 'legal name', 'Sub Mobile Pte. Ltd.']);
    expect(first('com.sub.chat.android')).toEqual(['chat', 'Android package', 'com.sub.chat.android']);
    expect(first('111')).toEqual(['chat', 'iOS App Store id', '111']);
    expect(first('abcde12345')).toEqual(['sub', 'Apple Team ID', 'ABCDE12345']);
    expect(searchCatalog(c, 'group').map((h) => [h.id, h.rank])).toEqual([
      ['group', 'exact'],
      ['notes', 'prefix'],
      ['chat-lite', 'substring'],
    ]);
    expect(searchCatalog(c, '   ')).toEqual([]);
  });

  it("shows who is behind each hit: an app's publisher chain, nearest first, and a publisher's parents", async () => {
    const { catalog: c } = await open();
    const chain = (text: string) => searchCatalog(c, text).map((h) => [h.id, h.publishers.map((p) => p.id)]);
    expect(chain('chat')).toEqual([
      ['chat', ['sub', 'group']],
      ['chat-lite', ['group']],
      ['chat-pay', ['sub', 'group']],
    ]);
    expect(chain('sub mobile')).toEqual([['sub', ['group']]]);
    expect(chain('group holdings')).toEqual([['group', []]]);
  });
});

describe('catalog show', () => {
  it('finds an entry by id, or by a name or identifier only it has', async () => {
    const { catalog: c } = await open();
    expect(findEntry(c, 'sub')).toEqual({ found: { kind: 'publisher', id: 'sub' } });
    expect(findEntry(c, 'com.group.lite')).toEqual({ found: { kind: 'app', id: 'chat-lite' } });
    const typo = findEntry(c, 'chta');
    expect(typo.found).toBeUndefined();
    expect(!typo.found && typo.suggestions.map((s) => s.id)).toEqual(['chat']);
  });

  it('shows an app with its identifiers, chain, features and what each policy does with it', async () => {
    const ws = await open();
    const view = describeEntry(ws, { kind: 'app', id: 'chat' }) as AppView;
    expect(view.publisherChain.map((p) => p.id)).toEqual(['group', 'sub']);
    expect(view.features.map((f) => f.id)).toEqual(['chat-pay']);
    expect(view.identifiers.map((i) => [i.label, i.value, i.confidence, i.sources.map((s) => s.text)])).toEqual([
      ['iOS bundle ID', 'com.sub.chat', 'high', ['store']],
      ['iOS App Store id', '111', 'high', ['store']],
      ['Android package', 'com.sub.chat.android', 'high', ['play']],
    ]);
    const byPolicy = Object.fromEntries(view.blockedBy.map((b) => [b.policy.file, b.verdicts.map((v) => [v.platform, v.status, v.identifier, v.because.map((p) => `${p.rule}:${p.ruleId}:${p.via.join('/')}`)])]));
    expect(byPolicy).toEqual({
      'by-publisher.yaml': [
        ['ios', 'blocked', 'com.sub.chat', ['publisher:group:group/sub', 'publisher:group:group/sub/chat-pay']],
        ['android', 'blocked', 'com.sub.chat.android', ['publisher:group:group/sub', 'publisher:group:group/sub/chat-pay']],
      ],
      'by-feature.yaml': [
        ['ios', 'blocked', 'com.sub.chat', ['app:chat-pay:chat-pay']],
        ['android', 'blocked', 'com.sub.chat.android', ['app:chat-pay:chat-pay']],
      ],
    });
    expect(view.notBlockedBy.map((p) => p.file)).toEqual(['unrelated.yaml']);
  });

  it('shows a feature through its host, and a low-confidence identifier as not blocked', async () => {
    const ws = await open();
    const feature = describeEntry(ws, { kind: 'app', id: 'chat-pay' }) as AppView;
    expect(feature.featureOf?.id).toBe('chat');
    expect(feature.blockedBy.map((b) => b.policy.file)).toEqual(['by-feature.yaml', 'by-publisher.yaml']);
    const lite = describeEntry(ws, { kind: 'app', id: 'chat-lite' }) as AppView;
    const verdicts = lite.blockedBy.flatMap((b) => b.verdicts.map((v) => [b.policy.file, v.platform, v.status, v.identifier]));
    expect(verdicts).toEqual([
      ['by-publisher.yaml', 'ios', 'no-identifier', undefined],
      ['by-publisher.yaml', 'android', 'low-confidence', 'com.group.lite'],
    ]);
  });

  it('shows a publisher with its chain, subsidiaries, apps, Team IDs and the rules that reach it', async () => {
    const ws = await open();
    const group = describeEntry(ws, { kind: 'publisher', id: 'group' }) as PublisherView;
    expect(group.subsidiaries).toEqual([{ id: 'sub', name: 'Sub Mobile', depth: 1 }]);
    expect(group.apps.map((a) => [a.id, a.publisher])).toEqual([
      ['chat-lite', 'group'],
      ['notes', 'group'],
      ['chat', 'sub'],
      ['chat-pay', 'sub'],
    ]);
    const sub = describeEntry(ws, { kind: 'publisher', id: 'sub' }) as PublisherView;
    expect(sub.chain.map((p) => p.id)).toEqual(['group', 'sub']);
    expect(sub.identifiers.map((i) => [i.label, i.value])).toEqual([['Apple Team ID', 'ABCDE12345']]);
    expect(sub.blockedBy.map((b) => [b.policy.file, b.rules.map((r) => [r.ruleId, r.via.join('/'), r.reason]), b.appsBlocked])).toEqual([
      ['by-feature.yaml', [], ['chat', 'chat-pay']],
      ['by-publisher.yaml', [['group', 'group/sub', 'vendor']], ['chat', 'chat-pay']],
    ]);
    expect(sub.notBlockedBy.map((p) => p.file)).toEqual(['unrelated.yaml']);
  });
});

describe('catalog workspace', () => {
  it('merges the catalogs of every policy it reads', async () => {
    const { host, root } = memoryHost({ ...policies, 'own.yaml': 'version: 1\nid: com.example.own\nname: Own\nblock:\n  apps: [{ id: mine, name: Mine, android: { package: com.example.mine } }]\n' });
    const ws = await openCatalog([root], { host, displayBase: root });
    expect([...ws.catalog.apps.keys()].sort()).toEqual(['chat', 'chat-lite', 'chat-pay', 'mine', 'notes']);
    expect(ws.diagnostics).toEqual([]);
    expect(ws.policies.map((p) => p.file)).toEqual(['by-feature.yaml', 'by-publisher.yaml', 'own.yaml', 'unrelated.yaml']);
  });
});
