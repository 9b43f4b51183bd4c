// Type-checks Intune request bodies against @microsoft/microsoft-graph-types (issue #17): each body
// becomes an object literal assigned to its Graph interface in a generated TypeScript file, and
// `tsc --noEmit --strict` must accept it. An object literal gets TypeScript's excess-property check,
// so an unknown property fails, and every enum is a string-literal union, so a wrong value fails.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * The Graph typings declare no "@odata.type" (the OData annotation Graph reads to pick the derived
 * type) and type app lists as the base appListItem; the body's annotations are added to the
 * interfaces here, each fixed to the one value that type may carry.
 */
const PRELUDE = `import type { AppListItem, IosCustomConfiguration, IosGeneralDeviceConfiguration, MacOSCustomConfiguration } from '@microsoft/microsoft-graph-types';
type Annotated<T, Name extends string> = T & { '@odata.type': Name };
type AppleAppListItem = Annotated<AppListItem, '#microsoft.graph.appleAppListItem'>;
type IosBody = Annotated<Omit<IosGeneralDeviceConfiguration, 'appsVisibilityList' | 'compliantAppsList'>, '#microsoft.graph.iosGeneralDeviceConfiguration'> & {
  appsVisibilityList?: AppleAppListItem[] | null;
  compliantAppsList?: AppleAppListItem[] | null;
};
type MacBody = Annotated<MacOSCustomConfiguration, '#microsoft.graph.macOSCustomConfiguration'>;
type IosCustomBody = Annotated<IosCustomConfiguration, '#microsoft.graph.iosCustomConfiguration'>;
`;

/** The interface each "@odata.type" is checked against; a body of another type fails outright. */
const INTERFACES: Record<string, string> = {
  '#microsoft.graph.iosGeneralDeviceConfiguration': 'IosBody',
  '#microsoft.graph.macOSCustomConfiguration': 'MacBody',
  '#microsoft.graph.iosCustomConfiguration': 'IosCustomBody',
};

export interface NamedBody {
  name: string;
  body: unknown;
}

/** The generated file: one `const` per body, its origin in a comment. */
export function typecheckSource(bodies: readonly NamedBody[]): string {
  const lines = bodies.map(({ name, body }, i) => {
    const type = INTERFACES[String((body as Record<string, unknown>)['@odata.type'])] ?? 'never';
    return `// ${name.replace(/[\r\n]/g, ' ')}\nexport const body${i}: ${type} = ${JSON.stringify(body, null, 2)};`;
  });
  return `${PRELUDE}\n${lines.join('\n\n')}\n`;
}

/** Runs tsc on the generated file; `ok` false with tsc's output when any body does not type-check. */
export function typecheckBodies(bodies: readonly NamedBody[]): { ok: boolean; output: string } {
  // Inside node_modules, so '@microsoft/microsoft-graph-types' resolves as it does for the project.
  const parent = join(repo, 'node_modules', '.cache');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'intune-typecheck-'));
  try {
    const file = join(dir, 'bodies.ts');
    writeFileSync(file, typecheckSource(bodies));
    const args = [tsc, '--ignoreConfig', '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', '', file];
    const run = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
