import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CoderOptions } from '../src/engine/create-coder.js';
import type { RankerModel } from '../src/engine/code-ranker.js';
import type { SerializedDictionary } from '../src/engine/term-dictionary.js';
import { decodeDictionary } from '../src/engine/dictionary-binary.js';
import { readLexiconPack } from '../src/context/lexicon-pack.js';

export interface ExtrasOptions {
  /** Load the learned ranker (models/code-ranker.json). */
  withRanker: boolean;
}

/** Where the committed models are: dist/models beside the CLI bundle, else the repository's models/. */
export function findModelFile(name: string, packDir: string): string | undefined {
  for (const dir of [
    path.join(packDir, '..', 'models'),
    path.join(packDir, '..', '..', 'models'),
  ]) {
    const p = path.join(dir, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/**
 * Optional coder inputs that live beside the terminology pack: the lexicon pack (context
 * rules, section headers, abbreviation sense priors) and the learned ranker. Without them the
 * coder uses its built-in defaults, and says so on stderr once.
 */
export function coderExtrasFromDisk(packDir: string, options: ExtrasOptions): CoderOptions {
  const extras: CoderOptions = {};
  const lexPath = path.join(packDir, 'lexicons.json');
  if (existsSync(lexPath))
    extras.lexicons = readLexiconPack(JSON.parse(readFileSync(lexPath, 'utf8')));
  else
    process.stderr.write(
      `marginalia: ${lexPath} not found; using the built-in context rules only. Run "npm run build" to pack the lexicons.\n`,
    );
  const prebuilt = prebuiltDictionary(packDir);
  if (prebuilt) extras.prebuilt = prebuilt;
  if (options.withRanker) {
    const rankerPath = findModelFile('code-ranker.json', packDir);
    if (rankerPath) extras.ranker = JSON.parse(readFileSync(rankerPath, 'utf8')) as RankerModel;
    else
      process.stderr.write(
        'marginalia: models/code-ranker.json not found; ranking with dictionary scores only.\n',
      );
  }
  return extras;
}

/**
 * The dictionary built at build time (build/pack-dictionary.ts): its binary form, else its JSON
 * form; undefined when neither is there (the coder then builds it in memory).
 */
function prebuiltDictionary(packDir: string): SerializedDictionary | undefined {
  const binPath = path.join(packDir, 'dictionary-2025-april.bin');
  if (existsSync(binPath)) {
    const b = readFileSync(binPath);
    return decodeDictionary(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  }
  const jsonPath = path.join(packDir, 'dictionary-2025-april.json');
  if (existsSync(jsonPath))
    return JSON.parse(readFileSync(jsonPath, 'utf8')) as SerializedDictionary;
  return undefined;
}
