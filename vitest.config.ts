import { defineConfig } from 'vitest/config';

export default defineConfig({
  // .cts too: src/pipeline/validate/first-duplicate.cts is CommonJS for the build's generated code.
  oxc: { include: /\.(m?ts|cts|[jt]sx)$/ },
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn node on dist/; `npm test` builds first (pretest).
    testTimeout: 30_000,
    pool: 'forks',
  },
});
