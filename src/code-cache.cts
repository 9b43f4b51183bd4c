// CommonJS on purpose: it hooks the CommonJS loader, which the CLI bundle (dist/cli*.cjs) and the
// build's generated code (dist/**/*.generated.cjs) load through.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module = require('node:module');
import { dirname, join, relative, sep } from 'node:path';
import { Script } from 'node:vm';

/** The part of Node's CommonJS Module this needs; `_compile` is not in Node's typings. */
interface LoadingModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}

/** Files loaded from the cache, compiled from source without one, and whose cache V8 refused. */
export interface CodeCacheStats {
  cached: number;
  uncached: number;
  rejected: number;
}

type CompiledWrapper = (exports: unknown, require: NodeJS.Require, module: LoadingModule, filename: string, dirname: string) => unknown;

/** Where the build keeps V8's compiled bytecode for the files under `dist`. */
export function codeCacheDir(dist: string): string {
  return join(dist, 'code-cache');
}

/**
 * Makes the CommonJS files under `dist` start from V8's code cache (bytecode the build saved,
 * scripts/warm-code-cache.mjs) instead of parsing and compiling their source on every run: about
 * a tenth of a cold start (issue #8). V8 refuses a cache made by another Node version or other
 * flags, and the file is then compiled from source as usual; the build clears the folder first,
 * so a cache never outlives the build that made it.
 *
 * Returns `save`, which writes the cache of every file loaded so far (the build calls it after a
 * compile, so the cache holds the functions a compile runs, not just the top level).
 */
export function useCodeCache(dist: string): { save(): void; stats(): CodeCacheStats } {
  const cacheDir = codeCacheDir(dist);
  const cacheFile = (filename: string) => join(cacheDir, `${relative(dist, filename).split(sep).join('__')}.v8`);
  const loaded: [Script, string][] = [];
  const stats: CodeCacheStats = { cached: 0, uncached: 0, rejected: 0 };
  const proto = (Module as unknown as { prototype: LoadingModule }).prototype;
  const compile = proto._compile;
  proto._compile = function (this: LoadingModule, content: string, filename: string) {
    if (!filename.startsWith(dist + sep)) return compile.call(this, content, filename);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(cacheFile(filename));
    } catch {
      cachedData = undefined;
    }
    // A #! line is valid only at the very start of a script, not inside Node's wrapper function.
    const source = content.startsWith('#!') ? `//${content.slice(2)}` : content;
    const script = new Script((Module as unknown as { wrap(s: string): string }).wrap(source), { filename, ...(cachedData && { cachedData }) });
    loaded.push([script, cacheFile(filename)]);
    if (!cachedData) stats.uncached++;
    else if (script.cachedDataRejected) stats.rejected++;
    else stats.cached++;
    const moduleRequire = Object.assign((id: string) => this.require(id), {
      resolve: (request: string, options?: { paths?: string[] }) =>
        (Module as unknown as { _resolveFilename(r: string, m: LoadingModule, main: boolean, o?: object): string })._resolveFilename(request, this, false, options),
      cache: (Module as unknown as { _cache: NodeJS.Require['cache'] })._cache,
      main: require.main,
      extensions: require.extensions,
    }) as NodeJS.Require;
    const wrapper = script.runInThisContext() as CompiledWrapper;
    return wrapper.call(this.exports, this.exports, moduleRequire, this, filename, dirname(filename));
  };
  return {
    save() {
      rmSync(cacheDir, { recursive: true, force: true });
      mkdirSync(cacheDir, { recursive: true });
      for (const [script, file] of loaded) writeFileSync(file, script.createCachedData());
    },
    stats: () => ({ ...stats }),
  };
}
