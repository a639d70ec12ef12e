/**
 * Builds the coder's term dictionary ahead of time (dist/packs/dictionary-<version>.json), so
 * that the extension and the CLI load it in milliseconds instead of deriving it from the
 * terminology pack on every cold start. Skipped when up to date.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadOntology } from '../src/ontology/ontology.js';
import { DICTIONARY_FORMAT_VERSION, TermDictionary } from '../src/engine/term-dictionary.js';
import { findRepoRoot, sha256Of } from './data-source.js';
import { PACK_VERSION, packPath } from './pack-terminology.js';

export function dictionaryPath(root: string): string {
  return path.join(root, 'dist', 'packs', `dictionary-${PACK_VERSION}.json`);
}

function main(): void {
  const root = findRepoRoot();
  const src = packPath(root);
  if (!existsSync(src)) {
    console.error(
      `pack-dictionary: expected the terminology pack at ${src}; run the terminology packer first.`,
    );
    process.exit(2);
  }
  const out = dictionaryPath(root);
  const stamp = out + '.sources';
  const fingerprint =
    sha256Of(readFileSync(src)) +
    sha256Of(readFileSync(new URL(import.meta.url))) +
    DICTIONARY_FORMAT_VERSION;
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint) {
    console.log(`pack-dictionary: ${path.relative(root, out)} is up to date`);
    return;
  }
  const t0 = performance.now();
  const dict = new TermDictionary(loadOntology(JSON.parse(readFileSync(src, 'utf8'))));
  const json = JSON.stringify(dict.serialize());
  writeFileSync(out, json);
  writeFileSync(stamp, fingerprint);
  console.log(
    `pack-dictionary: ${path.relative(root, out)} ${(json.length / 1e6).toFixed(1)} MB, ${dict.terms.length} terms, ${dict.vocab.size} words, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

main();
