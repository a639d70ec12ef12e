/**
 * Writes the terminology pack's binary form beside it (dist/packs/icd10cm-<version>.bin,
 * src/ontology/pack-columns.ts), which the CLI reads instead of parsing the JSON pack. Skipped
 * when up to date.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodePackColumns } from '../src/ontology/pack-columns.js';
import { findRepoRoot, sha256Of } from './data-source.js';
import { packPath } from './pack-terminology.js';

function main(): void {
  const root = findRepoRoot();
  const src = packPath(root);
  if (!existsSync(src)) {
    console.error(
      `pack-terminology-columns: expected the terminology pack at ${src}; run the terminology packer first.`,
    );
    process.exit(2);
  }
  const out = src.replace(/\.json$/, '.bin');
  const stamp = out + '.sources';
  const json = readFileSync(src);
  const { size, mtimeMs } = statSync(src);
  // The pack's bytes and modification time (the CLI compares the time), and this tool's code.
  const fingerprint = `${sha256Of(json)} ${mtimeMs} ${sha256Of(readFileSync(new URL(import.meta.url)))}`;
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint) {
    console.log(`pack-terminology-columns: ${path.relative(root, out)} is up to date`);
    return;
  }
  const pack = JSON.parse(json.toString('utf8')) as Record<string, unknown>;
  const bytes = encodePackColumns(pack, { bytes: size, mtimeMs });
  writeFileSync(out, bytes);
  writeFileSync(stamp, fingerprint);
  console.log(
    `pack-terminology-columns: ${path.relative(root, out)} ${(bytes.length / 1e6).toFixed(1)} MB`,
  );
}

main();
