// Builds the extension into dist/extension/ (load it unpacked). Called by build/build.mjs.
//   - bundles each context from a table of targets (IIFE for the service worker and the content
//     script, ESM for the extension pages, which ONNX Runtime's workers need);
//   - copies manifest.json, the HTML pages and their CSS;
//   - writes the PNG icons (drawn here, no binary files in the repository);
//   - copies ONNX Runtime's wasm files into ort/;
//   - copies the terminology packs from dist/packs/ into packs/ with a catalog (packs/packs.json).
import * as esbuild from 'esbuild';
import { copyFile, cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { deflateSync, gzipSync } from 'node:zlib';
import path from 'node:path';

/** Build targets as data: source → output file, format. */
export const EXTENSION_ENTRIES = [
  { source: 'extension/background/index.ts', output: 'background.js', format: 'iife' },
  { source: 'extension/content/index.ts', output: 'content.js', format: 'iife' },
  { source: 'extension/offscreen/index.ts', output: 'offscreen.js', format: 'esm' },
  { source: 'extension/options/index.tsx', output: 'options.js', format: 'esm' },
  { source: 'extension/popup/index.tsx', output: 'popup.js', format: 'esm' },
];

/** Static files copied as they are: source → output. */
export const EXTENSION_STATIC_FILES = [
  { source: 'manifest.json', output: 'manifest.json' },
  { source: 'managed-schema.json', output: 'managed-schema.json' },
  { source: 'extension/offscreen/offscreen.html', output: 'offscreen.html' },
  { source: 'extension/options/options.html', output: 'options.html' },
  { source: 'extension/popup/popup.html', output: 'popup.html' },
  { source: 'extension/shared/pages.css', output: 'pages.css' },
];

/**
 * Firefox variant (dist/extension-firefox/): no offscreen documents there, so the background
 * page runs the core itself (extension/background/firefox-background.ts). Everything else is the
 * Chrome build's files; the manifest is rewritten by {@link toFirefoxManifest}.
 */
export const FIREFOX_ENTRIES = [
  { source: 'extension/background/firefox-background.ts', output: 'background.js', format: 'iife' },
];
/** Chrome-only files left out of the Firefox package. */
export const FIREFOX_EXCLUDED = ['background.js', 'offscreen.html', 'offscreen.js', 'ort', 'managed-schema.json'];
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
    if (!file?.endsWith('.json') || (await stat(path.join(firefoxOut, file))).size < FIREFOX_LINT_PARSE_LIMIT) return file;
    const next = file.replace(/\.json$/, FIREFOX_DATA_SUFFIX);
    await rename(path.join(firefoxOut, file), path.join(firefoxOut, next));
    return next;
  };
  for (const pack of catalog.packs) {
    pack.file = await renamed(pack.file);
    if (pack.dictionary) pack.dictionary = await renamed(pack.dictionary);
  }
  for (const key of ['lexicons', 'ranker']) if (catalog[key]) catalog[key] = await renamed(catalog[key]);
  await writeFile(catalogFile, JSON.stringify(catalog, null, 2));
}

async function buildFirefoxVariant(root, out, firefoxOut) {
  await rm(firefoxOut, { recursive: true, force: true });
  await cp(out, firefoxOut, {
    recursive: true,
    filter: (source) => !FIREFOX_EXCLUDED.includes(path.relative(out, source).split(path.sep)[0]),
  });
  await esbuild.build({
    ...common,
    target: ['chrome120', 'firefox128'],
    format: 'iife',
    entryPoints: Object.fromEntries(FIREFOX_ENTRIES.map((entry) => [entry.output.replace(/\.js$/, ''), path.join(root, entry.source)])),
    outdir: firefoxOut,
  });
  const manifest = JSON.parse(await readFile(path.join(root, 'manifest.json'), 'utf8'));
  await writeFile(path.join(firefoxOut, 'manifest.json'), `${JSON.stringify(toFirefoxManifest(manifest), null, 2)}\n`);
  await renameLargeJsonForFirefox(firefoxOut);
}

/** ONNX Runtime files loaded at run time from ort/ (env.wasm.wasmPaths). */
export const ORT_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'];

export const ICON_SIZES = [16, 32, 48, 128];

