import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExact } from '../../src/common/json/exact-json.js';
import { conformanceProblems } from '../conformance/artifact-checks.js';
import { located } from '../helpers/compile.js';
import { androidPolicy, compileWith, TIKTOK, WECHAT } from './fixtures.js';

/**
 * Policies real admins published (real-bases/README.md names each source), laid under the
 * blocklist in the ownership mode they were written for. Each merges into outputs that pass the
 * discovery document, or is refused, or warned about, for a reason the admin can act on, all
 * reasons at once.
 */
type Mode = 'fully-managed' | 'company-owned-work-profile' | 'personally-owned-work-profile';
const dir = resolve(import.meta.dirname, 'real-bases');

const CASES: [file: string, mode: Mode, expected: string[]][] = [
  ['google-quickstart.json', 'fully-managed', ['b.json:1:1 ANDROID_BASE_ALLOWLIST']],
  ['google-fully-managed.json', 'fully-managed', ['b.json:1:1 ANDROID_BASE_ALLOWLIST']],
  ['google-dedicated-device.json', 'fully-managed', ['b.json:1:1 ANDROID_BASE_ALLOWLIST']],
  // As published: a field the API no longer has, named with its replacement.
  ['google-work-profile-byod.json', 'personally-owned-work-profile', ['b.json:1:1 ANDROID_BASE_ALLOWLIST', 'b.json:15:3 ANDROID_BASE_INVALID', 'p.yaml:10:14 ANDROID_PERSONAL_PROFILE_UNMANAGED']],
  ['google-work-profile-cope.json', 'company-owned-work-profile', ['b.json:1:1 ANDROID_BASE_ALLOWLIST', 'b.json:17:5 ANDROID_BASE_INVALID']],
  // installAppsDisabled and uninstallAppsDisabled both, reported together; maximumTimeToLock: 0 passes.
  ['hotel-kiosk.json', 'fully-managed', ['b.json:1:1 ANDROID_BASE_ALLOWLIST', 'b.json:27:26 ANDROID_BASE_INSTALL_DISABLED', 'b.json:28:28 ANDROID_BASE_UNINSTALL_DISABLED']],
  ['smart-locker-kiosk.json', 'fully-managed', ['b.json:41:20 ANDROID_BASE_ALLOWLIST']],
  ['status-reporting-chrome.json', 'fully-managed', ['b.json:1:1 ANDROID_BASE_ALLOWLIST']],
  ['bayton-cope-personal-allowlist.json', 'company-owned-work-profile', ['b.json:1:1 ANDROID_BASE_ALLOWLIST', 'b.json:3:30 ANDROID_BASE_ALLOWLIST']],
  ['cope-personal-blocklist.json', 'company-owned-work-profile', ['b.json:1:1 ANDROID_BASE_ALLOWLIST']],
];

const compileOn = (json: string, mode: Mode) => compileWith({ 'p.yaml': androidPolicy(`  f:\n    android: { mode: ${mode}, basePolicy: b.json }\n`), 'b.json': json });

/** What a problem string's path names in a value: "applications[0].lockTaskAllowed". */
function at(value: unknown, path: string): unknown {
  return path.split(/\.|(?=\[)/).filter(Boolean).reduce<unknown>((v, part) => {
    const index = /^\[(\d+)\]$/.exec(part);
    return v === undefined || v === null ? undefined : (v as Record<string, unknown>)[index ? Number(index[1]) : part];
  }, value);
}

describe("real admins' base policies", () => {
  it.each(CASES)('%s on a %s fleet', async (file, mode, expected) => {
    const text = readFileSync(resolve(dir, file), 'utf8');
    const r = await compileOn(text, mode);
    expect(located(r.diagnostics)).toEqual(expected);
    if (file.startsWith('google-work-profile')) expect(r.diagnostics.find((d) => d.code === 'ANDROID_BASE_INVALID')!.message).toMatch(/passwordScope|personalApplications/);
    if (expected.some((d) => /ANDROID_BASE_(INVALID|UNINSTALL_DISABLED|CONFLICT|VPN_BLOCKED)$/.test(d))) {
      expect(r.artifacts).toEqual([]);
      return;
    }
    const base = parseExact(text);
    const android = r.artifacts.filter((a) => a.platform === 'android');
    expect(android.length).toBeGreaterThan(0);
    // A deprecated field or value the base chose is the base's, passed through as it is; anything
    // else the discovery document objects to is ours.
    const problems = conformanceProblems(android, r.plan!).filter((p) => {
      const m = / (deprecated-field|deprecated-enum) at ([^:]+):/.exec(p);
      return !(m && at(base, m[2]!) !== undefined && p.includes('/policy.json:'));
    });
    expect(problems).toEqual([]);
    const policy = parseExact(new TextDecoder().decode(r.artifacts.find((a) => a.path === 'f/android/policy.json')!.bytes)) as Record<string, unknown>;
    const applications = policy['applications'] as { packageName: string; installType?: string }[];
    for (const p of [TIKTOK, WECHAT]) expect(applications.find((e) => e.packageName === p)?.installType).toBe('BLOCKED');
  });

  it('the Google examples, corrected as the messages say, merge', async () => {
    const byod = JSON.parse(readFileSync(resolve(dir, 'google-work-profile-byod.json'), 'utf8')) as Record<string, unknown>;
    const { parentProfilePasswordRequirements: device, ...rest } = byod;
    const fixed = { ...rest, passwordPolicies: [{ ...(device as object), passwordScope: 'SCOPE_DEVICE' }] };
    expect(located((await compileOn(JSON.stringify(fixed), 'personally-owned-work-profile')).diagnostics)).toEqual(['b.json:1:1 ANDROID_BASE_ALLOWLIST', 'p.yaml:10:14 ANDROID_PERSONAL_PROFILE_UNMANAGED']);

    const cope = JSON.parse(readFileSync(resolve(dir, 'google-work-profile-cope.json'), 'utf8')) as { personalUsagePolicies: Record<string, unknown> };
    const { personalApplicationPolicy: list, ...personal } = cope.personalUsagePolicies;
    const r = await compileOn(JSON.stringify({ ...cope, personalUsagePolicies: { ...personal, personalApplications: list } }), 'company-owned-work-profile');
    expect(located(r.diagnostics)).toEqual(['b.json:1:1 ANDROID_BASE_ALLOWLIST']);
    expect(r.artifacts.length).toBeGreaterThan(0);
  });
});
