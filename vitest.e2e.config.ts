// End-to-end suite: real Chromium with the built extension (run `npm run build` first;
// `npm run test:e2e` does). One file at a time, in forked processes, with long timeouts.
// The setup file checks the suite-wide privacy invariants after every file (no egress, no
// note text in any log or in the extension's storage).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    setupFiles: ['test/e2e/harness/suite-invariants.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
