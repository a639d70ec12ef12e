import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CoderOptions } from '../src/engine/create-coder.js';
import { readLexiconPack } from '../src/context/lexicon-pack.js';

/**
 * Optional coder inputs that live beside the terminology pack: the lexicon pack (context
 * rules, section headers, abbreviation sense priors). Without it the coder uses its built-in
 * defaults, and says so on stderr once.
 */
export function coderExtrasFromDisk(packDir: string): CoderOptions {
  const options: CoderOptions = {};
  const lexPath = path.join(packDir, 'lexicons.json');
  if (existsSync(lexPath)) options.lexicons = readLexiconPack(JSON.parse(readFileSync(lexPath, 'utf8')));
  else process.stderr.write(`marginalia: ${lexPath} not found; using the built-in context rules only. Run "npm run build" to pack the lexicons.\n`);
  return options;
}
