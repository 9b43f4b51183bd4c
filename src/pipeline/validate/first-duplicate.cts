// CommonJS on purpose: the standalone validators the build generates (dist/pipeline/validate/
// *.generated.cjs) require it by this relative name for `uniqueItems` (unique-items.ts).

/** [later, earlier] indices of the first item equal to an earlier one, or undefined. */
export function firstDuplicate(items: unknown[]): [number, number] | undefined {
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const key = canonical(items[i]);
    const j = seen.get(key);
    if (j !== undefined) return [i, j];
    seen.set(key, i);
  }
  return undefined;
}

/** A JSON text with keys sorted: equal exactly when two JSON values are deeply equal. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return String(JSON.stringify(v));
}
