export type DocPath = readonly (string | number)[];

const Kind = { Leaf: 0, Map: 1, Seq: 2 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];
/** A node without a source range. */
export const NO_RANGE = -1;
/** A mapping entry with no value (`key:`): a path through it stops at the mapping. */
export const NO_VALUE = -2;

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
 * Builds a PositionIndex node by node, in document order, while a document is walked
 * (src/load/read-document.ts): a collection is added before its children, and each child's
 * number is put in the slot the collection reserved for it.
 */
export class PositionBuilder {
  private readonly nodes = new IntList();
  private readonly children = new IntList();
  private readonly keyIds = new Map<string, number>();

  /** The number the next node added will get. */
  get next(): number {
    return this.nodes.length / STRIDE;
  }

  /** A scalar, an alias, or (offset NO_VALUE) the missing value of a `key:` entry. */
  leaf(offset: number, keyOffset: number, keyId: number): void {
    this.add(Kind.Leaf, offset, keyOffset, keyId, 0, 0);
  }

  /** A mapping or sequence of `count` children; returns the first of the slots reserved for them. */
  collection(map: boolean, offset: number, keyOffset: number, keyId: number, count: number): number {
    const start = this.children.length;
    this.add(map ? Kind.Map : Kind.Seq, offset, keyOffset, keyId, start, count);
    for (let i = 0; i < count; i++) this.children.push(-1);
    return start;
  }

  /** Puts the node numbered `node` in a slot `collection` reserved. */
  child(slot: number, node: number): void {
    this.children.data[slot] = node;
  }

  keyId(key: string): number {
    let id = this.keyIds.get(key);
    if (id === undefined) this.keyIds.set(key, (id = this.keyIds.size));
    return id;
  }

  done(lineStarts: readonly number[]): PositionIndex {
    return PositionIndex.fromArrays({ keys: [...this.keyIds.keys()], nodes: this.nodes.done(), children: this.children.done(), lineStarts: Uint32Array.from(lineStarts) });
  }

  private add(kind: Kind, offset: number, keyOffset: number, keyId: number, childStart: number, childCount: number): void {
    const n = this.nodes;
    n.push(kind);
    n.push(offset);
    n.push(keyOffset);
    n.push(keyId);
    n.push(childStart);
    n.push(childCount);
  }
}

/** A PositionIndex as typed arrays, which a worker thread hands over without copying. */
export interface PositionArrays {
  keys: string[];
  nodes: Int32Array;
  children: Int32Array;
  lineStarts: Uint32Array;
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

  static fromArrays(a: PositionArrays): PositionIndex {
    return new PositionIndex(a.keys, a.nodes, a.children, a.lineStarts);
  }

  toArrays(): PositionArrays {
    return { keys: this.keys, nodes: this.nodes, children: this.children, lineStarts: this.lineStarts };
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
    return linePos(this.lineStarts, offset);
  }

  private field(node: number, field: number): number {
    return this.nodes[node * STRIDE + field]!;
  }

  private known(offset: number): number | undefined {
    return offset < 0 ? undefined : offset;
  }

  /**
   * offsetOf([...path, i]) for each i below `count`, walking `path` once: the resolver places every
   * source of every catalog identifier, which walked from the top of the file for each one.
   */
  itemOffsetsOf(path: DocPath, count: number): (number | undefined)[] {
    const reached = this.walk(path);
    return Array.from({ length: count }, (_, i) => {
      if (reached === undefined) return undefined;
      const item = reached.complete ? this.step(reached.node, i) : undefined;
      return this.known(this.field(item ?? reached.node, OFFSET));
    });
  }

  private nodeAt(path: DocPath): number | undefined {
    return this.walk(path)?.node;
  }

  /** The node at `path`, else the nearest ancestor that exists (`complete` false). */
  private walk(path: DocPath): { node: number; complete: boolean } | undefined {
    if (this.nodes.length === 0) return undefined;
    let node = 0;
    for (const key of path) {
      const child = this.step(node, key);
      if (child === undefined) return { node, complete: false };
      node = child;
    }
    return { node, complete: true };
  }

  /** The child of `node` at `key`, if it exists and has a value. */
  private step(node: number, key: string | number): number | undefined {
    let child: number | undefined;
    const kind = this.field(node, KIND);
    if (kind === Kind.Map) child = this.entry(node, String(key));
    else if (kind === Kind.Seq && typeof key === 'number' && key >= 0 && key < this.field(node, CHILD_COUNT)) child = this.children[this.field(node, CHILD_START) + key];
    return child === undefined || this.field(child, OFFSET) === NO_VALUE ? undefined : child;
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

/** 1-based line and column of an offset, as yaml's LineCounter.linePos computes it. */
export function linePos(starts: ArrayLike<number>, offset: number): { line: number; col: number } {
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
