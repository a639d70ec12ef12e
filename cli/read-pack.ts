import { existsSync, readFileSync, statSync } from 'node:fs';
import { decodePackColumns } from '../src/ontology/pack-columns.js';

/**
 * The terminology pack at `packPath` as parsed JSON: from its binary form beside it
 * (<pack>.bin, written by the build) when that was made from this very file (same size and
 * modification time), else from the JSON itself.
 */
export function readPackFromDisk(packPath: string): unknown {
  const binPath = packPath.replace(/\.json$/, '.bin');
  if (binPath !== packPath && existsSync(binPath)) {
    const b = readFileSync(binPath);
    const { pack, source } = decodePackColumns(
      new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
    );
    const json = statSync(packPath);
    if (source.bytes === json.size && source.mtimeMs === json.mtimeMs) return pack;
  }
  try {
    return JSON.parse(readFileSync(packPath, 'utf8'));
  } catch (err) {
    throw new Error(
      `Terminology pack ${packPath} is not valid JSON (${(err as Error).message}); rebuild it with "npm run build".`,
    );
  }
}
