// Unit tests in two projects: "unit" runs on synthetic fixtures alone (no licensed data, no
// build), "data" runs the tests that need the packs built from the release files
// (test/data-dependent-tests.ts). Without those files "data" reports each of them as skipped.
import { defineConfig } from 'vitest/config';
import { DATA_DEPENDENT_TESTS, missingDataReason } from './test/data-dependent-tests.js';

const missing = missingDataReason();
const SKIPPED_REPORT = 'test/data-tests-skipped.test.ts';

export default defineConfig({
  // The build's test flag (build/extension/esbuild-options.mjs): unit tests run the release code.
  define: { __TEST__: 'false' },
  test: {
    // Several suites load the 15 MB terminology pack and build the dictionary; on a busy
    // 2-core machine that alone can take seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [
            'test/e2e/**',
            'node_modules/**',
            'dist/**',
            SKIPPED_REPORT,
            ...DATA_DEPENDENT_TESTS,
          ],
          // Type tests (*.test-d.ts) are checked by tsc: a wrong type fails them.
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
        },
      },
      {
        extends: true,
        test: { name: 'data', include: missing ? [SKIPPED_REPORT] : DATA_DEPENDENT_TESTS },
      },
    ],
  },
});
