/**
 * The linker's ONNX file as the extension ships it (dist/packs/linker-sparse.onnx): the rows of
 * the embedding table that training left at their seeded initial values are zeroed, so that the
 * zip compresses them away (2 MB of 8.8), and dist/packs/linker-sparse.json says with which seed
 * the extension restores them (src/model/linker-initial-rows.ts; extension/offscreen/load-model.ts
 * checks the restored bytes against linker.json's sha256). The build checks the round trip here
 * and writes nothing when it does not give models/linker.onnx back. Skipped when up to date.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readLinkerConfig } from '../src/model/linker-config.js';
import { initialRows, restoreInitialRows } from '../src/model/linker-initial-rows.js';
import { readLinkerWeights } from '../src/model/read-linker-onnx.js';
import { findRepoRoot, sha256Of } from './data-source.js';

export const SPARSE_LINKER_FORMAT = 'marginalia-linker-sparse';

interface SparseLinkerInfo {
  format: typeof SPARSE_LINKER_FORMAT;
  /** sha256 of models/linker.onnx, which the restored file equals. */
  modelSha256: string;
  /** The table's seed (linker.json meta.seed). */
  seed: number;
  /** Rows zeroed. */
  rows: number;
}

function seedOf(meta: Record<string, unknown>): number {
  const seed = meta['seed'];
  if (typeof seed !== 'number' || !Number.isInteger(seed))
    throw new Error(
      `pack-linker: expected models/linker.json meta.seed to be an integer, got ${JSON.stringify(seed)}.`,
    );
  return seed;
}

async function main(): Promise<void> {
  const root = findRepoRoot();
  const models = path.join(root, 'models');
  const outDir = path.join(root, 'dist', 'packs');
  const out = path.join(outDir, 'linker-sparse.onnx');
  const infoPath = path.join(outDir, 'linker-sparse.json');
  if (
    !existsSync(path.join(models, 'linker.json')) ||
    !existsSync(path.join(models, 'linker.onnx'))
  ) {
    console.warn('pack-linker: no models/linker.json and linker.onnx; nothing to pack.');
    return;
  }
  const config = readLinkerConfig(
    JSON.parse(readFileSync(path.join(models, 'linker.json'), 'utf8')),
  );
  const onnx = new Uint8Array(readFileSync(path.join(models, config.files.model.file)));
  const modelSha256 = sha256Of(onnx);
  if (existsSync(out) && existsSync(infoPath)) {
    const info = JSON.parse(readFileSync(infoPath, 'utf8')) as Partial<SparseLinkerInfo>;
    if (info.format === SPARSE_LINKER_FORMAT && info.modelSha256 === modelSha256) {
      console.log(`pack-linker: ${path.relative(root, out)} is up to date`);
      return;
    }
  }
  const seed = seedOf(config.meta);
  const sparse = onnx.slice();
  const weights = readLinkerWeights(sparse);
  const rows = initialRows(weights, seed);
  for (const r of rows) weights.table.fill(0, r * weights.dim, (r + 1) * weights.dim);
  const restored = sparse.slice();
  await restoreInitialRows(readLinkerWeights(restored), seed);
  if (sha256Of(restored) !== modelSha256)
    throw new Error(
      `pack-linker: expected the zeroed rows to restore to models/linker.onnx (sha256 ${modelSha256}), got ${sha256Of(restored)}.`,
    );
  mkdirSync(outDir, { recursive: true });
  writeFileSync(out, sparse);
  const info: SparseLinkerInfo = {
    format: SPARSE_LINKER_FORMAT,
    modelSha256,
    seed,
    rows: rows.length,
  };
  writeFileSync(infoPath, JSON.stringify(info, null, 1) + '\n');
  const mb = (n: number): string => (n / 1e6).toFixed(2);
  console.log(
    `pack-linker: ${path.relative(root, out)}: ${rows.length} of ${weights.buckets} table rows at their initial values zeroed; gzip ${mb(gzipSync(onnx).length)} -> ${mb(gzipSync(sparse).length)} MB`,
  );
}

await main();
