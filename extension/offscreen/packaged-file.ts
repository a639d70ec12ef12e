/**
 * Reads files shipped in the extension package (the only network the extension does: its own
 * files), and the package's catalog of them (packs/packs.json). Used by the coder loader, the
 * linker loader and the ICD-9 search, in the offscreen document and Firefox's background page.
 */
import { describeErrorForLog } from '../shared/logger.js';
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

/**
 * A packaged file's bytes. A `.gz` file (the packs, the prebuilt dictionary, the lexicons and the
 * ICD-9 crosswalk ship gzipped: a third to a tenth of the size) is inflated on the way with
 * DecompressionStream.
 */
export async function readPackagedBlob(path: string): Promise<Blob> {
  const response = await fetchPackagedFile(path);
  if (!path.endsWith('.gz')) return response.blob();
  if (!response.body)
    throw new PackagedFileError(
      `Expected the packaged file "${path}" to have a body, got none. Reinstall the extension.`,
    );
  try {
    return await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).blob();
  } catch (error) {
    throw new PackagedFileError(
      `Expected the packaged file "${path}" to be gzip, could not inflate it (${describeErrorForLog(error)}). Reinstall the extension.`,
      { cause: error },
    );
  }
}

/** A packaged JSON file (gzipped or not, see {@link readPackagedBlob}), parsed. */
export async function readPackagedJson(path: string): Promise<unknown> {
  if (!path.endsWith('.gz')) return (await fetchPackagedFile(path)).json();
  const text = await (await readPackagedBlob(path)).text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PackagedFileError(
      `Expected the packaged file "${path}" to be gzipped JSON, could not read it (${describeErrorForLog(error)}). Reinstall the extension.`,
      { cause: error },
    );
  }
}

/** The package's catalog: terminology packs, lexicons, ranker, linker and ICD-9 files. */
export async function readPackCatalog(): Promise<PackCatalog> {
  return parsePackCatalog(await (await fetchPackagedFile(PACK_CATALOG_PATH)).json());
}
