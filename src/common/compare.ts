/**
 * Orders strings by UTF-16 code unit: the same on every machine, unlike localeCompare, whose
 * order follows the locale (and whose collator costs a cold start milliseconds to create).
 * Every sorted list in the outputs uses it, so the same input gives the same bytes anywhere.
 */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
