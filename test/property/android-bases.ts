// Random AMAPI base policies for the Android property test, made to fit a fleet: they never give a
// blocked app anything but BLOCKED (that is an ANDROID_BASE_CONFLICT, tested elsewhere) nor block an
// app an exception allows (ANDROID_BASE_BLOCKS_ALLOWED, likewise), and they
// carry what a faithful overlay must keep: allowlist modes, BLOCKED entries with other fields,
// integers beyond 2^53, int64 fields as numbers and as strings, fields the compiler never reads.
import fc from 'fast-check';
import type { AndroidMode } from '../../src/index.js';

/** A base as JSON text, written by hand so that big integers keep their digits. */
export interface BaseText {
  text: string;
  /** Every integer literal beyond 2^53 the text holds. */
  bigIntegers: string[];
}

const bigInteger = fc.bigInt({ min: 2n ** 53n + 1n, max: 2n ** 64n }).chain((n) => fc.constantFrom(n.toString(), (-n).toString()));
const managedConfiguration = fc.record({ deviceId: bigInteger, label: fc.constantFrom('kiosk', 'field "α"', '<b>&'), ratio: fc.constantFrom(0.5, 1e-7, 3) });

/** A JSON value with ExactNumber-like holes: `{ $int: "123…" }` is written as the bare digits. */
type Doc = unknown;

function write(value: Doc, ints: string[]): string {
  if (value && typeof value === 'object' && !Array.isArray(value) && '$int' in value) {
    ints.push(String((value as { $int: string }).$int));
    return String((value as { $int: string }).$int);
  }
  if (Array.isArray(value)) return `[${value.map((v) => write(v, ints)).join(', ')}]`;
  if (value && typeof value === 'object') return `{\n${Object.entries(value).map(([k, v]) => `  ${JSON.stringify(k)}: ${write(v, ints)}`).join(',\n')}\n}`;
  return JSON.stringify(value);
}

/** What the blocklist does to a package: the base may give it only what fits. */
type Role = 'blocked' | 'allowed' | 'other';
const WORK_TYPES: Record<Role, (string | undefined)[]> = {
  blocked: ['BLOCKED'],
  allowed: ['AVAILABLE', 'FORCE_INSTALLED', 'PREINSTALLED', undefined],
  other: ['BLOCKED', 'AVAILABLE', 'FORCE_INSTALLED', 'PREINSTALLED', undefined],
};
const PERSONAL_TYPES: Record<Role, (string | undefined)[]> = { blocked: ['BLOCKED'], allowed: ['AVAILABLE', undefined], other: ['BLOCKED', 'AVAILABLE', undefined] };

const entryFor = (role: Role) => (packageName: string) =>
  fc
    .record({
      installType: fc.constantFrom(...WORK_TYPES[role]),
      disabled: fc.option(fc.boolean(), { nil: undefined }),
      autoUpdateMode: fc.option(fc.constantFrom('AUTO_UPDATE_POSTPONED', 'AUTO_UPDATE_HIGH_PRIORITY'), { nil: undefined }),
      managedConfiguration: fc.option(managedConfiguration.map((c) => ({ ...c, deviceId: { $int: c.deviceId } })), { nil: undefined }),
    })
    .map((e) => strip({ packageName, ...e }));

const personalEntry = (role: Role) => (packageName: string) =>
  fc.record({ installType: fc.constantFrom(...PERSONAL_TYPES[role]) }).map((e) => strip({ packageName, ...e }));

/**
 * A base for a fleet of `mode` whose blocklist blocks `blocked` and leaves `others` alone (of them,
 * `allowed` by an exception): some of each listed, in random order, beside packages only the base knows.
 */
export function baseArbitrary(mode: AndroidMode, blocked: readonly string[], others: readonly string[], allowed: readonly string[]): fc.Arbitrary<BaseText> {
  const pick = (list: readonly string[]) => fc.shuffledSubarray([...list]);
  const roleOf = (p: string): Role => (allowed.includes(p) ? 'allowed' : 'other');
  const own = fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }).map((ns) => ns.map((n) => `com.base.keep${n}`));
  const applications = fc
    .tuple(pick(blocked), pick(others), own)
    .chain(([b, o, k]) => fc.tuple(...b.map(entryFor('blocked')), ...[...o, ...k].map((p) => entryFor(roleOf(p))(p))))
    .chain((entries) => fc.shuffledSubarray(entries, { minLength: entries.length }));
  const personal = fc.record({
    personalPlayStoreMode: fc.option(fc.constantFrom('BLOCKLIST', 'ALLOWLIST', 'BLACKLIST', 'PLAY_STORE_MODE_UNSPECIFIED'), { nil: undefined }),
    personalApplications: fc.option(
      fc.tuple(pick(blocked), pick(others)).chain(([b, o]) => fc.tuple(...b.map(personalEntry('blocked')), ...o.map((p) => personalEntry(roleOf(p))(p)))),
      { nil: undefined },
    ),
    maxDaysWithWorkOff: fc.option(fc.constant(3), { nil: undefined }),
    cameraDisabled: fc.option(fc.boolean(), { nil: undefined }),
  });
  return fc
    .record({
      name: fc.option(fc.constant('enterprises/LC00example/policies/base'), { nil: undefined }),
      version: fc.option(fc.constantFrom('7', { $int: '9007199254740993' }), { nil: undefined }),
      playStoreMode: fc.option(fc.constantFrom('WHITELIST', 'BLACKLIST', 'PLAY_STORE_MODE_UNSPECIFIED'), { nil: undefined }),
      applications: fc.option(applications, { nil: undefined }),
      maximumTimeToLock: fc.option(fc.constantFrom(0, '300000', { $int: '9223372036854775807' }), { nil: undefined }),
      installAppsDisabled: fc.option(fc.boolean(), { nil: undefined }),
      statusReportingSettings: fc.option(fc.constant({ applicationReportsEnabled: true }), { nil: undefined }),
      personalUsagePolicies: mode === 'company-owned-work-profile' ? fc.option(personal.map(strip), { nil: undefined }) : fc.constant(undefined),
    })
    .map((base) => {
      const ints: string[] = [];
      return { text: write(strip(base), ints) + '\n', bigIntegers: ints };
    });
}

function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
