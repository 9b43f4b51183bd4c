import { describe, expect, it } from 'vitest';
import { isObject, objectOr } from '../../src/common/json/object.js';

// One definition of "a JSON object" for the base-policy checks, the Android overlay and the effect check's readers.
describe('isObject / objectOr', () => {
  it('an object is neither null nor an array', () => {
    expect([{}, { a: 1 }, null, [], [1], 'x', 0, undefined, true].map(isObject)).toEqual([true, true, false, false, false, false, false, false, false]);
  });

  it('objectOr keeps an object as it is and reads anything else as no keys', () => {
    const o = { a: 1 };
    expect(objectOr(o)).toBe(o);
    expect([null, [1], 'x', 0, undefined].map(objectOr)).toEqual([{}, {}, {}, {}, {}]);
  });
});
