import { describe, expect, it } from 'vitest';
import { chainText, explain, type AppAnswer, type Plan, type PublisherAnswer } from '../../../src/index.js';
import { formatExplanation } from '../../../src/cli/format-explain.js';
import { compileFiles } from '../../helpers/compile.js';

const policy = `version: 1
id: com.example.p
name: P
options: { includeLowConfidence: false }
references:
  order: { title: Order 7, url: "https://example.gov/7", issuer: Ministry }
publishers:
  - { id: group, name: Group Holdings, aliases: [GroupCo], apple: { teamIds: [ABCDE12345, { value: LOWCONF123, confidence: low }] } }
  - { id: sub, name: Sub Ltd, parent: group }
apps:
  - id: chat
    name: Chat
    aliases: [Chatter]
    publisher: sub
    ios: { bundleId: com.sub.chat }
    macos: { bundleId: com.sub.chat.mac }
    android: { package: com.sub.chat }
  - { id: chat-pay, name: Chat Pay, publisher: sub, featureOf: chat }
  - id: game
    name: Game
    publisher: group
    ios: { bundleId: com.group.game }
    android: { package: { value: com.group.game, confidence: low } }
  - id: tool
    name: Tool
    ios: { bundleId: com.other.tool }
block:
  publishers:
    - { id: group, reason: flagged, references: [order] }
  apps:
    - { id: tool, fleets: [phones] }
allow:
  - { app: chat, fleets: [kiosk], until: "2099-06-30", reason: vendor pilot }
fleets:
  phones:
    ios: {}
    android: { mode: fully-managed }
  kiosk:
    ios: {}
  macs:
    macos: { santa: true }
`;

let plan: Plan;
const load = async () => {
  if (!plan) {
    const r = await compileFiles({ 'p.yaml': policy });
    expect(r.ok).toBe(true);
    plan = r.plan!;
  }
  return plan;
};
const app = (e: ReturnType<typeof explain>) => e.answers[0] as AppAnswer;
const status = (a: AppAnswer) => a.fleets.map((f) => `${f.fleet}: ${f.platforms.map((p) => `${p.platform} ${p.status}`).join(', ')}`);

