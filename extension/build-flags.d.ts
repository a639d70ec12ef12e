/**
 * The build's test flag (build/extension/esbuild-options.mjs): true only in the test build
 * (dist/extension-test/), false in the release build and in unit tests (vitest.config.ts). Code
 * under `if (__TEST__)` calls into a module of its own, so that the release bundle drops it.
 */
declare const __TEST__: boolean;
