import type { Document, LineCounter } from 'yaml';

export type DocPath = readonly (string | number)[];

const Kind = { Leaf: 0, Map: 1, Seq: 2 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];
/** A node without a source range. */
const NO_RANGE = -1;
/** A mapping entry with no value (`key:`): a path through it stops at the mapping. */
const NO_VALUE = -2;

/** The flat form a PositionIndex is stored in (the build-time parse cache holds it as JSON). */
export interface PositionTables {
  keys: string[];
  kind: number[];
  offset: number[];
  keyOffset: number[];
  keyId: number[];
  childStart: number[];
  childCount: number[];
  children: number[];
  lineStarts: number[];
}

/**
 * Where each node of a YAML document starts, without the document: a few integer arrays
 * instead of the yaml AST (tens of objects per catalog entry), so a loaded catalog costs little
 * more memory than its data. Nodes are numbered in document order; a node's children sit in a
 * contiguous block of `children`, so list items are found by index, not by walking.
 */
export class PositionIndex {
  private readonly kind: Int8Array;
  private readonly offset: Int32Array;
  private readonly keyOffset: Int32Array;
  private readonly keyId: Int32Array;
  private readonly childStart: Int32Array;
  private readonly childCount: Int32Array;
  private readonly children: Int32Array;
  private readonly lineStarts: Uint32Array;
  private readonly keys: string[];
  private readonly keyIds: Map<string, number>;

  private constructor(tables: PositionTables) {
    this.kind = Int8Array.from(tables.kind);
    this.offset = Int32Array.from(tables.offset);
    this.keyOffset = Int32Array.from(tables.keyOffset);
    this.keyId = Int32Array.from(tables.keyId);
    this.childStart = Int32Array.from(tables.childStart);
    this.childCount = Int32Array.from(tables.childCount);
    this.children = Int32Array.from(tables.children);
    this.lineStarts = Uint32Array.from(tables.lineStarts);
    this.keys = tables.keys;
    this.keyIds = new Map(tables.keys.map((k, i) => [k, i]));
  }

  /** `yaml` is the module itself, passed in because it is loaded only when a file needs parsing. */
  static fromDocument(doc: Document.Parsed, lines: LineCounter, yaml: Pick<typeof import('yaml'), 'isMap' | 'isPair' | 'isScalar' | 'isSeq'>): PositionIndex {
    const { isMap, isPair, isScalar, isSeq } = yaml;
    const t: PositionTables = { keys: [], kind: [], offset: [], keyOffset: [], keyId: [], childStart: [], childCount: [], children: [], lineStarts: [] };
    const keyIds = new Map<string, number>();
    const add = (kind: Kind, offset: number, keyOffset: number, keyId: number): number => {
      t.kind.push(kind);
      t.offset.push(offset);
      t.keyOffset.push(keyOffset);
      t.keyId.push(keyId);
      t.childStart.push(0);
      t.childCount.push(0);
      return t.kind.length - 1;
    };
    const visit = (node: unknown, keyOffset: number, keyId: number): number => {
      const range = (node as { range?: [number, number, number] } | null)?.range;
      const kind = isMap(node) ? Kind.Map : isSeq(node) ? Kind.Seq : Kind.Leaf;
      const id = add(kind, range ? range[0] : NO_RANGE, keyOffset, keyId);
      if (kind === Kind.Leaf) return id;
      const items = (node as { items: unknown[] }).items;
      const start = t.children.length;
      t.childStart[id] = start;
      t.childCount[id] = items.length;
      for (let i = 0; i < items.length; i++) t.children.push(-1);
      items.forEach((item, i) => {
        if (kind === Kind.Seq || !isPair(item)) {
          t.children[start + i] = visit(item, NO_RANGE, -1);
          return;
        }
        const key = isScalar(item.key) ? String(item.key.value) : undefined;
        let kid = -1;
        if (key !== undefined) {
          kid = keyIds.get(key) ?? keyIds.size;
          if (kid === keyIds.size) keyIds.set(key, kid);
        }
        const keyAt = (item.key as { range?: [number, number, number] } | null)?.range?.[0] ?? NO_RANGE;
        t.children[start + i] = item.value ? visit(item.value, keyAt, kid) : add(Kind.Leaf, NO_VALUE, keyAt, kid);
      });
      return id;
    };
    if (doc.contents) visit(doc.contents, NO_RANGE, -1);
    t.keys = [...keyIds.keys()];
    t.lineStarts = lines.lineStarts;
    return new PositionIndex(t);
  }

  static fromTables(tables: PositionTables): PositionIndex {
    return new PositionIndex(tables);
  }

  toTables(): PositionTables {
    const list = (a: ArrayLike<number>) => Array.from(a);
    return {
      keys: this.keys,
      kind: list(this.kind),
      offset: list(this.offset),
      keyOffset: list(this.keyOffset),
      keyId: list(this.keyId),
      childStart: list(this.childStart),
      childCount: list(this.childCount),
      children: list(this.children),
      lineStarts: list(this.lineStarts),
    };
  }

  /** Offset of the value at `path`, or of the nearest ancestor that exists. */
  offsetOf(path: DocPath): number | undefined {
    const node = this.nodeAt(path);
    return node === undefined ? undefined : this.known(this.offset[node]!);
  }

  /** Offset of the key `key` in the mapping at `path`, else of that mapping. */
  keyOffsetOf(path: DocPath, key: string): number | undefined {
    const node = this.nodeAt(path);
    if (node === undefined) return undefined;
    const child = this.kind[node] === Kind.Map ? this.entry(node, key) : undefined;
    return this.known(child === undefined ? this.offset[node]! : this.keyOffset[child]!);
  }

  /** 1-based line and column of an offset, as yaml's LineCounter.linePos computes it. */
  linePos(offset: number): { line: number; col: number } {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    if (starts[low] === offset) return { line: low + 1, col: 1 };
    if (low === 0) return { line: 0, col: offset };
    return { line: low, col: offset - starts[low - 1]! + 1 };
  }

  private known(offset: number): number | undefined {
    return offset < 0 ? undefined : offset;
  }

  private nodeAt(path: DocPath): number | undefined {
    if (this.kind.length === 0) return undefined;
    let node = 0;
    for (const step of path) {
      let child: number | undefined;
      if (this.kind[node] === Kind.Map) child = this.entry(node, String(step));
      else if (this.kind[node] === Kind.Seq && typeof step === 'number' && step >= 0 && step < this.childCount[node]!) child = this.children[this.childStart[node]! + step];
      if (child === undefined || this.offset[child] === NO_VALUE) break;
      node = child;
    }
    return node;
  }

  private entry(map: number, key: string): number | undefined {
    const id = this.keyIds.get(key);
    if (id === undefined) return undefined;
    const start = this.childStart[map]!;
    for (let i = start; i < start + this.childCount[map]!; i++) {
      if (this.keyId[this.children[i]!] === id) return this.children[i];
    }
    return undefined;
  }
}
