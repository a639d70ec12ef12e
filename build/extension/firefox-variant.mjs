// The Firefox variant (dist/extension-firefox/, or dist/extension-firefox-test/ from the test
// build): no offscreen documents there, so the background page runs the core itself
// (extension/background/firefox-background.ts). Everything else is the Chrome build's files;
// the manifest is rewritten by {@link toFirefoxManifest}.
import * as esbuild from 'esbuild';
import { cp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { entryPointsOf } from './bundle-entries.mjs';
import { extensionBundleOptions } from './esbuild-options.mjs';

export const FIREFOX_ENTRIES = [
  { source: 'extension/background/firefox-background.ts', output: 'background.js', format: 'iife' },
];
/** Chrome-only files left out of the Firefox package. */
export const FIREFOX_EXCLUDED = [
  'background.js',
  'offscreen.html',
  'offscreen.js',
  'ort',
  'code-embeddings-worker.js',
  'managed-schema.json',
];
export const FIREFOX_ADDON_ID = 'marginalia@marginalia.invalid';

/** The Chrome manifest made Firefox's: background page scripts, a gecko id, no offscreen. */
export function toFirefoxManifest(manifest) {
  const firefox = structuredClone(manifest);
  delete firefox.minimum_chrome_version;
  delete firefox.cross_origin_embedder_policy; // Chrome-only keys (COEP/COOP for ORT threads)
  delete firefox.cross_origin_opener_policy;
  delete firefox.storage; // managed storage comes from Firefox's enterprise policies instead
  firefox.background = { scripts: ['background.js'] };
  firefox.permissions = firefox.permissions.filter((permission) => permission !== 'offscreen');
  firefox.browser_specific_settings = {
    gecko: {
      id: FIREFOX_ADDON_ID,
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['none'] },
    },
    gecko_android: { strict_min_version: '142.0' },
  };
  return firefox;
}

/** Firefox's linter refuses to parse JSON files this large: such data files get another suffix. */
const FIREFOX_DATA_SUFFIX = '.jsondata';
const FIREFOX_LINT_PARSE_LIMIT = 4 * 1024 * 1024;

async function renameLargeJsonForFirefox(firefoxOut) {
  const catalogFile = path.join(firefoxOut, 'packs', 'packs.json');
  const catalog = JSON.parse(await readFile(catalogFile, 'utf8'));
  const renamed = async (file) => {
    if (
      !file?.endsWith('.json') ||
      (await stat(path.join(firefoxOut, file))).size < FIREFOX_LINT_PARSE_LIMIT
    )
      return file;
    const next = file.replace(/\.json$/, FIREFOX_DATA_SUFFIX);
    await rename(path.join(firefoxOut, file), path.join(firefoxOut, next));
    return next;
  };
  for (const pack of catalog.packs) {
    pack.file = await renamed(pack.file);
    if (pack.dictionary) pack.dictionary = await renamed(pack.dictionary);
  }
  for (const key of ['lexicons', 'ranker'])
    if (catalog[key]) catalog[key] = await renamed(catalog[key]);
  await writeFile(catalogFile, JSON.stringify(catalog, null, 2));
}

/** Writes the Firefox variant of the Chrome build in `out` into `firefoxOut`. */
export async function buildFirefoxVariant({ root, out, firefoxOut, test }) {
  await rm(firefoxOut, { recursive: true, force: true });
  await cp(out, firefoxOut, {
    recursive: true,
    filter: (source) => !FIREFOX_EXCLUDED.includes(path.relative(out, source).split(path.sep)[0]),
  });
  await esbuild.build({
    ...extensionBundleOptions({ test }),
    target: ['chrome120', 'firefox128'],
    format: 'iife',
    entryPoints: entryPointsOf(root, FIREFOX_ENTRIES),
    outdir: firefoxOut,
  });
  // The Chrome build's manifest (release, or test with its loopback content script).
  const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
  await writeFile(
    path.join(firefoxOut, 'manifest.json'),
    `${JSON.stringify(toFirefoxManifest(manifest), null, 2)}\n`,
  );
  await renameLargeJsonForFirefox(firefoxOut);
}
