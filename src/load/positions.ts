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
  /** STRIDE integers per node, see the field offsets below. */
  nodes: number[];
  children: number[];
  lineStarts: number[];
}

// Each node is STRIDE integers in `nodes`: its kind, where it starts, where its key starts (for a
// mapping value), its key's number in `keys`, and where its children are listed in `children`.
const STRIDE = 6;
const KIND = 0;
const OFFSET = 1;
const KEY_OFFSET = 2;
const KEY_ID = 3;
const CHILD_START = 4;
const CHILD_COUNT = 5;

/** An Int32Array that grows as it is pushed to. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Where each node of a YAML document starts, without the document: two integer arrays instead
 * of the yaml AST (tens of objects per catalog entry), so a loaded catalog costs little more
 * memory than its data and adds nothing for the garbage collector to trace. Nodes are numbered
 * in document order; a node's children sit in a contiguous block of `children`, so list items
 * are found by index, not by walking.
 */
export class PositionIndex {
  private readonly keyIds: Map<string, number>;

  private constructor(
    private readonly keys: string[],
    private readonly nodes: Int32Array,
    private readonly children: Int32Array,
    private readonly lineStarts: Uint32Array,
  ) {
    this.keyIds = new Map(keys.map((k, i) => [k, i]));
  }

  /** `yaml` is the module itself, passed in because it is loaded only when a file needs parsing. */
  static fromDocument(doc: Document.Parsed, lines: LineCounter, yaml: Pick<typeof import('yaml'), 'isMap' | 'isPair' | 'isScalar' | 'isSeq'>): PositionIndex {
    const { isMap, isPair, isScalar, isSeq } = yaml;
    const nodes = new IntList();
    const children = new IntList();
    const keyIds = new Map<string, number>();
    const add = (kind: Kind, offset: number, keyOffset: number, keyId: number): number => {
      nodes.push(kind);
      nodes.push(offset);
      nodes.push(keyOffset);
      nodes.push(keyId);
      nodes.push(0); // CHILD_START and CHILD_COUNT, set by visit for collections
      nodes.push(0);
      return nodes.length / STRIDE - 1;
    };
    const visit = (node: unknown, keyOffset: number, keyId: number): number => {
      const range = (node as { range?: [number, number, number] } | null)?.range;
      const kind = isMap(node) ? Kind.Map : isSeq(node) ? Kind.Seq : Kind.Leaf;
      const id = add(kind, range ? range[0] : NO_RANGE, keyOffset, keyId);
      if (kind === Kind.Leaf) return id;
      const items = (node as { items: unknown[] }).items;
      const start = children.length;
      nodes.data[id * STRIDE + CHILD_START] = start;
      nodes.data[id * STRIDE + CHILD_COUNT] = items.length;
      for (let i = 0; i < items.length; i++) children.push(-1);
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        let child: number;
        if (kind === Kind.Seq || !isPair(item)) {
          child = visit(item, NO_RANGE, -1);
        } else {
          let kid = -1;
          if (isScalar(item.key)) {
            const key = String(item.key.value);
            kid = keyIds.get(key) ?? keyIds.size;
            if (kid === keyIds.size) keyIds.set(key, kid);
          }
          const keyAt = (item.key as { range?: [number, number, number] } | null)?.range?.[0] ?? NO_RANGE;
          child = item.value ? visit(item.value, keyAt, kid) : add(Kind.Leaf, NO_VALUE, keyAt, kid);
        }
        children.data[start + i] = child;
      }
      return id;
    };
    if (doc.contents) visit(doc.contents, NO_RANGE, -1);
    return new PositionIndex([...keyIds.keys()], nodes.done(), children.done(), Uint32Array.from(lines.lineStarts));
  }

  static fromTables(t: PositionTables): PositionIndex {
    return new PositionIndex(t.keys, Int32Array.from(t.nodes), Int32Array.from(t.children), Uint32Array.from(t.lineStarts));
  }

  toTables(): PositionTables {
    return { keys: this.keys, nodes: Array.from(this.nodes), children: Array.from(this.children), lineStarts: Array.from(this.lineStarts) };
  }

  /** Offset of the value at `path`, or of the nearest ancestor that exists. */
  offsetOf(path: DocPath): number | undefined {
    const node = this.nodeAt(path);
    return node === undefined ? undefined : this.known(this.field(node, OFFSET));
  }

  /** Offset of the key `key` in the mapping at `path`, else of that mapping. */
  keyOffsetOf(path: DocPath, key: string): number | undefined {
    const node = this.nodeAt(path);
    if (node === undefined) return undefined;
    const child = this.field(node, KIND) === Kind.Map ? this.entry(node, key) : undefined;
    return this.known(child === undefined ? this.field(node, OFFSET) : this.field(child, KEY_OFFSET));
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

  private field(node: number, field: number): number {
    return this.nodes[node * STRIDE + field]!;
  }

  private known(offset: number): number | undefined {
    return offset < 0 ? undefined : offset;
  }

  private nodeAt(path: DocPath): number | undefined {
    if (this.nodes.length === 0) return undefined;
    let node = 0;
    for (const step of path) {
      let child: number | undefined;
      const kind = this.field(node, KIND);
      if (kind === Kind.Map) child = this.entry(node, String(step));
      else if (kind === Kind.Seq && typeof step === 'number' && step >= 0 && step < this.field(node, CHILD_COUNT)) child = this.children[this.field(node, CHILD_START) + step];
      if (child === undefined || this.field(child, OFFSET) === NO_VALUE) break;
      node = child;
    }
    return node;
  }

  private entry(map: number, key: string): number | undefined {
    const id = this.keyIds.get(key);
    if (id === undefined) return undefined;
    const start = this.field(map, CHILD_START);
    for (let i = start; i < start + this.field(map, CHILD_COUNT); i++) {
      if (this.field(this.children[i]!, KEY_ID) === id) return this.children[i];
    }
    return undefined;
  }
}
