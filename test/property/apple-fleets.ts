// Random Apple blocklists for the effect property: iOS and macOS fleets of every kind (supervised
// or not, version ranges, legacy keys, Santa with either payload type, DDM from 27), publishers
// with Team IDs, apps with and without their own, inline apps, exceptions and low confidence.
import fc from 'fast-check';
import { stringify } from 'yaml';

export interface ApplePublisher {
  id: string;
  parent?: string;
  team?: string;
}

export interface AppleApp {
  id: string;
  publisher?: string;
  confidence: 'high' | 'medium' | 'low';
  ios?: string;
  macos?: { bundle: string; team?: string };
  /** Defined in its block rule rather than in the catalog. */
  inline: boolean;
}

export interface AppleFleet {
  id: string;
  ios?: { supervised: boolean; min: number; max?: number; legacyKeys: boolean; removeApps: boolean };
  macos?: { supervised: boolean; min: number; max?: number; santa: false | 'com.northpolesec.santa' | 'com.google.santa'; removeApps: boolean };
}

export interface AppleModel {
  includeLowConfidence: boolean;
  publishers: ApplePublisher[];
  apps: AppleApp[];
  fleets: AppleFleet[];
  blockApps: { id: string; fleets?: string[] }[];
  blockPublishers: { id: string; fleets?: string[] }[];
  allow: { kind: 'app' | 'publisher'; id: string; fleets?: string[]; until?: string }[];
}

const IOS_MIN = [12, 15, 17, 26, 27];
const MACOS_MIN = [11, 14, 15, 26, 27];
const MAX = [undefined, 18, 26, 27];

const strip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
const fleetsOf = (ids: string[]) => fc.option(fc.subarray(ids, { minLength: 1 }), { nil: undefined });

const iosFleet = fc
  .record({ supervised: fc.boolean(), min: fc.constantFrom(...IOS_MIN), max: fc.constantFrom(...MAX), legacyKeys: fc.boolean(), removeApps: fc.boolean() })
  .map((f) => strip({ ...f, max: f.max !== undefined && f.max >= f.min ? f.max : undefined }));
const macosFleet = fc
  .record({
    supervised: fc.boolean(),
    min: fc.constantFrom(...MACOS_MIN),
    max: fc.constantFrom(...MAX),
    santa: fc.constantFrom<false | 'com.northpolesec.santa' | 'com.google.santa'>(false, 'com.northpolesec.santa', 'com.google.santa'),
    removeApps: fc.boolean(),
  })
  .map((f) => strip({ ...f, max: f.max !== undefined && f.max >= f.min ? f.max : undefined }));

