import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { SourcePosition } from '../diagnostics/diagnostic.js';

export type DocPath = readonly (string | number)[];

/** One parsed YAML file: its data and a way back from a data path to line and column. */
export class SourceFile {
  constructor(
    /** Absolute path on the host. */
    readonly absPath: string,
    /** Path as diagnostics show it (relative to the working directory when possible). */
    readonly displayPath: string,
    readonly data: unknown,
    private readonly doc: Document.Parsed | undefined,
    private readonly lines: LineCounter | undefined,
  ) {}

  /** Position of the value at `path`, or of the nearest ancestor that exists. */
  positionOf(path: DocPath): SourcePosition {
    return this.at(this.nodeAt(path)?.range?.[0]);
  }

  /** Position of the key `key` inside the mapping at `path` (for unknown-key errors). */
  keyPositionOf(path: DocPath, key: string): SourcePosition {
    const node = this.nodeAt(path);
    if (node && isMap(node)) {
      for (const pair of node.items) {
        if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) {
          return this.at(pair.key.range?.[0]);
        }
      }
    }
    return this.at(node?.range?.[0]);
  }

  at(offset: number | undefined): SourcePosition {
    if (offset === undefined || !this.lines) return { file: this.displayPath, line: 1, col: 1 };
    const { line, col } = this.lines.linePos(offset);
    return { file: this.displayPath, line, col };
  }

  private nodeAt(path: DocPath): Node | undefined {
    let node: unknown = this.doc?.contents ?? undefined;
    let found = node as Node | undefined;
    for (const step of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
        node = pair?.value ?? undefined;
      } else if (isSeq(node) && typeof step === 'number') {
        node = node.items[step];
      } else {
        break;
      }
      if (!node) break;
      found = node as Node;
    }
    return found;
  }
}
