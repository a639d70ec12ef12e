/**
 * The linker's code embeddings in the extension. They are not packaged (models/linker-codes.bin is
 * 7 MB, 2.9 MB zipped): the first time the linker loads, the offscreen document computes them from
 * the int8 weights in linker.onnx (src/model/embed-code-titles.ts, the computation that wrote
 * linker-codes.bin) in a worker (code-embeddings-worker.ts; where none can start, on this thread
 * in slices between which other tasks run), checks them against the sha256
 * linker.json gives for linker-codes.bin, and caches them in IndexedDB under the linker id. Later
 * starts read the cache; an entry of another cache format or linker, or whose bytes do not hash
 * to that sha256, is deleted and recomputed. The cache holds code embeddings only, never note text.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { encodeCodeEmbeddings } from '../../src/model/code-embeddings.js';
import { codeTitles, embedCodeTitles, type CodeTitles } from '../../src/model/embed-code-titles.js';
import type { LinkerConfig } from '../../src/model/linker-config.js';
import { readLinkerWeights } from '../../src/model/read-linker-onnx.js';
import type { Ontology } from '../../src/ontology/ontology.js';
import { describeErrorForLog, warnOnce } from '../shared/logger.js';
import type { EmbedReply, EmbedRequest } from './embed-request.js';
import { nextTask } from './next-task.js';
import { sha256Hex } from './sha256-hex.js';

/** Its own database, so that the terminology store's schema versions stay its own. */
export const CODE_EMBEDDINGS_DB_NAME = 'marginalia-linker';
const DB_VERSION = 1;
const STORE = 'code-embeddings';
/** What an entry holds; an entry of another format is recomputed. */
export const CODE_EMBEDDINGS_CACHE_FORMAT = 1;

interface CachedCodeEmbeddings {
  /** The linker id (linker.json "id"): the key. */
  linkerId: string;
  format: number;
  /** sha256 (hex) of `bytes`: linker.json's files.codeEmbeddings.sha256. */
  sha256: string;
  /** The code-embedding file's bytes (src/model/code-embeddings.ts). */
  bytes: ArrayBuffer;
  /** Epoch milliseconds. */
  computedAt: number;
}

interface CodeEmbeddingsDbSchema extends DBSchema {
  'code-embeddings': { key: string; value: CachedCodeEmbeddings };
}

type CodeEmbeddingsDb = IDBPDatabase<CodeEmbeddingsDbSchema>;

/** Where the embeddings came from this time, and what it took (for the benchmark). */
export interface CodeEmbeddingsLoad {
  bytes: Uint8Array;
  from: 'indexeddb' | 'computed';
  ms: number;
}

export interface CodeEmbeddingsSource {
  config: LinkerConfig;
  /** The linker's ONNX bytes; only read when the embeddings are computed. */
  readModel(): Promise<Uint8Array>;
  /** The terminology the linker was trained on (config.terminology); only read when computing. */
  readOntology(): Promise<Ontology>;
}

function openCodeEmbeddingsDb(): Promise<CodeEmbeddingsDb> {
  return openDB<CodeEmbeddingsDbSchema>(CODE_EMBEDDINGS_DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore(STORE, { keyPath: 'linkerId' });
    },
  });
}

async function readCache(
  db: CodeEmbeddingsDb,
  config: LinkerConfig,
): Promise<Uint8Array | undefined> {
  const entry = await db.get(STORE, config.id);
  if (!entry) return undefined;
  const expected = config.files.codeEmbeddings.sha256;
  const bytes = entry.bytes instanceof ArrayBuffer ? new Uint8Array(entry.bytes) : undefined;
  if (
    entry.format === CODE_EMBEDDINGS_CACHE_FORMAT &&
    entry.sha256 === expected &&
    bytes &&
    (await sha256Hex(bytes)) === expected
  )
    return bytes;
  warnOnce(
    `Cached code embeddings of ${config.id} are of cache format ${String(entry.format)} or damaged; recomputing them.`,
  );
  await db.delete(STORE, config.id);
  return undefined;
}

