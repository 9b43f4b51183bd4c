// Random valid blocklists for the property tests: a small model, its arbitrary, and its YAML.
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { AndroidMode } from '../../src/index.js';

export interface ModelPublisher {
  id: string;
  name: string;
  parent?: string;
}

export interface ModelApp {
  id: string;
  name: string;
  publisher?: string;
  confidence: 'high' | 'medium' | 'low';
  ios?: string;
  android?: string;
}

export interface ModelFleet {
  id: string;
  ios: boolean;
  android?: AndroidMode;
}

export interface ModelRule {
  id: string;
  fleets?: string[];
  reason?: string;
}

export interface ModelException {
  kind: 'app' | 'publisher';
  id: string;
  fleets?: string[];
  until?: string;
}

export interface Model {
  name: string;
  description?: string;
  includeLowConfidence: boolean;
  publishers: ModelPublisher[];
  apps: ModelApp[];
  /** Absent: the policy declares none and has the implicit `default` fleet (iOS and Android). */
  fleets?: ModelFleet[];
  blockApps: ModelRule[];
  blockPublishers: ModelRule[];
  allow: ModelException[];
  /** The catalog in an included file rather than in the policy. */
  catalogFile: boolean;
}

/**
 * Text that must survive every format: markup, an entity, the CDATA terminator, quotes, a
 * backslash, emoji, Hebrew and Arabic with their direction marks, CJK, a tab; never what the
 * compiler refuses (controls, bidirectional overrides, lone surrogates).
 */
const piece = fc.oneof(
  fc.constantFrom('<', '>', '&', '&amp;', ']]>', '"', "'", '\\', '😀', '👩‍💻', 'שלום\u200F', 'مرحبا\u061C', '\u200E', '中文', 'é', '\t', ' ', '<!--', '{{x}}', '#', ': '),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }),
);
export const oddText = fc
  .array(piece, { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''))
  // eslint-disable-next-line no-control-regex
  .filter((s) => s.length <= 150 && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s) && s.trim() !== '');

const MODES: AndroidMode[] = ['fully-managed', 'company-owned-work-profile', 'personally-owned-work-profile'];
const TODAY_EXPIRED = '2020-01-31';
const TODAY_ACTIVE = '2099-12-31';

/** A subset of `ids` for a rule's `fleets:` (absent: every fleet). */
const fleetsOf = (ids: string[]) => fc.option(fc.subarray(ids, { minLength: 1 }), { nil: undefined });

