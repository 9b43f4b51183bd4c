import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, type CompileOptions } from '../../src/index.js';
import { androidTargets } from '../helpers/android.js';
import { codes, TODAY } from '../helpers/compile.js';
import { expectGolden } from '../helpers/golden.js';

/**
 * One golden folder per ownership mode (and one for an overlay onto existing policies), each
 * holding every Android artifact: the mode is a property of the fleet that all four Android
 * targets read, and a case shows the whole set a pipeline receives.
 */
const goldenDir = resolve(import.meta.dirname, '../golden/android');

async function compileCase(name: string, options: CompileOptions = {}) {
  const result = await compile(resolve(goldenDir, name, 'policy.yaml'), { today: TODAY, displayBase: resolve(goldenDir, name), targets: androidTargets, ...options });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { result, artifacts: result.artifacts.filter((a) => a.kind !== 'manifest') };
}

describe('Android golden outputs', () => {
  it('fully managed: applications BLOCKED and playStoreMode BLACKLIST', async () => {
    const { result, artifacts } = await compileCase('fully-managed');
    expectGolden(resolve(goldenDir, 'fully-managed/expected'), artifacts);
    expect(result.plan!.fleets[0]!.android!.scope).toBe('device');
  });

  it('company-owned work profile: the personal profile blocked too', async () => {
    const { result, artifacts } = await compileCase('company-owned-work-profile');
    expectGolden(resolve(goldenDir, 'company-owned-work-profile/expected'), artifacts);
    expect(result.plan!.fleets[0]!.android!.scope).toBe('work-and-personal-profiles');
  });

  it('personally owned work profile: the work profile only, and a warning that says so', async () => {
    const { result, artifacts } = await compileCase('personally-owned-work-profile');
    expectGolden(resolve(goldenDir, 'personally-owned-work-profile/expected'), artifacts);
    expect(result.plan!.fleets[0]!.android!.scope).toBe('work-profile-only');
    expect(codes(result.diagnostics)).toEqual(['ANDROID_PERSONAL_PROFILE_UNMANAGED']);
  });

  it('overlay: the bases kept field for field, blocked entries in place or appended, removals from --previous', async () => {
    const previous = { field: ['com.ss.android.ugc.trill', 'com.whatsapp', 'com.zhiliaoapp.musically'], staff: ['com.tencent.mm'] };
    const { result, artifacts } = await compileCase('overlay', { previous });
    expectGolden(resolve(goldenDir, 'overlay/expected'), artifacts);
    // staff's base leaves playStoreMode unset (WHITELIST): kept, and said.
    expect(codes(result.diagnostics)).toEqual(['ANDROID_BASE_ALLOWLIST']);
  });
});
