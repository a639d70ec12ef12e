import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The build's test flag (build/extension/esbuild-options.mjs): unit tests run the release code.
  define: { __TEST__: 'false' },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
    // Several suites load the 15 MB terminology pack and build the dictionary; on a busy
    // 2-core machine that alone can take seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