const common = {
  bundle: true,
  target: 'chrome120',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  // ORT loads ort-wasm-*.{mjs,wasm} from env.wasm.wasmPaths instead of embedding them.
  conditions: ['onnxruntime-web-use-extern-wasm'],
  // The WASM build of ORT: the linker is a gather and a 64x64 matmul per mention, which WebGPU
  // dispatch would not speed up, and the WebGPU build's wasm is 28 MB more to ship. The runner
  // keeps its WebGPU path (it falls back to WASM when the EP is absent) for larger models.
  alias: { 'onnxruntime-web': 'onnxruntime-web/wasm' },
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

// ---- icons: a teal rounded square with a white "margin" bar, as an 8-bit RGBA PNG ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Draws the icon at `size` pixels and encodes it as PNG. */
export function drawIconPng(size) {
  const radius = size * 0.2;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let x = 0; x < size; x++) {
      const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
      const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
      const inside = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= radius ** 2;
      const isBar = x >= size * 0.62 && x < size * 0.72 && y >= size * 0.18 && y < size * 0.82;
      const isLines = x >= size * 0.2 && x < size * 0.54 && Math.floor((y / size) * 10) % 2 === 0 && y >= size * 0.2 && y < size * 0.8;
      const [r, g, b] = isBar || isLines ? [255, 255, 255] : [11, 110, 110];
      row.set([r, g, b, inside ? 255 : 0], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- terminology packs ---------------------------------------------------------------------

/** Reads "manifest.version" and "manifest.classification" from the start of a pack file. */
async function readPackIdentity(file) {
  const pack = JSON.parse(await readFile(file, 'utf8'));
  const version = pack?.manifest?.version;
  if (typeof version !== 'string' || version === '') {
    throw new Error(`build-extension: expected ${file} to be a terminology pack with manifest.version, got ${typeof version}.`);
  }
  return { version, classification: String(pack.manifest.classification ?? 'ICD-10-CM') };
}

async function copyTerminologyPacks(root, dist, out) {
  const packsDir = path.join(dist, 'packs');
  const files = existsSync(packsDir)
    ? (await readdir(packsDir)).filter((name) => /^icd10cm-.+\.json$/.test(name)).sort()
    : [];
  if (files.length === 0) {
    throw new Error(
      `build-extension: expected a terminology pack dist/packs/icd10cm-*.json (made by build/pack-terminology.ts), found ${existsSync(packsDir) ? 'none in dist/packs/' : 'no dist/packs/ folder'}. ` +
        'Run `npm run build` with the terminology data available (../shared/data or MARGINALIA_DATA).',
    );
  }
  await mkdir(path.join(out, 'packs'), { recursive: true });
  const packs = [];
  for (const name of files) {
    const source = path.join(packsDir, name);
    const identity = await readPackIdentity(source);
    // The pack ships gzipped (15 MB of JSON is ~2 MB): the offscreen document inflates it once,
    // at install, with DecompressionStream. The .gz is cached beside the pack in dist/packs.
    const gz = `${source}.gz`;
    if (!existsSync(gz) || (await stat(gz)).mtimeMs < (await stat(source)).mtimeMs) {
      await writeFile(gz, gzipSync(await readFile(source), { level: 9 }));
    }
    await copyFile(gz, path.join(out, 'packs', `${name}.gz`));
    const entry = { ...identity, file: `packs/${name}.gz`, byteLength: (await stat(source)).size };
    // The term dictionary prebuilt from this pack (build/pack-dictionary.ts) saves the coder
    // rebuilding it on every start; without it the core rebuilds it in memory.
    const dictionaryName = `dictionary-${identity.version}.json`;
    if (existsSync(path.join(packsDir, dictionaryName))) {
      await copyFile(path.join(packsDir, dictionaryName), path.join(out, 'packs', dictionaryName));
      entry.dictionary = `packs/${dictionaryName}`;
    } else {
      console.warn(`build-extension: dist/packs/${dictionaryName} not found; the extension rebuilds the dictionary on each start.`);
    }
    packs.push(entry);
  }
  // The newest release is the default: labels sort as "2025-april" < "2026" etc. by file name.
  const catalog = { defaultVersion: packs.at(-1).version, packs, ...(await copyCoderExtras(root, dist, out)) };
  await writeFile(path.join(out, 'packs', 'packs.json'), JSON.stringify(catalog, null, 2));
  return catalog;
}

/**
 * Optional coder inputs, as the CLI uses them: the lexicon pack (context rules, sections,
 * abbreviations) and the learned ranker. The coder works without them (built-in defaults,
 * dictionary ranking), so a missing one is a warning, not a failure.
 */
export const CODER_EXTRAS = [
  { key: 'lexicons', from: (root, dist) => path.join(dist, 'packs', 'lexicons.json'), output: 'packs/lexicons.json' },
  { key: 'ranker', from: (root) => path.join(root, 'models', 'code-ranker.json'), output: 'models/code-ranker.json' },
  // The neural linker (run by extension/offscreen/ort-model-runner.ts on ORT's WASM build).
  { key: 'linker', from: (root) => path.join(root, 'models', 'linker.json'), output: 'models/linker.json' },
  { key: 'linkerModel', from: (root) => path.join(root, 'models', 'linker.onnx'), output: 'models/linker.onnx' },
  { key: 'linkerCodes', from: (root) => path.join(root, 'models', 'linker-codes.bin'), output: 'models/linker-codes.bin' },
  { key: 'icd9', from: (root, dist) => path.join(dist, 'packs', 'icd9cm-gems.json'), output: 'packs/icd9cm-gems.json' },
  // ICD-10-PCS (build/pack-pcs.ts) and the procedure phrases mined from CodiEsp, gzipped like the diagnosis pack.
  { key: 'pcs', from: (root, dist) => path.join(dist, 'packs', 'icd10pcs-2026.json'), output: 'packs/icd10pcs-2026.json.gz', gzip: true },
  { key: 'pcsPhrases', from: (root, dist) => path.join(dist, 'packs', 'codiesp-procedure-phrases.json'), output: 'packs/codiesp-procedure-phrases.json.gz', gzip: true },
];

async function copyCoderExtras(root, dist, out) {
  const found = {};
  for (const extra of CODER_EXTRAS) {
    const source = extra.from(root, dist);
    if (!existsSync(source)) {
      console.warn(`build-extension: ${path.relative(root, source)} not found; the extension codes without its ${extra.key}.`);
      continue;
    }
    await mkdir(path.dirname(path.join(out, extra.output)), { recursive: true });
    if (extra.gzip) await writeFile(path.join(out, extra.output), gzipSync(await readFile(source), { level: 9 }));
    else await copyFile(source, path.join(out, extra.output));
    found[extra.key] = extra.output;
  }
  return found;
}

// ---- build ---------------------------------------------------------------------------------

export async function buildExtension({ root, dist }) {
  const t0 = performance.now();
  const out = path.join(dist, 'extension');
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });

  const formats = [...new Set(EXTENSION_ENTRIES.map((entry) => entry.format))];
  await Promise.all(
    formats.map((format) =>
      esbuild.build({
        ...common,
        format,
        entryPoints: Object.fromEntries(
          EXTENSION_ENTRIES.filter((entry) => entry.format === format).map((entry) => [
            entry.output.replace(/\.js$/, ''),
            path.join(root, entry.source),
          ]),
        ),
        outdir: out,
      }),
    ),
  );

  for (const { source, output } of EXTENSION_STATIC_FILES) {
    await copyFile(path.join(root, source), path.join(out, output));
  }

  await mkdir(path.join(out, 'icons'), { recursive: true });
  for (const size of ICON_SIZES) {
    await writeFile(path.join(out, 'icons', `icon-${size}.png`), drawIconPng(size));
  }

  const ortDist = path.join(root, 'node_modules', 'onnxruntime-web', 'dist');
  await mkdir(path.join(out, 'ort'), { recursive: true });
  for (const name of ORT_FILES) {
    const source = path.join(ortDist, name);
    if (!existsSync(source)) {
      throw new Error(`build-extension: expected ${path.relative(root, source)} from onnxruntime-web, found nothing. Run \`npm ci\`.`);
    }
    await copyFile(source, path.join(out, 'ort', name));
  }

  const catalog = await copyTerminologyPacks(root, dist, out);
  await buildFirefoxVariant(root, out, path.join(dist, 'extension-firefox'));
  console.log(
    `build-extension: dist/extension (and dist/extension-firefox) with terminology ${catalog.packs.map((p) => p.version).join(', ')} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}