export const modelArbitrary: fc.Arbitrary<Model> = fc
  .record({
    publisherCount: fc.integer({ min: 0, max: 5 }),
    appCount: fc.integer({ min: 1, max: 10 }),
    fleetSpecs: fc.option(
      fc.array(fc.record({ ios: fc.boolean(), android: fc.option(fc.constantFrom(...MODES), { nil: undefined }) }), { minLength: 1, maxLength: 3 }),
      { nil: undefined },
    ),
  })
  .chain(({ publisherCount, appCount, fleetSpecs }) => {
    const publisherIds = Array.from({ length: publisherCount }, (_, i) => `pub${i}`);
    const appIds = Array.from({ length: appCount }, (_, i) => `app${i}`);
    const fleets = fleetSpecs?.map((f, i) => ({ id: `fleet-${i}`, ios: f.ios || f.android === undefined, ...(f.android && { android: f.android }) }));
    const fleetIds = fleets ? fleets.map((f) => f.id) : ['default'];
    const publishers = fc.tuple(
      ...publisherIds.map((id, i) =>
        fc.record({
          id: fc.constant(id),
          name: oddText,
          // Only earlier publishers can be parents, so parents never form a cycle.
          parent: i === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...publisherIds.slice(0, i)), { nil: undefined }),
        }),
      ),
    );
    const apps = fc.tuple(
      ...appIds.map((id, i) =>
        fc.record({
          id: fc.constant(id),
          name: oddText,
          publisher: publisherIds.length ? fc.option(fc.constantFrom(...publisherIds), { nil: undefined }) : fc.constant(undefined),
          confidence: fc.constantFrom('high', 'medium', 'low'),
          ios: fc.option(fc.constant(`com.ios.app${i}`), { nil: undefined }),
          android: fc.option(fc.constant(`com.android.app${i}`), { nil: undefined }),
        }),
      ),
    );
    const rule = (ids: string[]) => fc.record({ id: fc.constantFrom(...ids), fleets: fleetsOf(fleetIds), reason: fc.option(oddText, { nil: undefined }) });
    const exception = fc.record({
      kind: publisherIds.length ? fc.constantFrom<'app' | 'publisher'>('app', 'publisher') : fc.constant<'app'>('app'),
      pick: fc.nat(),
      fleets: fleetsOf(fleetIds),
      until: fc.option(fc.constantFrom(TODAY_EXPIRED, TODAY_ACTIVE), { nil: undefined }),
    });
    return fc
      .record({
        name: oddText,
        description: fc.option(oddText, { nil: undefined }),
        includeLowConfidence: fc.boolean(),
        publishers,
        apps,
        blockApps: fc.uniqueArray(rule(appIds), { maxLength: 4, selector: (r) => r.id }),
        blockPublishers: fc.uniqueArray(rule(publisherIds.length ? publisherIds : ['none']), { maxLength: publisherIds.length ? 3 : 0, selector: (r) => r.id }),
        allow: fc.array(exception, { maxLength: 3 }),
        catalogFile: fc.boolean(),
      })
      .filter((m) => m.blockApps.length + m.blockPublishers.length > 0)
      .map((m) => ({
        ...m,
        publishers: m.publishers.map(stripUndefined),
        apps: m.apps.map(stripUndefined),
        blockApps: m.blockApps.map(stripUndefined),
        blockPublishers: m.blockPublishers.map(stripUndefined),
        allow: m.allow.map(({ kind, pick, fleets: f, until }) =>
          stripUndefined({ kind, id: kind === 'app' ? appIds[pick % appIds.length]! : publisherIds[pick % publisherIds.length]!, fleets: f, until }),
        ),
        ...(fleets && { fleets }),
      }))
      .map(stripUndefined);
  });

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The same model with every list (and the fleets' order) shuffled by a seed. */
export function reorder(m: Model, seed: number): Model {
  let state = seed >>> 0 || 1;
  const shuffle = <T>(list: readonly T[]): T[] => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      const j = state % (i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  const rules = (list: ModelRule[]) => shuffle(list).map((r) => (r.fleets ? { ...r, fleets: shuffle(r.fleets) } : r));
  return {
    ...m,
    publishers: shuffle(m.publishers),
    apps: shuffle(m.apps),
    ...(m.fleets && { fleets: shuffle(m.fleets) }),
    blockApps: rules(m.blockApps),
    blockPublishers: rules(m.blockPublishers),
    allow: shuffle(m.allow).map((e) => (e.fleets ? { ...e, fleets: shuffle(e.fleets) } : e)),
  };
}

/** The model as files: policy.yaml, and catalog.yaml when the catalog is kept apart. */
export function render(m: Model): Record<string, string> {
  const catalog = {
    publishers: m.publishers,
    apps: m.apps.map(({ ios, android, ...app }) => ({ ...app, ...(ios && { ios: { bundleId: ios } }), ...(android && { android: { package: android } }) })),
  };
  const policy = {
    version: 1,
    id: 'org.example.property',
    name: m.name,
    ...(m.description !== undefined && { description: m.description }),
    ...(m.catalogFile ? { include: ['catalog.yaml'] } : catalog),
    options: { includeLowConfidence: m.includeLowConfidence },
    ...(m.fleets && {
      fleets: Object.fromEntries(
        m.fleets.map((f) => [f.id, { ...(f.ios && { ios: {} }), ...(f.android && { android: { mode: f.android } }) }]),
      ),
    }),
    block: { apps: m.blockApps, publishers: m.blockPublishers },
    allow: m.allow.map(({ kind, id, ...rest }) => ({ [kind]: id, ...rest })),
  };
  const yaml = (v: unknown) => stringify(v, { lineWidth: 0, aliasDuplicateObjects: false });
  return { 'policy.yaml': yaml(policy), ...(m.catalogFile && { 'catalog.yaml': yaml(catalog) }) };
}
