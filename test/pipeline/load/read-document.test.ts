import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as yaml from 'yaml';
import { LIMITS } from '../../../src/pipeline/load/limits.js';
import { readDocument } from '../../../src/pipeline/load/read-document.js';
import { checkStructure } from '../../../src/pipeline/load/yaml-structure.js';

const nested = (levels: number) => 'x: ' + '['.repeat(levels) + ']'.repeat(levels) + '\n';

// Documents the one walk must read exactly as checkStructure + toJS do, or hand over to them.
const documents: Record<string, string> = {
  'block mappings and lists': 'version: 1\nblock:\n  apps:\n    - id: a\n      ios: { bundleId: com.a }\n    - id: b\n      name: >\n        folded\n        text\n',
  'keys of every scalar kind': '~: null key\nnull: word null\ntrue: t\n1.50: float\n0x10: hex\n0o17: octal\n"quoted": q\n\'single\': s\n? explicit\n: value\n',
  'keys JavaScript objects treat specially': '__proto__: { polluted: true }\nconstructor: 1\ntoString: 2\nhasOwnProperty: [3]\n',
  'empty values': 'a:\nb: ~\nc: []\nd: {}\ne: ""\nlist:\n  -\n  - ~\n',
  'numbers JSON cannot carry': 'nan: .nan\ninf: .inf\nneg: -.inf\nzero: -0\nfloat: -0.0\n',
  'tags, known and unknown': 'a: !!str 123\nb: !!int "7"\nc: !custom text\nd: !!map { x: 1 }\n',
  'block scalars and escapes': 'lit: |\n  line one\n  line two\nfold: >-\n  a\n  b\nesc: "tab\\tnew\\nline \\u00e9"\n',
  'flow pairs in a sequence': 'list: [a: 1, b, { c: 2 }]\n',
  'anchors without aliases': 'base: &b { x: 1 }\nother: &o [1, 2]\n',
  'aliases': 'base: &b { x: 1 }\nuse: *b\nlist: [*b, *b]\n',
  'an alias inside the collection it names': 'a: &a [1, *a]\n',
  'a mapping as a key': '? { a: 1 }\n: v\n',
  'a list as a key': '? [a]\n: v\n',
  'an alias as a key': 'a: &k key\n*k : v\n',
  'nesting at the cap': nested(LIMITS.maxDepth - 1),
  'nesting past the cap': nested(LIMITS.maxDepth),
  'nesting past the cap after an alias': 'a: &a [1]\nb: *a\n' + nested(LIMITS.maxDepth),
  'a bare scalar': 'just text\n',
  'an empty document': '# nothing\n',
};

describe('readDocument: one walk for data, positions and shape', () => {
  it.each(Object.entries(documents))('reads the data and finds the problem checkStructure and toJS find (%s)', (_name, text) => {
    const lines = new yaml.LineCounter();
    const doc = yaml.parseDocument(text, { lineCounter: lines, uniqueKeys: true, merge: false, logLevel: 'error' });
    const read = readDocument(doc, lines.lineStarts, yaml, LIMITS);
    const problem = checkStructure(doc, LIMITS, yaml);
    if (read.problem) expect(read.problem).toEqual(problem);
    else if (read.data) {
      expect(problem).toBeUndefined();
      const expected = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount }) as unknown;
      // Strict: -0 is not 0, and an own __proto__ is not the prototype.
      expect(isDeepStrictEqual(read.data.value, expected), JSON.stringify(expected)).toBe(true);
      expect(read.data.jsonSafe).toBe(isDeepStrictEqual(JSON.parse(JSON.stringify(expected)), expected));
    } else {
      // Handed over: only documents with aliases.
      expect(text).toMatch(/\*\w/);
    }
  });

  it('reads everything but aliases itself', () => {
    const handedOver = Object.entries(documents).filter(([, text]) => {
      const lines = new yaml.LineCounter();
      const read = readDocument(yaml.parseDocument(text, { lineCounter: lines, uniqueKeys: true, merge: false, logLevel: 'error' }), lines.lineStarts, yaml, LIMITS);
      return !read.data && !read.problem;
    });
    expect(handedOver.map(([name]) => name)).toEqual(['aliases', 'an alias inside the collection it names', 'nesting past the cap after an alias']);
  });
});
