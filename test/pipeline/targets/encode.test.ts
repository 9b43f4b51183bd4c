import { describe, expect, it } from 'vitest';
import { ExactNumber } from '../../../src/common/json/exact-json.js';
import { androidJson } from '../../../src/pipeline/targets/android/json-artifact.js';
import { jsonBytes } from '../../../src/pipeline/targets/encode.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

// One JSON writer for every JSON artifact: the Android files are jsonBytes, not a copy of it.
describe('jsonBytes', () => {
  it('is JSON.stringify with a two-space indent and a trailing newline', () => {
    const value = { b: [1, 'x', null], a: { nested: true }, empty: {}, none: [] };
    expect(text(jsonBytes(value))).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it('writes a big integer a base policy held exactly digit for digit', () => {
    expect(text(jsonBytes({ version: new ExactNumber('12345678901234567890') }))).toBe('{\n  "version": 12345678901234567890\n}\n');
  });

  it("is what an Android fleet's file holds", () => {
    const data = { version: new ExactNumber('98765432109876543210'), applications: [{ packageName: 'com.example.app', installType: 'BLOCKED' }] };
    const artifact = androidJson('f', 'policy.json', 'amapi-policy', data);
    expect(artifact.path).toBe('f/android/policy.json');
    expect(text(artifact.bytes)).toBe('{\n  "version": 98765432109876543210,\n  "applications": [\n    {\n      "packageName": "com.example.app",\n      "installType": "BLOCKED"\n    }\n  ]\n}\n');
  });
});
