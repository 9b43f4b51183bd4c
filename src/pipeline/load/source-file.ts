import type { SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { DocPath, PositionIndex } from './positions.js';

export type { DocPath };

/** One parsed YAML file: its data and a way back from a data path to line and column. */
export class SourceFile {
  constructor(
    /** Absolute path on the host. */
    readonly absPath: string,
    /** Path as diagnostics show it (relative to the working directory when possible). */
    readonly displayPath: string,
    readonly data: unknown,
    /** Where each value starts in the file (absent only for files that could not be parsed). */
    readonly positions: PositionIndex | undefined,
  ) {}

  /** Position of the value at `path`, or of the nearest ancestor that exists. */
  positionOf(path: DocPath): SourcePosition {
    return this.at(this.positions?.offsetOf(path));
  }

  /** positionOf([...path, i]) for each i below `count` (the items of a list), found in one walk. */
  itemPositionsOf(path: DocPath, count: number): SourcePosition[] {
    if (!this.positions) return Array.from({ length: count }, () => this.at(undefined));
    return this.positions.itemOffsetsOf(path, count).map((offset) => this.at(offset));
  }

  /** Position of the key `key` inside the mapping at `path` (for unknown-key errors). */
  keyPositionOf(path: DocPath, key: string): SourcePosition {
    return this.at(this.positions?.keyOffsetOf(path, key));
  }

  at(offset: number | undefined): SourcePosition {
    if (offset === undefined || !this.positions) return { file: this.displayPath, line: 1, col: 1 };
    const { line, col } = this.positions.linePos(offset);
    return { file: this.displayPath, line, col };
  }
}
