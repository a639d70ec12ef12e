// Copies the extension's static files (HTML pages, their CSS, the managed-storage schema) and
// writes its manifest: the release manifest as it is, the test build's with the test-only
// content-script matches (./test-manifest.mjs).
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toTestManifest } from './test-manifest.mjs';

/** Static files copied as they are: source → output. */
export const EXTENSION_STATIC_FILES = [
  { source: 'managed-schema.json', output: 'managed-schema.json' },
  { source: 'extension/offscreen/offscreen.html', output: 'offscreen.html' },
  { source: 'extension/options/options.html', output: 'options.html' },
  { source: 'extension/popup/popup.html', output: 'popup.html' },
  { source: 'extension/shared/pages.css', output: 'pages.css' },
];

/** The manifest file: written by {@link writeManifest}, not copied. */
export const MANIFEST_OUTPUT = 'manifest.json';

export async function copyStaticFiles({ root, out }) {
  for (const { source, output } of EXTENSION_STATIC_FILES) {
    await copyFile(path.join(root, source), path.join(out, output));
  }
}

/** Writes manifest.json into `out`: the release manifest, or the test build's. */
export async function writeManifest({ root, out, test }) {
  const manifest = JSON.parse(await readFile(path.join(root, 'manifest.json'), 'utf8'));
  await writeFile(
    path.join(out, MANIFEST_OUTPUT),
    `${JSON.stringify(test ? toTestManifest(manifest) : manifest, null, 2)}\n`,
  );
}
