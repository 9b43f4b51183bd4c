import { describe, expect, it } from 'vitest';
import * as yaml from 'yaml';
import { PositionIndex, type DocPath } from '../../../src/pipeline/load/positions.js';
import { readDocument } from '../../../src/pipeline/load/read-document.js';

/** Every path into a document, with the offsets yaml's own nodes give for it. */
function* paths(node: unknown, path: (string | number)[] = []): Generator<{ path: DocPath; offset?: number; keys: { key: string; offset?: number }[] }> {
  const offset = (node as { range?: number[] } | null)?.range?.[0];
  if (yaml.isMap(node)) {
    const keys = node.items.filter((p) => yaml.isScalar(p.key)).map((p) => ({ key: String((p.key as yaml.Scalar).value), offset: (p.key as yaml.Scalar).range?.[0] }));
    yield { path, ...(offset !== undefined && { offset }), keys };
    for (const pair of node.items) if (yaml.isScalar(pair.key) && pair.value) yield* paths(pair.value, [...path, String(pair.key.value)]);
  } else if (yaml.isSeq(node)) {
    yield { path, ...(offset !== undefined && { offset }), keys: [] };
    for (const [i, item] of node.items.entries()) yield* paths(item, [...path, i]);
  } else {
    yield { path, ...(offset !== undefined && { offset }), keys: [] };
  }
}

const documents = {
  block: 'version: 1\nid: com.example.p\napps:\n  - id: a\n    ios:\n      bundleId: { value: com.a, sources: [x, "y"] }\n  - id: b\n    name: >\n      folded\n      text\n',
  'keys without values and odd keys': 'a:\nb: 1\n123: numeric key\n"quoted key": 2\ntrue: 3\nnested:\n  - - deep\n    - er\n  - { x: , y: 2 }\n',
  'anchors and aliases': 'base: &b { x: 1 }\nuse: *b\nlist: [*b, 2]\n',
  'a bare scalar': 'just text\n',
};

describe('PositionIndex', () => {
  it.each(Object.entries(documents))('finds the same offsets as the yaml document (%s)', (_name, text) => {
    const lines = new yaml.LineCounter();
    const doc = yaml.parseDocument(text, { lineCounter: lines });
    const index = readDocument(doc, lines.lineStarts, yaml).positions;
    const restored = PositionIndex.fromTables(JSON.parse(JSON.stringify(index.toTables())));
    let checked = 0;
    for (const { path, offset, keys } of paths(doc.contents)) {
      for (const ix of [index, restored]) {
        expect(ix.offsetOf(path), JSON.stringify(path)).toBe(offset);
        for (const k of keys) expect(ix.keyOffsetOf(path, k.key), `${JSON.stringify(path)} key ${k.key}`).toBe(k.offset);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    for (let offset = 0; offset <= text.length; offset++) expect(index.linePos(offset)).toEqual(lines.linePos(offset));
  });

  it.each(Object.entries({ ...documents, 'numbers as mapping keys': 'm:\n  0: zero\n  1:\n  2: two\nl: [a, , c]\n' }))(
    'places the items of a list in one walk as offsetOf places each (%s)',
    (_name, text) => {
      const lines = new yaml.LineCounter();
      const index = readDocument(yaml.parseDocument(text, { lineCounter: lines }), lines.lineStarts, yaml).positions;
      const nowhere: DocPath[] = [['missing'], ['apps', 9, 'x'], ['nested', 0, 5]];
      for (const path of [...[...paths(yaml.parseDocument(text).contents)].map((p) => p.path), ...nowhere]) {
        for (const count of [0, 1, 4]) {
          expect(index.itemOffsetsOf(path, count), JSON.stringify(path)).toEqual(Array.from({ length: count }, (_, i) => index.offsetOf([...path, i])));
        }
      }
    },
  );

  it('stops at the nearest existing node for a path that goes nowhere', () => {
    const text = 'a:\n  b: [1, 2]\nc:\n';
    const lines = new yaml.LineCounter();
    const index = readDocument(yaml.parseDocument(text, { lineCounter: lines }), lines.lineStarts, yaml).positions;
    expect(index.offsetOf(['a', 'b', 7])).toBe(text.indexOf('['));
    expect(index.offsetOf(['a', 'missing', 'deeper'])).toBe(text.indexOf('b'));
    expect(index.offsetOf(['c', 'x'])).toBe(text.indexOf('c:') + 2); // the empty value after `c:`
    expect(index.keyOffsetOf(['a'], 'zzz')).toBe(text.indexOf('b'));
    expect(index.keyOffsetOf([], 'c')).toBe(text.indexOf('c:'));
  });
});
