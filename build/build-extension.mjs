// Builds the extension, one job per file under build/extension/. Called by build/build.mjs.
//   release: dist/extension/ (load it unpacked) and dist/extension-firefox/;
//   test:    dist/extension-test/ and dist/extension-firefox-test/, with `__TEST__` true: the e2e
//            contract (`globalThis.marginalia` in the service worker), the benchmark hooks, the
//            panel's timing attributes and the loopback content-script matches.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { bundleEntries } from './extension/bundle-entries.mjs';
import { copyOrtFiles } from './extension/copy-ort-files.mjs';
import { copyTerminologyPacks } from './extension/copy-packs.mjs';
import { copyStaticFiles, writeManifest } from './extension/copy-static-files.mjs';
import { writeIcons } from './extension/draw-icons.mjs';
import { buildFirefoxVariant } from './extension/firefox-variant.mjs';

/** The output folders of each build variant, relative to dist/. */
export const EXTENSION_VARIANTS = {
  release: { chrome: 'extension', firefox: 'extension-firefox', test: false },
  test: { chrome: 'extension-test', firefox: 'extension-firefox-test', test: true },
};

/** Builds one variant ('release' or 'test') of the extension into dist/. */
export async function buildExtension({ root, dist, variant = 'release' }) {
  const t0 = performance.now();
  const { chrome, firefox, test } = EXTENSION_VARIANTS[variant];
  const out = path.join(dist, chrome);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await bundleEntries({ root, out, test });
  await copyStaticFiles({ root, out });
  await writeManifest({ root, out, test });
  await writeIcons({ out });
  await copyOrtFiles({ root, out });
  const catalog = await copyTerminologyPacks({ root, dist, out });
  await buildFirefoxVariant({ root, out, firefoxOut: path.join(dist, firefox), test });
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const versions = catalog.packs.map((pack) => pack.version).join(', ');
  console.log(
    `build-extension: dist/${chrome} (and dist/${firefox}) with terminology ${versions} in ${seconds} s`,
  );
}
