/**
 * Builds the coder once per offscreen document: the terminology pack comes from IndexedDB,
 * or on first run from the packaged `packs/` file, which is then stored for the next start.
 * A stored pack that fails to parse is deleted and reinstalled from the package (repair).
 * If IndexedDB itself is unavailable the package is read every time (one warning).
 */
import {
  createCoder,
  loadOntology,
  PACK_FORMAT,
  readLexiconPack,
  type Coder,
  type CoderOptions,
  type Ontology,
  type RankerModel,
  type TerminologyPack,
} from '../../src/index.js';
import { describeErrorForLog, warnOnce } from '../shared/logger.js';
import {
  PACK_CATALOG_PATH,
  type PackCatalog,
  type PackCatalogEntry,
} from '../shared/pack-catalog.js';
import type { TerminologyStatus } from '../shared/protocol.js';
import { reportLoadProgress } from './load-progress.js';
import {
  PackagedFileError,
  readPackagedBlob,
  readPackagedJson,
  readPackCatalog,
} from './packaged-file.js';
import {
  deleteStoredPack,
  openPackDb,
  readStoredPack,
  writeStoredPack,
  type PackDb,
} from './pack-store.js';

export type { Coder };

export interface LoadedCoder {
  ontology: Ontology;
  coder: Coder;
  status: TerminologyStatus;
  /** What the coder was built with, to rebuild it with learned terms (feedback). */
  coderOptions: CoderOptions;
  /**
   * What this start had to do without, in words for the panel (a missing or damaged optional
   * file, a repaired store). Empty when everything loaded. No note text.
   */
  notices: string[];
  /** The version packaged with the extension (the catalog's default). */
  packagedVersion: string;
}

export interface LoadCoderOptions {
  /**
   * A version imported from a release on the options page (stored in IndexedDB only);
   * default: the packaged version.
   */
  version?: string;
}

/** Raised when no usable terminology pack can be read. The panel shows it with a repair hint. */
export class TerminologyUnavailableError extends Error {
  readonly code = 'terminology-unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TerminologyUnavailableError';
  }
}

/** A damaged package means no terminology: the panel shows it with its repair hint. */
function asTerminologyUnavailable(error: unknown): never {
  if (error instanceof PackagedFileError)
    throw new TerminologyUnavailableError(error.message, { cause: error });
  throw error;
}

/** Parses a pack and checks it is the version the catalog promised. */
export function parseTerminologyPack(json: string, expectedVersion: string): TerminologyPack {
  const pack = JSON.parse(json) as Partial<TerminologyPack> | null;
  const manifest = pack?.manifest;
  if (!manifest || manifest.format !== PACK_FORMAT) {
    throw new TerminologyUnavailableError(
      `Expected a terminology pack (manifest.format "${PACK_FORMAT}"), got ${manifest ? `format "${String(manifest.format)}"` : 'no manifest'}.`,
    );
  }
  if (manifest.version !== expectedVersion) {
    throw new TerminologyUnavailableError(
      `Expected terminology version "${expectedVersion}", got "${manifest.version}".`,
    );
  }
  return pack as TerminologyPack;
}

async function openPackDbOrWarn(): Promise<PackDb | undefined> {
  try {
    return await openPackDb();
  } catch (error) {
    warnOnce(
      `IndexedDB unavailable, reading the packaged terminology each start (${describeErrorForLog(error)}).`,
    );
    return undefined;
  }
}

async function readPackFromDb(
  db: PackDb,
  entry: PackCatalogEntry,
  notices: string[],
): Promise<TerminologyPack | undefined> {
  const stored = await readStoredPack(db, entry.version);
  if (!stored) return undefined;
  try {
    return parseTerminologyPack(await stored.json.text(), entry.version);
  } catch (error) {
    warnOnce(
      `Stored terminology ${entry.version} is damaged; reinstalling it from the package (${describeErrorForLog(error)}).`,
    );
    await deleteStoredPack(db, entry.version);
    notices.push(
      `The stored terminology ${entry.version} was damaged; it was reinstalled from the extension package.`,
    );
    return undefined;
  }
}

/** A packaged file's bytes, inflated when gzipped; a damaged package is no terminology. */
function readPackagedBytes(path: string): Promise<Blob> {
  return readPackagedBlob(path).catch(asTerminologyUnavailable);
}

async function installPackFromPackage(
  db: PackDb | undefined,
  entry: PackCatalogEntry,
): Promise<TerminologyPack> {
  const blob = await readPackagedBytes(entry.file);
  const pack = parseTerminologyPack(await blob.text(), entry.version);
  if (db) {
    await writeStoredPack(db, {
      version: entry.version,
      classification: pack.manifest.classification,
      installedAt: Date.now(),
      byteLength: blob.size,
      json: blob,
    }).catch((error: unknown) =>
      warnOnce(`Could not store the terminology in IndexedDB (${describeErrorForLog(error)}).`),
    );
  }
  return pack;
}

