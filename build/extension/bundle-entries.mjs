// Bundles each extension context from a table of targets: IIFE for the service worker and
// the content script, ESM for the extension pages (ONNX Runtime's workers need ESM).
import * as esbuild from 'esbuild';
import path from 'node:path';
import { extensionBundleOptions } from './esbuild-options.mjs';

/** Build targets as data: source → output file, format. */
export const EXTENSION_ENTRIES = [
  { source: 'extension/background/index.ts', output: 'background.js', format: 'iife' },
  { source: 'extension/content/index.ts', output: 'content.js', format: 'iife' },
  { source: 'extension/offscreen/index.ts', output: 'offscreen.js', format: 'esm' },
  // Computes the linker's code embeddings on the first start (extension/offscreen/device-code-embeddings.ts).
  {
    source: 'extension/offscreen/code-embeddings-worker.ts',
    output: 'code-embeddings-worker.js',
    format: 'esm',
  },
  { source: 'extension/options/index.tsx', output: 'options.js', format: 'esm' },
  { source: 'extension/popup/index.tsx', output: 'popup.js', format: 'esm' },
];

/** esbuild's entryPoints for `entries`: output name without .js → absolute source. */
export function entryPointsOf(root, entries) {
  return Object.fromEntries(
    entries.map((entry) => [entry.output.replace(/\.js$/, ''), path.join(root, entry.source)]),
  );
}

/** Bundles {@link EXTENSION_ENTRIES} into `out`, one esbuild run per format. */
export async function bundleEntries({ root, out, test }) {
  const formats = [...new Set(EXTENSION_ENTRIES.map((entry) => entry.format))];
  await Promise.all(
    formats.map((format) =>
      esbuild.build({
        ...extensionBundleOptions({ test }),
        format,
        entryPoints: entryPointsOf(
          root,
          EXTENSION_ENTRIES.filter((entry) => entry.format === format),
        ),
        outdir: out,
      }),
    ),
  );
}