describe('explain', () => {
  it('gives per fleet and platform the status and the chain rule → publishers → catalog entry → reference', async () => {
    const e = explain(await load(), 'chat');
    const a = app(e);
    expect(a.matchedBy).toBe('app id');
    expect(a.app.publishers.map((p) => p.id)).toEqual(['sub', 'group']);
    expect(status(a)).toEqual(['kiosk: ios allowed', 'macs: macos blocked', 'phones: ios blocked, android blocked']);
    const ios = a.fleets.find((f) => f.fleet === 'phones')!.platforms[0]!;
    expect(ios.identifier).toBe('com.sub.chat');
    const chain = ios.reasons.find((r) => r.feature === undefined)!;
    expect(chainText(chain)).toBe('publisher rule "group": Group Holdings → Sub Ltd → Chat');
    expect(chain.app!.at.line).toBeGreaterThan(0);
    expect(chain.reason).toBe('flagged');
    expect(chain.references.map((r) => [r.title, r.url])).toEqual([['Order 7', 'https://example.gov/7']]);
  });

  it('names the exception that lets an app through and until when', async () => {
    const kiosk = app(explain(await load(), 'chat', { fleet: 'kiosk' }));
    expect(kiosk.fleets.map((f) => f.fleet)).toEqual(['kiosk']);
    const p = kiosk.fleets[0]!.platforms[0]!;
    expect(p.status).toBe('allowed');
    expect(p.exception).toMatchObject({ kind: 'app', id: 'chat', until: '2099-06-30', reason: 'vendor pilot' });
    expect(p.reasons.length).toBeGreaterThan(0);
  });

  it('says why an app is not enforced: no identifier, or low confidence', async () => {
    const game = app(explain(await load(), 'game'));
    const phones = game.fleets.find((f) => f.fleet === 'phones')!.platforms;
    expect(phones.map((p) => [p.platform, p.status, p.notEnforced, p.identifier])).toEqual([
      ['ios', 'blocked', undefined, 'com.group.game'],
      ['android', 'not-enforced', 'low-confidence', 'com.group.game'],
    ]);
    // No macOS bundle ID, but the publisher's Team ID rule blocks it on the Macs.
    const macs = game.fleets.find((f) => f.fleet === 'macs')!.platforms[0]!;
    expect(macs).toMatchObject({ status: 'blocked', notEnforced: 'no-identifier', team: { teamId: 'ABCDE12345' } });
  });

  it('says when no rule in a fleet reaches an app', async () => {
    expect(status(app(explain(await load(), 'tool')))).toEqual(['kiosk: ios not-blocked', 'macs: macos not-blocked', 'phones: ios blocked, android not-enforced']);
  });

  it('answers for an in-app feature with its host app', async () => {
    const a = app(explain(await load(), 'chat-pay'));
    expect(a.app.featureOf).toEqual({ id: 'chat', name: 'Chat' });
    expect(a.app.identifiers.ios).toBe('com.sub.chat');
    expect(status(a)).toContain('phones: ios blocked, android blocked');
  });

  it('matches bundle IDs, package names, Team IDs and names, case-insensitively', async () => {
    const p = await load();
    expect(explain(p, 'COM.SUB.CHAT').answers.map((a) => [a.kind, a.matchedBy])).toEqual([['app', 'iOS bundle ID']]);
    expect(explain(p, 'com.sub.chat.mac').answers.map((a) => a.matchedBy)).toEqual(['macOS bundle ID']);
    expect(explain(p, 'ABCDE12345').answers.map((a) => [a.kind, a.matchedBy])).toEqual([['publisher', 'Team ID']]);
    expect(explain(p, 'chatter').answers.map((a) => [a.kind, a.matchedBy])).toEqual([['app', 'name']]);
    expect(explain(p, 'groupco').answers.map((a) => [a.kind, a.matchedBy])).toEqual([['publisher', 'name']]);
  });

  it('explains a publisher: its Team IDs per Mac fleet, and each of its and its subsidiaries\' apps', async () => {
    const e = explain(await load(), 'group');
    const p = e.answers[0] as PublisherAnswer;
    expect(p.publisher.subsidiaries.map((s) => s.id)).toEqual(['sub']);
    expect(p.apps.map((a) => a.app.id)).toEqual(['chat', 'chat-pay', 'game']);
    expect(p.teams.map((t) => [t.fleet, t.teamId, t.blocked, t.notBlocked])).toEqual([
      ['macs', 'ABCDE12345', true, undefined],
      ['macs', 'LOWCONF123', false, 'low-confidence'],
    ]);
  });

  it("shows a holding's Team IDs with its subsidiaries', each labelled with its owner (issue #16)", async () => {
    const r = await compileFiles({
      'p.yaml': `version: 1
id: com.example.h
name: H
publishers:
  - { id: holding, name: Holding Ltd }
  - { id: studio, name: Studio Pte, parent: holding, apple: { teamIds: [STUDIO1234] } }
apps:
  - { id: clip, name: Clip, publisher: studio, macos: { bundleId: com.studio.clip } }
block:
  publishers:
    - { id: holding }
fleets:
  macs:
    macos: { santa: true }
`,
    });
    expect(r.ok).toBe(true);
    const p = explain(r.plan!, 'holding').answers[0] as PublisherAnswer;
    expect(p.publisher.teamIds).toEqual([{ value: 'STUDIO1234', owner: { id: 'studio', name: 'Studio Pte' } }]);
    expect(p.teams.map((t) => [t.teamId, t.owner.id, t.blocked])).toEqual([['STUDIO1234', 'studio', true]]);
    const text = formatExplanation(explain(r.plan!, 'holding'), false);
    expect(text).toContain('Apple Team IDs: STUDIO1234 (Studio Pte, subsidiary)');
    expect(text).toContain('fleet macs, macOS: Team ID STUDIO1234 (Studio Pte) BLOCKED');
    expect(formatExplanation(explain(await load(), 'group'), false)).toContain('Apple Team IDs: ABCDE12345 (its own), LOWCONF123 (its own)');
  });

  it('suggests the nearest known word when nothing matches', async () => {
    const e = explain(await load(), 'com.sub.chatt');
    expect(e.answers).toEqual([]);
    expect(e.suggestion).toBe('com.sub.chat');
    expect(explain(await load(), 'zzzzzzzzzzzz').suggestion).toBeUndefined();
  });
});
