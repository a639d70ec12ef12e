/**
 * Builds the coder's term dictionary ahead of time, so that the extension and the CLI load it in
 * milliseconds instead of deriving it from the terminology pack on every cold start:
 * dist/packs/dictionary-<version>.json (the extension's) and the same in binary form,
 * dictionary-<version>.bin (the CLI's; engine/dictionary-binary.ts). Skipped when up to date.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadOntology } from '../src/ontology/ontology.js';
import { DICTIONARY_FORMAT_VERSION, TermDictionary } from '../src/engine/term-dictionary.js';
import { encodeDictionary } from '../src/engine/dictionary-binary.js';
import { findRepoRoot, sha256Of } from './data-source.js';
import { PACK_VERSION, packPath } from './pack-terminology.js';

export function dictionaryPath(root: string): string {
  return path.join(root, 'dist', 'packs', `dictionary-${PACK_VERSION}.json`);
}

/** The binary form beside the JSON one. */
function dictionaryBinaryPath(root: string): string {
  return dictionaryPath(root).replace(/\.json$/, '.bin');
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
  const outBinary = dictionaryBinaryPath(root);
  const upToDate = existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint;
  if (upToDate && existsSync(out) && existsSync(outBinary)) {
    console.log(`pack-dictionary: ${path.relative(root, out)} is up to date`);
    return;
  }
  const t0 = performance.now();
  const dict = new TermDictionary(loadOntology(JSON.parse(readFileSync(src, 'utf8'))));
  const serialized = dict.serialize();
  const json = JSON.stringify(serialized);
  writeFileSync(out, json);
  const binary = encodeDictionary(serialized);
  writeFileSync(outBinary, binary);
  writeFileSync(stamp, fingerprint);
  console.log(
    `pack-dictionary: ${path.relative(root, out)} ${(json.length / 1e6).toFixed(1)} MB (.bin ${(binary.length / 1e6).toFixed(1)} MB), ${dict.size} terms, ${dict.vocab.size} words, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

main();
