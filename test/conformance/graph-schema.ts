// Facts extracted from @microsoft/microsoft-graph-types (microsoft-graph.d.ts, Graph v1.0): each
// interface's properties (with those it inherits) and each string-literal union. The per-artifact
// conformance check uses them; the full TypeScript check (intune-typecheck.ts) runs tsc on every
// body in one batch, which is too slow to repeat per artifact.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isPlainObject, joinIndex, joinKey, type Problem } from './problem.js';

interface GraphTypes {
  /** Interface → its own property names and the interface it extends. */
  interfaces: Map<string, { props: Map<string, string>; base?: string }>;
  /** Type alias of string literals → the literals. */
  unions: Map<string, string[]>;
}

let loaded: GraphTypes | undefined;

function graphTypes(): GraphTypes {
  if (loaded) return loaded;
  const file = createRequire(import.meta.url).resolve('@microsoft/microsoft-graph-types/microsoft-graph.d.ts');
  const source = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  const interfaces: GraphTypes['interfaces'] = new Map();
  for (const m of source.matchAll(/^export interface (\w+)(?: extends (\w+))? \{\n([\s\S]*?)^\}/gm)) {
    const props = new Map<string, string>();
    for (const p of m[3]!.matchAll(/^ {4}(\w+)\?: (.+);$/gm)) props.set(p[1]!, p[2]!);
    interfaces.set(m[1]!, { props, ...(m[2] !== undefined && { base: m[2] }) });
  }
  const unions: GraphTypes['unions'] = new Map();
  for (const m of source.matchAll(/^export type (\w+) =\s*((?:\s*\|?\s*"[^"]*")+);/gm)) unions.set(m[1]!, [...m[2]!.matchAll(/"([^"]*)"/g)].map((v) => v[1]!));
  return (loaded = { interfaces, unions });
}

/** The TypeScript type of `prop` on `iface` or what it extends, or undefined when none declares it. */
export function graphPropertyType(iface: string, prop: string): string | undefined {
  const { interfaces } = graphTypes();
  for (let name: string | undefined = iface; name !== undefined; name = interfaces.get(name)?.base) {
    const found = interfaces.get(name)?.props.get(prop);
    if (found !== undefined) return found.replace(/^NullableOption<(.+)>$/, '$1');
  }
  return undefined;
}

/**
 * Problems of a Graph body against `iface`: an unknown property, a string outside its enum, and
 * the same, recursively, in arrays of other Graph interfaces. "@odata.type" is checked by the caller.
 */
export function checkGraphObject(value: unknown, iface: string, path = ''): Problem[] {
  if (!isPlainObject(value)) return [{ path, code: 'wrong-type', message: `expected a ${iface} object` }];
  const problems: Problem[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (key === '@odata.type') continue;
    const at = joinKey(path, key);
    const type = graphPropertyType(iface, key);
    if (type === undefined) {
      problems.push({ path: at, code: 'unknown-key', message: `${iface} has no property "${key}"` });
      continue;
    }
    const enumValues = graphTypes().unions.get(type);
    if (enumValues && !enumValues.includes(String(v))) problems.push({ path: at, code: 'not-in-enum', message: `${JSON.stringify(v)} is not one of ${type}: ${enumValues.join(', ')}` });
    const item = /^(\w+)\[\]$/.exec(type)?.[1];
    if (item && graphTypes().interfaces.has(item) && Array.isArray(v)) v.forEach((x, i) => problems.push(...checkGraphObject(x, item, joinIndex(at, i))));
  }
  return problems;
}
