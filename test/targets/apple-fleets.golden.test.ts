// The Apple fleet matrix (issue 3): each case is a policy and every artifact it compiles to.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/index.js';
import { expectGolden } from '../helpers/golden.js';

const root = join(import.meta.dirname, '..', 'golden', 'apple-fleets');

/** What each case must warn about, by code: the artifacts alone cannot say it. */
const cases: Record<string, string[]> = {
  'supervised-ios-17': ['NO_IDENTIFIER_FOR_PLATFORM'],
  'unsupervised-ios-17': ['IOS_UNSUPERVISED_NO_BLOCKING', 'NO_IDENTIFIER_FOR_PLATFORM'],
  'ios-12-legacy': ['IOS_LEGACY_KEY_DEPRECATED', 'NO_IDENTIFIER_FOR_PLATFORM'],
  'ios-27': ['NO_IDENTIFIER_FOR_PLATFORM'],
  'macos-santa': ['SANTA_APP_WITHOUT_TEAM_ID'],
  'macos-27': [],
  'profile-text': ['NO_IDENTIFIER_FOR_PLATFORM', 'SANTA_APP_WITHOUT_TEAM_ID'],
};

describe('Apple fleet matrix golden outputs', () => {
  for (const [name, codes] of Object.entries(cases)) {
    it(name, async () => {
      const dir = join(root, name);
      const result = await compile(join(dir, 'policy.yaml'), { today: '2026-06-01', displayBase: dir });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect([...new Set(result.diagnostics.map((d) => d.code))].sort()).toEqual(codes);
      expectGolden(join(dir, 'expected'), result.artifacts);
    });
  }
});
