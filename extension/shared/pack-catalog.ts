/**
 * `packs/packs.json`, written by build/build-extension.mjs next to the packaged terminology
 * packs, so that the extension knows each pack's version without parsing it.
 */
export const PACK_CATALOG_PATH = 'packs/packs.json';

export interface PackCatalogEntry {
  /** Terminology version, e.g. "2025-april". */
  version: string;
  classification: string;
  /** Path inside the package, e.g. "packs/icd10cm-2025-april.json.gz". */
  file: string;
  byteLength: number;
  /** The term dictionary prebuilt from this pack, e.g. "packs/dictionary-2025-april.json.gz". */
  dictionary?: string;
}

export interface PackCatalog {
  defaultVersion: string;
  packs: PackCatalogEntry[];
  /** Packaged lexicon pack (context rules, sections, abbreviations, gzipped), when built. */
  lexicons?: string;
  /** Packaged learned ranker, when built. */
  ranker?: string;
  /**
   * The neural linker: its config (models/linker.json) and ONNX graph. Its code embeddings are
   * computed on the device (extension/offscreen/device-code-embeddings.ts), not packaged.
   */
  linker?: string;
  linkerModel?: string;
  /**
   * When set, `linkerModel` has the table rows training left at their initial values zeroed:
   * restored from this seed (src/model/linker-initial-rows.ts) and checked against linker.json.
   */
  linkerModelSeed?: number;
  /** ICD-9-CM titles and the GEMs (packs/icd9cm-gems.json.gz), for ICD-9-CM codes typed into the lookup. */
  icd9?: string;
  /** ICD-10-PCS tables, definitions and Index (gzipped), and the procedure phrases mined from CodiEsp (gzipped). */
  pcs?: string;
  pcsPhrases?: string;
}

export function parsePackCatalog(json: unknown): PackCatalog {
  const record =
    typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : undefined;
  const packs = record?.packs;
  if (
    !record ||
    typeof record.defaultVersion !== 'string' ||
    !Array.isArray(packs) ||
    !packs.every(
      (p: unknown) =>
        typeof p === 'object' &&
        p !== null &&
        typeof (p as PackCatalogEntry).version === 'string' &&
        typeof (p as PackCatalogEntry).file === 'string',
    )
  ) {
    throw new Error(
      `Expected ${PACK_CATALOG_PATH} to be {defaultVersion: string, packs: [{version, file, ...}]}; the package is damaged. Reinstall the extension.`,
    );
  }
  return record as unknown as PackCatalog;
}
