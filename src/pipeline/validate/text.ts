import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import type { LoadedFile } from '../load/load.js';

/**
 * Characters no output can carry safely: C0/C1 controls other than tab and newlines (XML 1.0
 * forbids most of them outright), U+FFFE/U+FFFF, unpaired surrogates, and bidirectional
 * overrides that make a reviewed text read differently from what it is ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;

/** Refuses strings (keys and values) that would break, or lie in, an output format. */
export function checkText(files: readonly LoadedFile[], bag: DiagnosticBag): void {
  for (const { source } of files) {
    walk(source.data, [], (value, path) => {
      const m = UNSAFE.exec(value);
      if (!m) return;
      const cp = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      bag.add('UNSAFE_TEXT', `text contains U+${cp}, which the outputs cannot carry safely; remove it`, source.positionOf([...path]));
    });
  }
}

/** Visits every string, keys included; `path` is one array, changed as the walk goes (copy it to keep it). */
function walk(value: unknown, path: (string | number)[], visit: (s: string, path: readonly (string | number)[]) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(value[i], path, visit);
      path.pop();
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      visit(k, path);
      path.push(k);
      walk(v, path, visit);
      path.pop();
    }
  }
}
