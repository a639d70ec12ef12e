import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildLinkerOnnx } from '../../../build/export-linker-onnx.js';
import { seededRandom } from '../../../build/seeded-random.js';
import {
  CODE_EMBEDDINGS_CACHE_FORMAT,
  CODE_EMBEDDINGS_DB_NAME,
  loadCodeEmbeddings,
  type CodeEmbeddingsSource,
} from '../../../extension/offscreen/device-code-embeddings.js';
import { decodeCodeEmbeddings, encodeCodeEmbeddings } from '../../../src/model/code-embeddings.js';
import { codeText } from '../../../src/model/embed-code-titles.js';
import { DEFAULT_FEATURIZER, featurizeBatch } from '../../../src/model/featurize-text.js';
import { LINKER_CONFIG_FORMAT, type LinkerConfig } from '../../../src/model/linker-config.js';
import { readLinkerWeights } from '../../../src/model/read-linker-onnx.js';
import { encodeReference, quantizeRows } from '../../../src/model/static-encoder.js';
import { syntheticOntology } from '../../helpers/synthetic-pack.js';

const BUCKETS = 1024;
const DIM = 8;
const featurizer = { ...DEFAULT_FEATURIZER, buckets: BUCKETS };
const onto = syntheticOntology();

function tinyOnnx(): Uint8Array {
  const rnd = seededRandom(11);
  const table = quantizeRows(
    Float32Array.from({ length: BUCKETS * DIM }, () => rnd() * 2 - 1),
    BUCKETS,
    DIM,
  );
  return buildLinkerOnnx({
    buckets: BUCKETS,
    dim: DIM,
    table: table.q,
    tableScale: table.scale,
    proj: Int8Array.from({ length: DIM * DIM }, () => Math.round(rnd() * 254 - 127)),
    projScale: 0.01,
  });
}

const onnx = tinyOnnx();

/** The embeddings as build/train-linker.ts used to make them: every title in one batch. */
function expectedBytes(): Uint8Array {
  const titles = onto.pack.codes.map((c) => codeText(onto, c));
  const y = encodeReference(readLinkerWeights(onnx), featurizeBatch(titles, featurizer));
  const q = quantizeRows(y, titles.length, DIM);
  return encodeCodeEmbeddings({
    modelId: 'linker@test',
    terminology: onto.label,
    dim: DIM,
    codes: onto.pack.codes.slice(),
    scale: q.scale,
    vectors: q.q,
  });
}

const expected = expectedBytes();
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

function config(codesSha = sha256(expected)): LinkerConfig {
  return {
    format: LINKER_CONFIG_FORMAT,
    formatVersion: 1,
    id: 'linker@test',
    dim: DIM,
    featurizer,
    files: {
      model: { file: 'linker.onnx', sha256: sha256(onnx), bytes: onnx.length },
      codeEmbeddings: { file: 'linker-codes.bin', sha256: codesSha, bytes: expected.length },
    },
    terminology: onto.label,
    meta: {},
  };
}

function source(linker = config()): CodeEmbeddingsSource & {
  readModel: ReturnType<typeof vi.fn>;
  readOntology: ReturnType<typeof vi.fn>;
} {
  return {
    config: linker,
    readModel: vi.fn(async () => onnx),
    readOntology: vi.fn(async () => onto),
  };
}

async function cacheDb() {
  return openDB(CODE_EMBEDDINGS_DB_NAME, 1);
}

afterEach(async () => {
  vi.restoreAllMocks();
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(CODE_EMBEDDINGS_DB_NAME);
    request.onsuccess = request.onerror = resolve;
  });
});

describe('code embeddings computed on the device and cached in IndexedDB', () => {
  it('computes them on the first load (as training did), then reads them from the cache', async () => {
    const first = source();
    const computed = await loadCodeEmbeddings(first);
    expect(computed.from).toBe('computed');
    expect(Buffer.from(computed.bytes)).toEqual(Buffer.from(expected));
    expect(decodeCodeEmbeddings(computed.bytes).codes.length).toBe(onto.size);
    expect(first.readModel).toHaveBeenCalledTimes(1);
    expect(first.readOntology).toHaveBeenCalledTimes(1);

    const second = source();
    const cached = await loadCodeEmbeddings(second);
    expect(cached.from).toBe('indexeddb');
    expect(Buffer.from(cached.bytes)).toEqual(Buffer.from(expected));
    expect(second.readModel).not.toHaveBeenCalled();
    expect(second.readOntology).not.toHaveBeenCalled();
  });

  it('keys the cache by linker id and stores no text but the code list', async () => {
    await loadCodeEmbeddings(source());
    const db = await cacheDb();
    expect(await db.getAllKeys('code-embeddings')).toEqual(['linker@test']);
    const entry = await db.get('code-embeddings', 'linker@test');
    expect(Object.keys(entry).sort()).toEqual(
      ['bytes', 'computedAt', 'format', 'linkerId', 'sha256'].sort(),
    );
    expect(entry.format).toBe(CODE_EMBEDDINGS_CACHE_FORMAT);
    db.close();
  });

  it('recomputes a damaged entry or one of another cache format', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await loadCodeEmbeddings(source());
    for (const damage of [
      (e: { bytes: ArrayBuffer }) => new Uint8Array(e.bytes).fill(7, 500, 501),
      (e: { format: number }) => (e.format = CODE_EMBEDDINGS_CACHE_FORMAT + 1),
      (e: { bytes: unknown }) => (e.bytes = 'not bytes'),
    ]) {
      const db = await cacheDb();
      const entry = await db.get('code-embeddings', 'linker@test');
      damage(entry);
      await db.put('code-embeddings', entry);
      db.close();
      const again = source();
      const load = await loadCodeEmbeddings(again);
      expect(load.from).toBe('computed');
      expect(Buffer.from(load.bytes)).toEqual(Buffer.from(expected));
      expect(again.readModel).toHaveBeenCalledTimes(1);
      expect((await loadCodeEmbeddings(source())).from).toBe('indexeddb');
    }
    expect(warn.mock.calls.flat().join('\n')).toMatch(/Cached code embeddings of linker@test/);
  });

  it('refuses embeddings that do not hash to what linker.json says, and caches nothing', async () => {
    await expect(loadCodeEmbeddings(source(config('0'.repeat(64))))).rejects.toThrow(
      /Expected the code embeddings computed from linker.onnx to hash to 0{64} \(linker.json\), got [0-9a-f]{64}/,
    );
    const db = await cacheDb();
    expect(await db.getAllKeys('code-embeddings')).toEqual([]);
    db.close();
  });

  it('computes nothing when the linker cannot run (its session failed)', async () => {
    const failedSession = (message: string): Promise<never> => {
      const session = Promise.reject(new Error(message));
      session.catch(() => undefined); // as load-model.ts does: it surfaces where awaited
      return session;
    };
    const failed = source();
    await expect(loadCodeEmbeddings(failed, failedSession('no ONNX Runtime here'))).rejects.toThrow(
      /no ONNX Runtime here/,
    );
    expect(failed.readOntology).not.toHaveBeenCalled();
    // A cached entry needs no session to be read.
    await loadCodeEmbeddings(source());
    const load = await loadCodeEmbeddings(source(), failedSession('not awaited'));
    expect(load.from).toBe('indexeddb');
  });

  it('another linker id is another entry: its embeddings are computed', async () => {
    await loadCodeEmbeddings(source());
    const other = source({ ...config(), id: 'linker@other' });
    await expect(loadCodeEmbeddings(other)).rejects.toThrow(/to hash to/);
    expect(other.readModel).toHaveBeenCalledTimes(1);
  });
});
