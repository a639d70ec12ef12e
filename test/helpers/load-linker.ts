import path from 'node:path';
import { loadModelFromDisk, type LoadedModel } from '../../cli/load-model.js';
import { PACK_PATH } from './load-pack.js';

/** The committed linker (models/linker.json and its files), loaded as the CLI loads it; dispose its runner. */
export async function testLinker(): Promise<LoadedModel> {
  const linker = await loadModelFromDisk(path.dirname(PACK_PATH));
  if (!linker) throw new Error('Expected the linker in models/; run "npm run train".');
  return linker;
}
