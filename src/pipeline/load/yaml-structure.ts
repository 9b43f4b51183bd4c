import type { Document, Node } from 'yaml';
import type { DiagnosticCode } from '../../common/diagnostics/codes.js';

export interface StructureLimits {
  maxDepth: number;
  maxAliasExpansion: number;
}

export interface StructureProblem {
  code: DiagnosticCode;
  message: string;
  /** Offset in the text of the node at fault. */
  offset: number | undefined;
}

interface Measure {
  /** Values in the subtree once aliases are expanded (keys included). */
  size: number;
  /** Nesting levels of mappings and sequences in the subtree, aliases expanded. */
  height: number;
}

/**
 * Checks a parsed document's shape before it is turned into data, since that conversion (and
 * every later walk of the data) recurses and expands aliases: nesting deeper than the cap, an
 * alias inside the collection it names (an infinite structure), aliases that together add more
 * values than the cap (a "billion laughs" needs no more than a few lines), and mapping keys that
 * are themselves collections (JavaScript objects cannot have them).
 *
 * One pass in document order: an anchored node is complete before any alias can name it, so its
 * size and height are known when the alias is reached and nothing is measured twice.
 */
export function checkStructure(
  doc: Document.Parsed,
  limits: StructureLimits,
  /** The yaml module, passed in because it is loaded only when a file needs parsing. */
  yaml: Pick<typeof import('yaml'), 'isAlias' | 'isMap' | 'isPair' | 'isScalar' | 'isSeq'>,
): StructureProblem | undefined {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yaml;
  const measured = new Map<Node, Measure>();
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  let added = 0;
  let problem: StructureProblem | undefined;
  const fail = (code: DiagnosticCode, message: string, node: Node | undefined): Measure => {
    problem ??= { code, message, offset: node?.range?.[0] };
    return { size: 0, height: 0 };
  };

  const visit = (node: unknown, depth: number): Measure => {
    if (problem || node === null || node === undefined) return { size: 0, height: 0 };
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) return { size: 1, height: 0 }; // the parser already reported the unknown anchor
      if (open.has(target)) {
        return fail('YAML_ALIAS_LIMIT', `alias *${node.source} is inside the collection it names, which would make it infinite`, node);
      }
      const m = measured.get(target) ?? { size: 1, height: 0 };
      added += m.size;
      if (added > limits.maxAliasExpansion) {
        return fail('YAML_ALIAS_LIMIT', `aliases expand to more than ${limits.maxAliasExpansion} values; anchors and aliases are meant for small reuse`, node);
      }
      if (depth + m.height > limits.maxDepth) return tooDeep(node);
      return m;
    }
    const n = node as Node;
    if (n.anchor) anchors.set(n.anchor, n);
    let result: Measure = { size: 1, height: 0 };
    if (isMap(n) || isSeq(n)) {
      if (depth + 1 > limits.maxDepth) return tooDeep(n);
      open.add(n);
      let size = 1;
      let height = 0;
      for (const item of n.items) {
        const children: unknown[] = isPair(item) ? [item.key, item.value] : [item];
        if (isPair(item) && item.key !== null && (isMap(item.key) || isSeq(item.key) || isAlias(item.key))) {
          return fail('YAML_KEY_NOT_SCALAR', 'a mapping key is a list, a mapping or an alias; keys must be plain text', item.key as Node);
        }
        for (const child of children) {
          const m = visit(child, depth + 1);
          size += m.size;
          height = Math.max(height, m.height);
        }
      }
      open.delete(n);
      result = { size, height: height + 1 };
    } else if (!isScalar(n)) {
      return { size: 0, height: 0 };
    }
    measured.set(n, result);
    return result;
  };
  const tooDeep = (node: Node): Measure => fail('YAML_TOO_DEEP', `structures are nested more than ${limits.maxDepth} levels deep`, node);

  visit(doc.contents, 0);
  return problem;
}
