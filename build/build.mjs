// The one build entry point: `npm run build`.
//   1. bundles the build tools (TypeScript under build/) for Node,
//   2. packs the terminology from MARGINALIA_DATA into dist/packs/ (skipped when up to date),
//   3. bundles the CLI into dist/cli/marginalia.js,
//   4. builds the extension (build/build-extension.mjs): the release build into dist/extension/
//      by default; `node build/build.mjs test` (npm run build:test) writes the test build into
//      dist/extension-test/ instead, `node build/build.mjs release test` both (npm test).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const t0 = performance.now();
const VARIANTS = ['release', 'test'];
const variants = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['release'];
for (const variant of variants) {
  if (!VARIANTS.includes(variant)) {
    console.error(`build: expected build variants among ${VARIANTS.join(', ')}, got "${variant}".`);
    process.exit(2);
  }
}

const nodeTarget = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // Bundled ESM that still needs require() for CommonJS dependencies.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
};

/** Build tools: one entry per file, run with node from dist/tools. */
const tools = [
  'pack-terminology',
  'pack-dictionary',
  'pack-terminology-columns',
  'pack-lexicons',
  'pack-icd9',
  'pack-pcs',
  'mine-codiesp',
  'mine-codiesp-procedures',
  'pack-linker',
].filter((name) => existsSync(path.join(root, 'build', `${name}.ts`)));
// Bundled but not run by the build: `npm run train` and `npm run bench` run them.
const onDemand = ['train-ranker', 'train-linker', 'bench', 'bench-context', 'round-trip'].filter(
  (name) => existsSync(path.join(root, 'build', `${name}.ts`)),
);
await esbuild.build({
  ...nodeTarget,
  entryPoints: [...tools, ...onDemand].map((name) => path.join(root, 'build', `${name}.ts`)),
  outdir: path.join(dist, 'tools'),
  outExtension: { '.js': '.mjs' },
  // As for the CLI below: ORT's node build finds its .wasm beside its own module file.
  external: ['onnxruntime-web'],
});

for (const name of tools) {
  const run = spawnSync(process.execPath, [path.join(dist, 'tools', `${name}.mjs`)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    console.error(`build: ${name} failed (exit ${run.status ?? run.signal}).`);
    process.exit(run.status ?? 1);
  }
}

await esbuild.build({
  ...nodeTarget,
  entryPoints: [path.join(root, 'cli', 'marginalia.ts')],
  outfile: path.join(dist, 'cli', 'marginalia.js'),
  // ORT's node build loads its .wasm beside its own module file: keep it in node_modules.
  external: ['onnxruntime-web'],
  banner: { js: '#!/usr/bin/env node\n' + nodeTarget.banner.js },
});
// The CLI's model thread (cli/model-thread.ts) loads this small bundle: ONNX Runtime and its runner.
await esbuild.build({
  ...nodeTarget,
  entryPoints: [path.join(root, 'cli', 'model-thread-worker.ts')],
  outfile: path.join(dist, 'cli', 'model-thread-worker.js'),
  external: ['onnxruntime-web'],
});

// Committed models (trained by `npm run train`) travel beside the CLI and into the extension.
mkdirSync(path.join(dist, 'models'), { recursive: true });
for (const f of readdirSync(path.join(root, 'models'))) {
  if (/\.(json|onnx|txt|bin)$/.test(f))
    copyFileSync(path.join(root, 'models', f), path.join(dist, 'models', f));
}

const { buildExtension } = await import('./build-extension.mjs');
for (const variant of variants) await buildExtension({ root, dist, variant });

console.log(`build: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
