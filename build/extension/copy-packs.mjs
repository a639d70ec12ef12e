// Copies the terminology packs from dist/packs/ into the extension's packs/ (gzipped), the
// optional coder inputs (lexicons, ranker, linker, ICD-9 crosswalk, ICD-10-PCS pack and procedure
// phrases) beside them, and writes the catalog the offscreen document reads (packs/packs.json).
// JSON data files ship gzipped (a third to a tenth of the size; the offscreen document inflates
// them with DecompressionStream). The linker's code embeddings (models/linker-codes.bin, 7 MB) are
// not packaged: the offscreen document computes them from linker.onnx on first use and caches
// them in IndexedDB (extension/offscreen/device-code-embeddings.ts). linker.onnx itself ships
// with its untrained table rows zeroed (build/pack-linker.ts), restored from their seed on load.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Optional coder inputs, as the CLI uses them: the lexicon pack (context rules, sections,
 * abbreviations) and the learned ranker. The coder works without them (built-in defaults,
 * dictionary ranking), so a missing one is a warning, not a failure.
 */
export const CODER_EXTRAS = [
  {
    key: 'lexicons',
    from: (root, dist) => path.join(dist, 'packs', 'lexicons.json'),
    output: 'packs/lexicons.json.gz',
    gzip: true,
  },
  {
    key: 'ranker',
    from: (root) => path.join(root, 'models', 'code-ranker.json'),
    output: 'models/code-ranker.json',
  },
  // The neural linker (run by model-runtime/ort-model-runner.ts on ORT's WASM build).
  {
    key: 'linker',
    from: (root) => path.join(root, 'models', 'linker.json'),
    output: 'models/linker.json',
  },
  {
    key: 'icd9',
    from: (root, dist) => path.join(dist, 'packs', 'icd9cm-gems.json'),
    output: 'packs/icd9cm-gems.json.gz',
    gzip: true,
  },
  // ICD-10-PCS (build/pack-pcs.ts) and the procedure phrases mined from CodiEsp.
  {
    key: 'pcs',
    from: (root, dist) => path.join(dist, 'packs', 'icd10pcs-2026.json'),
    output: 'packs/icd10pcs-2026.json.gz',
    gzip: true,
  },
  {
    key: 'pcsPhrases',
    from: (root, dist) => path.join(dist, 'packs', 'codiesp-procedure-phrases.json'),
    output: 'packs/codiesp-procedure-phrases.json.gz',
    gzip: true,
  },
];

/** Reads "manifest.version" and "manifest.classification" from a pack file. */
async function readPackIdentity(file) {
  const pack = JSON.parse(await readFile(file, 'utf8'));
  const version = pack?.manifest?.version;
  if (typeof version !== 'string' || version === '') {
    throw new Error(
      `build-extension: expected ${file} to be a terminology pack with manifest.version, got ${typeof version}.`,
    );
  }
  return { version, classification: String(pack.manifest.classification ?? 'ICD-10-CM') };
}

async function listPackFiles(packsDir) {
  const files = existsSync(packsDir)
    ? (await readdir(packsDir)).filter((name) => /^icd10cm-.+\.json$/.test(name)).sort()
    : [];
  if (files.length === 0) {
    throw new Error(
      `build-extension: expected a terminology pack dist/packs/icd10cm-*.json (made by build/pack-terminology.ts), found ${existsSync(packsDir) ? 'none in dist/packs/' : 'no dist/packs/ folder'}. ` +
        'Run `npm run build` with the terminology data available (../shared/data or MARGINALIA_DATA).',
    );
  }
  return files;
}

/**
 * A file gzipped at level 9, cached beside its source (dist/packs/X.json.gz) until the source
 * changes. The pack (15 MB of JSON is ~2 MB) is inflated once, at install; the dictionary (9 MB is
 * 1.6 MB) and the other JSON files on each start that reads them.
 */
async function gzipped(source) {
  const gz = `${source}.gz`;
  if (!existsSync(gz) || (await stat(gz)).mtimeMs < (await stat(source)).mtimeMs) {
    await writeFile(gz, gzipSync(await readFile(source), { level: 9 }));
  }
  return gz;
}

