import { createRequire } from 'node:module';

// The build writes CommonJS modules into dist/ (validators, precompiled templates, the plist
// parser): loaded when first needed, like any other module of the package.
const require = createRequire(import.meta.url);

/**
 * The module the build wrote at `path` (absolute, under dist/). A missing one means the package
 * was never built, and the error says so and what to run, rather than Node's bare "Cannot find module".
 */
export function loadBuiltModule<T>(path: string): T {
  try {
    return require(path) as T;
  } catch (error) {
    throw new Error(`mdm-blocklist is not built: ${path} cannot be loaded (run \`npm run build\`)`, { cause: error });
  }
}
