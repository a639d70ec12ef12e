import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadOntology, type Ontology } from '../../src/ontology/ontology.js';
import type { TerminologyPack } from '../../src/ontology/pack-format.js';
import { readLexiconPack, type LexiconPack } from '../../src/context/lexicon-pack.js';
import { createCoder, type Coder } from '../../src/engine/create-coder.js';
import type { RankerModel } from '../../src/engine/code-ranker.js';

export const REPO = path.resolve(import.meta.dirname, '..', '..');
export const PACK_PATH = path.join(REPO, 'dist', 'packs', 'icd10cm-2025-april.json');
export const LEXICON_PATH = path.join(REPO, 'dist', 'packs', 'lexicons.json');
export const DATA_DIR = path.resolve(
  process.env.MARGINALIA_DATA || path.join(REPO, '..', 'shared', 'data'),
);

let pack: TerminologyPack | undefined;
let onto: Ontology | undefined;
let lexicons: LexiconPack | undefined;

/** The built terminology pack (run `npm run build` first). */
export function testPack(): TerminologyPack {
  if (!existsSync(PACK_PATH))
    throw new Error(`Expected the terminology pack at ${PACK_PATH}; run "npm run build" first.`);
  return (pack ??= JSON.parse(readFileSync(PACK_PATH, 'utf8')) as TerminologyPack);
}

export function testOntology(): Ontology {
  return (onto ??= loadOntology(testPack()));
}

export function testLexicons(): LexiconPack {
  if (!existsSync(LEXICON_PATH))
    throw new Error(`Expected the lexicon pack at ${LEXICON_PATH}; run "npm run build" first.`);
  return (lexicons ??= readLexiconPack(JSON.parse(readFileSync(LEXICON_PATH, 'utf8'))));
}

let coder: Coder | undefined;

/**
 * The coder the engine tests share: the built pack and lexicons with the shipped ranker
 * (models/code-ranker.json), built once per test file.
 */
export function testCoder(): Coder {
  if (coder) return coder;
  const ranker = JSON.parse(
    readFileSync(path.join(REPO, 'models', 'code-ranker.json'), 'utf8'),
  ) as RankerModel;
  return (coder = createCoder(testOntology(), { lexicons: testLexicons(), ranker }));
}
