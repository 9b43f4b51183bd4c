import type { Document } from 'yaml';
import { NO_RANGE, NO_VALUE, PositionBuilder, type PositionIndex } from './positions.js';
import type { StructureLimits, StructureProblem } from './yaml-structure.js';

/** The yaml module's type guards, passed in because yaml is loaded only when a file needs parsing. */
export type YamlGuards = Pick<typeof import('yaml'), 'isAlias' | 'isMap' | 'isPair' | 'isScalar' | 'isSeq'>;

export interface DocumentRead {
  positions: PositionIndex;
  /**
   * The data, exactly as the document's toJS() makes it, with its shape checked against the
   * limits. Absent when the walk found a problem, and when the document has aliases (or anything
   * else this walk does not convert): those go through checkStructure and toJS instead.
   */
  data?: {
    value: unknown;
    /** False when a number JSON cannot carry exactly (NaN, ±Infinity, -0) is in the data. */
    jsonSafe: boolean;
  };
  /** The first problem of shape, in document order, as checkStructure would find it. */
  problem?: StructureProblem;
}

/** Ends the walk at the first problem of shape. */
class ShapeProblem {
  constructor(readonly problem: StructureProblem) {}
}

interface Ranged {
  range?: readonly number[] | null;
}

/**
 * One walk over a parsed document that builds its position index, its data and checks its shape
 * (depth, mapping keys) together: three walks (positions, checkStructure, toJS) cost a big
 * catalog seconds and millions of short-lived objects. The data follows yaml's toJS for the core
 * schema without merge keys: scalars as resolved, a null key as "", other keys as String(key),
 * a key already `in` the object (`__proto__`) defined as an own property. Without `limits`
 * only the positions are built.
 *
 * checkStructure's first problem is the same as this walk's as long as no alias came before it:
 * aliases are the only nodes whose measure depends on other nodes.
 */
export function readDocument(doc: Document.Parsed, lineStarts: readonly number[], yaml: YamlGuards, limits?: StructureLimits): DocumentRead {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yaml;
  const out = new PositionBuilder();
  // Building data and checking shape, until a node this walk does not convert turns both over.
  let exact = limits !== undefined;
  let jsonSafe = true;
  const maxDepth = limits?.maxDepth ?? Infinity;
  const stop = (problem: StructureProblem['code'], message: string, node: unknown): never => {
    throw new ShapeProblem({ code: problem, message, offset: (node as Ranged).range?.[0] });
  };

  const visit = (node: unknown, depth: number, keyOffset: number, keyId: number): unknown => {
    const range = (node as Ranged | null)?.range;
    const offset = range ? range[0]! : NO_RANGE;
    if (isScalar(node)) {
      out.leaf(offset, keyOffset, keyId);
      const value = node.value;
      if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) jsonSafe = false;
      return value;
    }
    const map = isMap(node);
    if (!map && !isSeq(node)) {
      exact = false; // an alias: toJS expands it, checkStructure measures it
      out.leaf(offset, keyOffset, keyId);
      return undefined;
    }
    if (exact && depth + 1 > maxDepth) stop('YAML_TOO_DEEP', `structures are nested more than ${maxDepth} levels deep`, node);
    const items = node.items as unknown[];
    const slot = out.collection(map, offset, keyOffset, keyId, items.length);
    if (!map) {
      const list: unknown[] | undefined = exact ? [] : undefined;
      for (let i = 0; i < items.length; i++) {
        out.child(slot + i, out.next);
        const value = visit(items[i], depth + 1, NO_RANGE, -1);
        if (exact) list!.push(value);
      }
      return list;
    }
    const object: Record<string, unknown> | undefined = exact ? {} : undefined;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      out.child(slot + i, out.next);
      if (!isPair(item)) {
        exact = false;
        visit(item, depth + 1, NO_RANGE, -1);
        continue;
      }
      const key = item.key;
      let id = -1;
      if (isScalar(key)) id = out.keyId(String(key.value));
      else if (exact && key !== null && (isMap(key) || isSeq(key) || isAlias(key))) {
        stop('YAML_KEY_NOT_SCALAR', 'a mapping key is a list, a mapping or an alias; keys must be plain text', key);
      }
      const keyAt = (key as Ranged | null)?.range?.[0] ?? NO_RANGE;
      const valueNode = item.value;
      let value: unknown = valueNode;
      if (valueNode) value = visit(valueNode, depth + 1, keyAt, id);
      else out.leaf(NO_VALUE, keyAt, id);
      if (!exact) continue;
      const jsKey = isScalar(key) ? key.value : key;
      if (jsKey !== null && typeof jsKey === 'object') {
        exact = false; // toJS would stringify the key as YAML
        continue;
      }
      const name = jsKey === null ? '' : String(jsKey);
      if (name in object!) Object.defineProperty(object, name, { value, writable: true, enumerable: true, configurable: true });
      else object![name] = value;
    }
    return object;
  };

  let value: unknown = doc.contents;
  try {
    if (doc.contents) value = visit(doc.contents, 0, NO_RANGE, -1);
  } catch (e) {
    if (e instanceof ShapeProblem) return { positions: out.done(lineStarts), problem: e.problem };
    throw e;
  }
  return { positions: out.done(lineStarts), ...(exact && { data: { value, jsonSafe } }) };
}
