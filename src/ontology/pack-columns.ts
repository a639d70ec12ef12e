/**
 * The terminology pack in binary form (dist/packs/<pack>.bin, written by the build beside the
 * JSON pack): its code, title and Index columns load without a JSON parse (ontology/json-columns.ts).
 * The file names the JSON pack it was made from by size and modification time, so a reader can
 * tell a stale one from a current one without reading the JSON.
 */
import { decodeJsonColumns, encodeJsonColumns } from './json-columns.js';

const FORMAT = 'marginalia-terminology-pack-columns';
const WHAT = 'the binary terminology pack';

/** The JSON pack file a binary pack was made from. */
export interface PackSource {
  bytes: number;
  mtimeMs: number;
}

export function encodePackColumns(pack: Record<string, unknown>, source: PackSource): Uint8Array {
  return encodeJsonColumns(pack, { format: FORMAT, source });
}

/** The pack (as parsed JSON: validate it with loadOntology), and the JSON file it was made from. */
export function decodePackColumns(bytes: Uint8Array): { pack: unknown; source: PackSource } {
  const { value, meta } = decodeJsonColumns(bytes, WHAT);
  if (meta.format !== FORMAT)
    throw new Error(`${WHAT}: expected format "${FORMAT}", got ${JSON.stringify(meta.format)}.`);
  return { pack: value, source: meta.source as PackSource };
}