async function copyPack({ packsDir, out, name }) {
  const source = path.join(packsDir, name);
  const identity = await readPackIdentity(source);
  await copyFile(await gzipped(source), path.join(out, 'packs', `${name}.gz`));
  const entry = { ...identity, file: `packs/${name}.gz`, byteLength: (await stat(source)).size };
  // The term dictionary prebuilt from this pack (build/pack-dictionary.ts) saves the coder
  // rebuilding it on every start; without it the core rebuilds it in memory.
  const dictionaryName = `dictionary-${identity.version}.json`;
  if (existsSync(path.join(packsDir, dictionaryName))) {
    const dictionary = await gzipped(path.join(packsDir, dictionaryName));
    await copyFile(dictionary, path.join(out, 'packs', `${dictionaryName}.gz`));
    entry.dictionary = `packs/${dictionaryName}.gz`;
  } else {
    console.warn(
      `build-extension: dist/packs/${dictionaryName} not found; the extension rebuilds the dictionary on each start.`,
    );
  }
  return entry;
}

async function copyCoderExtras({ root, dist, out }) {
  const found = {};
  for (const extra of CODER_EXTRAS) {
    const source = extra.from(root, dist);
    if (!existsSync(source)) {
      console.warn(
        `build-extension: ${path.relative(root, source)} not found; the extension codes without its ${extra.key}.`,
      );
      continue;
    }
    await mkdir(path.dirname(path.join(out, extra.output)), { recursive: true });
    await copyFile(extra.gzip ? await gzipped(source) : source, path.join(out, extra.output));
    found[extra.key] = extra.output;
  }
  return found;
}

/**
 * The linker's ONNX file: dist/packs/linker-sparse.onnx (untrained rows zeroed, restored from
 * `seed` by the offscreen document) when build/pack-linker.ts made it from this models/linker.onnx,
 * else models/linker.onnx as it is.
 */
async function copyLinkerModel({ root, dist, out }) {
  const full = path.join(root, 'models', 'linker.onnx');
  if (!existsSync(full)) return {};
  await mkdir(path.join(out, 'models'), { recursive: true });
  const sparse = path.join(dist, 'packs', 'linker-sparse.onnx');
  const infoPath = path.join(dist, 'packs', 'linker-sparse.json');
  const info = existsSync(infoPath) ? JSON.parse(await readFile(infoPath, 'utf8')) : undefined;
  const fullSha = createHash('sha256')
    .update(await readFile(full))
    .digest('hex');
  if (!existsSync(sparse) || info?.modelSha256 !== fullSha) {
    console.warn(
      'build-extension: no dist/packs/linker-sparse.onnx for this models/linker.onnx (build/pack-linker.ts); packaging linker.onnx whole.',
    );
    await copyFile(full, path.join(out, 'models', 'linker.onnx'));
    return { linkerModel: 'models/linker.onnx' };
  }
  await copyFile(sparse, path.join(out, 'models', 'linker-sparse.onnx'));
  return { linkerModel: 'models/linker-sparse.onnx', linkerModelSeed: info.seed };
}

/** Copies packs and coder inputs into `out` and writes packs/packs.json; returns the catalog. */
export async function copyTerminologyPacks({ root, dist, out }) {
  const packsDir = path.join(dist, 'packs');
  const files = await listPackFiles(packsDir);
  await mkdir(path.join(out, 'packs'), { recursive: true });
  const packs = [];
  for (const name of files) packs.push(await copyPack({ packsDir, out, name }));
  // The newest release is the default: labels sort as "2025-april" < "2026" etc. by file name.
  const catalog = {
    defaultVersion: packs.at(-1).version,
    packs,
    ...(await copyCoderExtras({ root, dist, out })),
    ...(await copyLinkerModel({ root, dist, out })),
  };
  await writeFile(path.join(out, 'packs', 'packs.json'), JSON.stringify(catalog, null, 2));
  return catalog;
}
