import type { InventoryLocation } from './types.js';

/**
 * Line and column of an offset in a text, counted only when a diagnostic needs them: an inventory
 * of hundreds of megabytes is never scanned for line breaks on the way that finds nothing wrong.
 */
export function positionAt(file: string, text: string, offset: number): InventoryLocation {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { file, line, col: end - lineStart + 1 };
}