export const appleModelArbitrary: fc.Arbitrary<AppleModel> = fc
  .record({ publisherCount: fc.integer({ min: 0, max: 3 }), appCount: fc.integer({ min: 1, max: 8 }), fleetCount: fc.integer({ min: 1, max: 3 }) })
  .chain(({ publisherCount, appCount, fleetCount }) => {
    const publisherIds = Array.from({ length: publisherCount }, (_, i) => `pub${i}`);
    const appIds = Array.from({ length: appCount }, (_, i) => `app${i}`);
    const fleetIds = Array.from({ length: fleetCount }, (_, i) => `fleet-${i}`);
    const publishers = fc.tuple(
      ...publisherIds.map((id, i) =>
        fc.record({
          id: fc.constant(id),
          parent: i === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...publisherIds.slice(0, i)), { nil: undefined }),
          team: fc.option(fc.constant(`PUBTEAM00${i}`), { nil: undefined }),
        }),
      ),
    );
    const apps = fc.tuple(
      ...appIds.map((id, i) =>
        fc.record({
          id: fc.constant(id),
          publisher: publisherIds.length ? fc.option(fc.constantFrom(...publisherIds), { nil: undefined }) : fc.constant(undefined),
          confidence: fc.constantFrom<'high' | 'medium' | 'low'>('high', 'medium', 'low'),
          ios: fc.option(fc.constant(`com.ios.app${i}`), { nil: undefined }),
          macos: fc.option(fc.record({ bundle: fc.constant(`com.mac.app${i}`), team: fc.option(fc.constant(`APPTEAM00${i}`), { nil: undefined }) }), { nil: undefined }),
          inline: fc.boolean(),
        }),
      ),
    );
    const fleets = fc.tuple(
      ...fleetIds.map((id) =>
        fc
          .record({ id: fc.constant(id), ios: fc.option(iosFleet, { nil: undefined }), macos: fc.option(macosFleet, { nil: undefined }) })
          .map((f) => strip(f.ios || f.macos ? f : { ...f, macos: { supervised: true, min: 14, santa: 'com.northpolesec.santa' as const, removeApps: true } })),
      ),
    );
    const rule = (ids: string[]) => fc.record({ id: fc.constantFrom(...ids), fleets: fleetsOf(fleetIds) }).map(strip);
    return fc
      .record({
        includeLowConfidence: fc.boolean(),
        publishers,
        apps,
        fleets,
        blockApps: fc.uniqueArray(rule(appIds), { maxLength: 4, selector: (r) => r.id }),
        blockPublishers: publisherIds.length ? fc.uniqueArray(rule(publisherIds), { maxLength: 3, selector: (r) => r.id }) : fc.constant<{ id: string; fleets?: string[] }[]>([]),
        allow: fc.array(
          fc.record({
            kind: publisherIds.length ? fc.constantFrom<'app' | 'publisher'>('app', 'publisher') : fc.constant<'app'>('app'),
            pick: fc.nat(),
            fleets: fleetsOf(fleetIds),
            until: fc.option(fc.constantFrom('2020-01-31', '2099-12-31'), { nil: undefined }),
          }),
          { maxLength: 3 },
        ),
      })
      .map((m) => {
        // An inline app is defined by its block rule, so it has one, names no publisher and has an identifier.
        const inlineIds = new Set(m.apps.filter((a) => a.inline && (a.ios || a.macos)).map((a) => a.id));
        const appsOut = m.apps.map((a) => strip({ ...a, inline: inlineIds.has(a.id), publisher: inlineIds.has(a.id) ? undefined : a.publisher, confidence: inlineIds.has(a.id) ? ('high' as const) : a.confidence, macos: a.macos && strip(a.macos) }));
        const blockApps = [...m.blockApps.filter((r) => !inlineIds.has(r.id)), ...[...inlineIds].map((id) => ({ id }))];
        return {
          includeLowConfidence: m.includeLowConfidence,
          publishers: m.publishers.map(strip),
          apps: appsOut,
          fleets: m.fleets,
          blockApps,
          blockPublishers: m.blockPublishers as { id: string; fleets?: string[] }[],
          allow: m.allow.map(({ kind, pick, fleets: f, until }) => strip({ kind, id: kind === 'app' ? appIds[pick % appIds.length]! : publisherIds[pick % publisherIds.length]!, fleets: f, until })),
        };
      })
      .filter((m) => m.blockApps.length + m.blockPublishers.length > 0);
  });

/** The model as a policy file. */
export function renderApple(m: AppleModel): string {
  const appDoc = (a: AppleApp) =>
    strip({
      name: `App ${a.id}`,
      publisher: a.publisher,
      confidence: a.confidence === 'high' ? undefined : a.confidence,
      ios: a.ios && { bundleId: a.ios },
      macos: a.macos && strip({ bundleId: a.macos.bundle, teamId: a.macos.team }),
    });
  const inline = new Map(m.apps.filter((a) => a.inline).map((a) => [a.id, a]));
  const policy = {
    version: 1,
    id: 'org.example.effect-property',
    name: 'Effect property',
    options: { includeLowConfidence: m.includeLowConfidence },
    publishers: m.publishers.map((p) => strip({ id: p.id, name: `Publisher ${p.id}`, parent: p.parent, apple: p.team && { teamIds: [p.team] } })),
    apps: m.apps.filter((a) => !a.inline).map((a) => ({ id: a.id, ...appDoc(a) })),
    fleets: Object.fromEntries(
      m.fleets.map((f) => [
        f.id,
        strip({
          ios: f.ios && strip({ supervised: f.ios.supervised, minVersion: String(f.ios.min), maxVersion: f.ios.max && String(f.ios.max), legacyKeys: f.ios.legacyKeys, removeApps: f.ios.removeApps }),
          macos: f.macos && strip({ supervised: f.macos.supervised, minVersion: String(f.macos.min), maxVersion: f.macos.max && String(f.macos.max), santa: f.macos.santa && { payloadType: f.macos.santa }, removeApps: f.macos.removeApps }),
        }),
      ]),
    ),
    block: {
      apps: m.blockApps.map((r) => {
        const a = inline.get(r.id);
        return a ? strip({ id: r.id, ...appDoc(a), fleets: r.fleets }) : r;
      }),
      publishers: m.blockPublishers,
    },
    allow: m.allow.map(({ kind, id, ...rest }) => ({ [kind]: id, ...rest })),
  };
  return stringify(policy, { lineWidth: 0, aliasDuplicateObjects: false });
}