/**
 * The lexicons, the ranker and the prebuilt term dictionary, read from the package on each
 * start (derived files, not worth a cache). A missing or unreadable one is a warning: the coder
 * falls back to its defaults, dictionary ranking, or an in-memory dictionary build.
 */
async function loadCoderExtras(
  catalog: PackCatalog,
  entry: PackCatalogEntry,
): Promise<{ options: CoderOptions; notices: string[] }> {
  const extras: CoderOptions = {};
  const notices: string[] = [];
  const [lexicons, ranker, dictionary] = await Promise.allSettled([
    catalog.lexicons ? readPackagedJson(catalog.lexicons) : Promise.resolve(undefined),
    catalog.ranker ? readPackagedJson(catalog.ranker) : Promise.resolve(undefined),
    entry.dictionary ? readPackagedJson(entry.dictionary) : Promise.resolve(undefined),
  ]);
  // The core checks the format and terminology version, and rebuilds the dictionary on a mismatch.
  if (dictionary.status === 'fulfilled' && dictionary.value !== undefined) {
    extras.prebuilt = dictionary.value as NonNullable<CoderOptions['prebuilt']>;
  } else {
    warnOnce('No prebuilt term dictionary in the package; building it in memory.');
    if (entry.dictionary)
      notices.push(
        'Slower start: the prebuilt term dictionary is missing from the package. Reinstall the extension to restore it.',
      );
  }
  try {
    if (lexicons.status === 'rejected') throw lexicons.reason;
    if (lexicons.value !== undefined) extras.lexicons = readLexiconPack(lexicons.value);
    else warnOnce('No lexicon pack in the package; using the built-in context rules only.');
  } catch (error) {
    warnOnce(
      `Lexicon pack unusable, using the built-in context rules (${describeErrorForLog(error)}).`,
    );
    notices.push(
      'Built-in context rules only: the lexicon pack is missing or damaged. Reinstall the extension to restore it.',
    );
  }
  if (ranker.status === 'fulfilled' && ranker.value !== undefined)
    extras.ranker = ranker.value as RankerModel;
  else {
    warnOnce('No learned ranker in the package; ranking with dictionary scores.');
    if (catalog.ranker)
      notices.push(
        'Ranked by dictionary scores only: the learned ranker is missing from the package. Reinstall the extension to restore it.',
      );
  }
  return { options: extras, notices };
}

/** An imported version: IndexedDB is its only home, so a missing or damaged one is an error. */
async function readImportedPack(db: PackDb | undefined, version: string): Promise<TerminologyPack> {
  const stored = db ? await readStoredPack(db, version) : undefined;
  if (!stored)
    throw new TerminologyUnavailableError(
      `Expected the imported terminology "${version}" in IndexedDB, got none.`,
    );
  return parseTerminologyPack(await stored.json.text(), version);
}

export async function loadCoder(options: LoadCoderOptions = {}): Promise<LoadedCoder> {
  const started = performance.now();
  await reportLoadProgress('reading-catalog');
  const catalog = await readPackCatalog().catch(asTerminologyUnavailable);
  const entry = catalog.packs.find((pack) => pack.version === catalog.defaultVersion);
  if (!entry) {
    throw new TerminologyUnavailableError(
      `Expected the default terminology "${catalog.defaultVersion}" in ${PACK_CATALOG_PATH}, got only: ${catalog.packs.map((p) => p.version).join(', ') || 'none'}.`,
    );
  }
  const extrasLoading = loadCoderExtras(catalog, entry);
  const db = await openPackDbOrWarn();
  const repairNotices: string[] = [];
  await reportLoadProgress('reading-pack');
  const imported =
    options.version !== undefined && options.version !== entry.version
      ? options.version
      : undefined;
  let pack = imported
    ? await readImportedPack(db, imported).finally(() => db?.close())
    : db
      ? await readPackFromDb(db, entry, repairNotices).catch(() => undefined)
      : undefined;
  const loadedFrom: TerminologyStatus['loadedFrom'] = pack ? 'indexeddb' : 'package';
  if (!pack) await reportLoadProgress('installing-pack');
  try {
    pack ??= await installPackFromPackage(db, entry);
  } finally {
    db?.close(); // also when the package is damaged: an open connection would block upgrades
  }
  await reportLoadProgress('indexing');
  const ontology = loadOntology(pack);
  await reportLoadProgress('loading-model');
  const { options: coderOptions, notices: extraNotices } = await extrasLoading;
  const notices = [...repairNotices, ...extraNotices];
  const coder = createCoder(ontology, coderOptions);
  await reportLoadProgress('ready');
  return {
    ontology,
    coder,
    status: {
      version: ontology.version,
      loadedFrom,
      loadMs: Math.round(performance.now() - started),
    },
    coderOptions,
    notices,
    packagedVersion: entry.version,
  };
}
