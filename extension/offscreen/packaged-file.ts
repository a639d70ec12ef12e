/**
 * Reads files shipped in the extension package (the only network the extension does: its own
 * files), and the package's catalog of them (packs/packs.json). Used by the coder loader, the
 * linker loader and the ICD-9 search, in the offscreen document and Firefox's background page.
 */
import { PACK_CATALOG_PATH, parsePackCatalog, type PackCatalog } from '../shared/pack-catalog.js';

/** A packaged file could not be read: the package is damaged. */
export class PackagedFileError extends Error {
  readonly code = 'damaged-package';
  override name = 'PackagedFileError';
}

export async function fetchPackagedFile(path: string): Promise<Response> {
  const response = await fetch(chrome.runtime.getURL(path));
  if (!response.ok) {
    throw new PackagedFileError(
      `Expected the packaged file "${path}", got HTTP ${response.status}. Reinstall the extension.`,
    );
  }
  return response;
}

/** The package's catalog: terminology packs, lexicons, ranker, linker and ICD-9 files. */
export async function readPackCatalog(): Promise<PackCatalog> {
  return parsePackCatalog(await (await fetchPackagedFile(PACK_CATALOG_PATH)).json());
}
