// Imports TypeScript modules of the e2e harness from plain Node scripts (the demo, the
// screenshots, the Chromium benchmark), which run without vitest: esbuild bundles a small entry
// that re-exports them into a temporary file under dist/, imported once and removed.
import * as esbuild from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './chromium-launch.mjs';

/** `exportsByFile`: repository-relative .ts path → the names it exports to the script. */
export async function importHarness(exportsByFile) {
  const entry = Object.entries(exportsByFile)
    .map(([file, names]) => `export { ${names.join(', ')} } from './${file}';`)
    .join('\n');
  const out = await esbuild.build({
    stdin: { contents: entry, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: 'harness-entry.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'warning',
    // The harness's plain-JS modules locate the repository from their own import.meta.url:
    // import them in place instead of bundling them.
    plugins: [
      {
        name: 'external-mjs',
        setup(build) {
          build.onResolve({ filter: /\.mjs$/ }, (args) => ({
            path: pathToFileURL(path.resolve(args.resolveDir, args.path)).href,
            external: true,
          }));
        },
      },
    ],
  });
  const dir = path.join(REPO_ROOT, 'dist', 'harness');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `harness-${process.pid}-${Date.now()}.mjs`);
  writeFileSync(file, out.outputFiles[0].text);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(file, { force: true });
  }
}