/** The file's bytes computed in code-embeddings-worker.js; rejects when the worker fails. */
function embedInWorker(request: EmbedRequest): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(chrome.runtime.getURL('code-embeddings-worker.js'), {
      type: 'module',
    });
    // Its only sender is this document (a dedicated worker), not a page.
    worker.onmessage = (event: MessageEvent<EmbedReply>) => {
      worker.terminate();
      const reply = event.data;
      if ('bytes' in reply) resolve(new Uint8Array(reply.bytes));
      else reject(new Error(reply.error));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`the worker failed to run (${event.message || 'no message'})`));
    };
    worker.postMessage(request);
  });
}

/** The same on this thread, in slices between which other tasks (coding requests) run. */
async function embedHere(request: EmbedRequest): Promise<Uint8Array<ArrayBuffer>> {
  const weights = readLinkerWeights(new Uint8Array(request.onnx));
  const embeddings = await embedCodeTitles(weights, request.titles, {
    modelId: request.modelId,
    featurizer: request.featurizer,
    // About 20-50 ms of work per slice on a slow machine, so that a coding request waits little.
    slice: 512,
    pause: nextTask,
  });
  return encodeCodeEmbeddings(embeddings);
}

async function embed(request: EmbedRequest): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof Worker === 'undefined') return embedHere(request);
  try {
    return await embedInWorker(request);
  } catch (error) {
    warnOnce(
      `Computing the code embeddings on the page's own thread: ${describeErrorForLog(error)}.`,
    );
    return embedHere(request);
  }
}

/** Computes the embeddings and checks them against linker.json; throws on a mismatch. */
export async function computeCodeEmbeddings(
  source: CodeEmbeddingsSource,
): Promise<Uint8Array<ArrayBuffer>> {
  const { config } = source;
  const titles: CodeTitles = codeTitles(await source.readOntology());
  const model = await source.readModel();
  const bytes = await embed({
    // A copy: the model's bytes stay whole for the ORT session.
    onnx: model.slice().buffer,
    titles,
    modelId: config.id,
    featurizer: config.featurizer,
  });
  const got = await sha256Hex(bytes);
  if (got !== config.files.codeEmbeddings.sha256)
    throw new Error(
      `Expected the code embeddings computed from ${config.files.model.file} to hash to ${config.files.codeEmbeddings.sha256} (linker.json), got ${got}.`,
    );
  return bytes;
}

async function openOrWarn(): Promise<CodeEmbeddingsDb | undefined> {
  try {
    return await openCodeEmbeddingsDb();
  } catch (error) {
    warnOnce(
      `IndexedDB unavailable, computing the code embeddings each start (${describeErrorForLog(error)}).`,
    );
    return undefined;
  }
}

/**
 * The code-embedding file's bytes: from the IndexedDB cache, else computed and cached.
 * `beforeComputing` (the ORT session) must succeed first: no computing for a linker that cannot run.
 */
export async function loadCodeEmbeddings(
  source: CodeEmbeddingsSource,
  beforeComputing?: Promise<unknown>,
): Promise<CodeEmbeddingsLoad> {
  const t0 = performance.now();
  const db = await openOrWarn();
  try {
    const cached = db
      ? await readCache(db, source.config).catch((error: unknown) => {
          warnOnce(`Could not read the cached code embeddings (${describeErrorForLog(error)}).`);
          return undefined;
        })
      : undefined;
    if (cached) return { bytes: cached, from: 'indexeddb', ms: performance.now() - t0 };
    await beforeComputing;
    const bytes = await computeCodeEmbeddings(source);
    const entry: CachedCodeEmbeddings = {
      linkerId: source.config.id,
      format: CODE_EMBEDDINGS_CACHE_FORMAT,
      sha256: source.config.files.codeEmbeddings.sha256,
      bytes: bytes.buffer,
      computedAt: Date.now(),
    };
    await db
      ?.put(STORE, entry)
      .catch((error: unknown) =>
        warnOnce(`Could not cache the code embeddings (${describeErrorForLog(error)}).`),
      );
    return { bytes, from: 'computed', ms: performance.now() - t0 };
  } finally {
    db?.close();
  }
}
