/**
 * The offscreen loader under faults, with fake-indexeddb and a fake package: a corrupt,
 * truncated or wrong-version pack in IndexedDB is repaired from the package; a quota error on
 * the store's put, or no IndexedDB at all, still gives a working coder; a missing optional file
 * (ranker, lexicons, prebuilt dictionary) degrades with a warning; a missing pack is a
 * `terminology-unavailable` error. No log line carries stored or note content.
 *
 * The core's ontology and coder are replaced by fakes: these tests are about the loader.
 */
import 'fake-indexeddb/auto';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PACK_FORMAT } from '../../../src/ontology/pack-format.js';
import { openPackDb, PACK_DB_NAME, PACK_STORE } from '../../../extension/offscreen/pack-store.js';
import { EXTENSION_ORIGIN, installFakeChrome } from '../fake-chrome.js';

const created = vi.hoisted(() => ({ options: [] as unknown[] }));

vi.mock(import('../../../src/index.js'), async (importOriginal) => ({
  ...(await importOriginal()),
  loadOntology: ((pack: { manifest: { version: string } }) => ({
    version: pack.manifest.version,
    label: `ICD-10-CM ${pack.manifest.version}`,
    warmSearch: () => undefined,
  })) as never,
  createCoder: ((_ontology: unknown, options: unknown) => {
    created.options.push(options);
    return {
      code: () => ({ terminology: 'ICD-10-CM test-v', model: null, codes: [], flagged: [] }),
    };
  }) as never,
}));

const VERSION = 'test-v';
const PACK_JSON = JSON.stringify({
  manifest: { format: PACK_FORMAT, version: VERSION, classification: 'ICD-10-CM' },
  codes: [],
});
// Starts with the marker, so that V8's JSON.parse error (which quotes the first characters) would carry it.
const SECRET = 'SENTINEL zebra 4711 quartz garbage';

let files: Map<string, string | Uint8Array>;
let warnings: string[];

function packageFiles(): Map<string, string | Uint8Array> {
  return new Map([
    [
      'packs/packs.json',
      JSON.stringify({
        defaultVersion: VERSION,
        lexicons: 'packs/lexicons.json',
        ranker: 'models/code-ranker.json',
        packs: [
          {
            version: VERSION,
            classification: 'ICD-10-CM',
            file: `packs/icd10cm-${VERSION}.json`,
            byteLength: PACK_JSON.length,
            dictionary: `packs/dictionary-${VERSION}.json`,
          },
        ],
      }),
    ],
    [`packs/icd10cm-${VERSION}.json`, PACK_JSON],
    [`packs/dictionary-${VERSION}.json`, JSON.stringify({ format: 'test-dictionary' })],
    ['models/code-ranker.json', JSON.stringify({ id: 'ranker-test' })],
    // Not a valid lexicon pack: the loader must fall back (and say so) rather than fail.
    ['packs/lexicons.json', JSON.stringify({ format: 'unknown' })],
  ]);
}

async function loadFreshCoder() {
  vi.resetModules(); // a fresh logger (warn-once memory) and a fresh loader per test
  const { loadCoder } = await import('../../../extension/offscreen/load-coder.js');
  return loadCoder();
}

/** Writes a stored-pack record directly (the loader's own schema, any `json` value). */
async function putRawPack(json: Blob | string): Promise<void> {
  const db = await openPackDb();
  try {
    await db.put(PACK_STORE, {
      version: VERSION,
      classification: 'ICD-10-CM',
      installedAt: 1,
      byteLength: 3,
      json: json as Blob,
    });
  } finally {
    db.close();
  }
}

async function readRawPack(): Promise<{ json: Blob } | undefined> {
  const db = await openPackDb();
  try {
    return await db.get(PACK_STORE, VERSION);
  } finally {
    db.close();
  }
}

beforeEach(() => {
  installFakeChrome();
  files = packageFiles();
  created.options.length = 0;
  warnings = [];
  vi.stubGlobal('fetch', async (url: string) => {
    const path = String(url).replace(EXTENSION_ORIGIN, '');
    const body = files.get(path);
    if (body === undefined) return new Response('not found', { status: 404 });
    return new Response(typeof body === 'string' ? body : new Blob([new Uint8Array(body)]), {
      status: 200,
    });
  });
  vi.spyOn(console, 'warn').mockImplementation(
    (...args: unknown[]) => void warnings.push(args.join(' ')),
  );
  vi.spyOn(console, 'error').mockImplementation(
    (...args: unknown[]) => void warnings.push(args.join(' ')),
  );
});

afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(PACK_DB_NAME);
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });
  // No warning of any test may carry stored content or note text.
  for (const line of warnings) expect(line).not.toContain('SENTINEL');
});

describe('loadCoder', () => {
  it('installs the packaged pack on first run, then starts from IndexedDB', async () => {
    expect((await loadFreshCoder()).status.loadedFrom).toBe('package');
    expect(await (await readRawPack())!.json.text()).toBe(PACK_JSON);
    expect((await loadFreshCoder()).status.loadedFrom).toBe('indexeddb');
  });

  for (const [label, stored] of [
    ['garbage', () => new Blob([`${SECRET} {{{ not json`])],
    ['a truncated pack', () => new Blob([PACK_JSON.slice(0, PACK_JSON.length / 2)])],
    ['a pack of another version', () => new Blob([PACK_JSON.replace(VERSION, 'other-version')])],
    ['a string where a Blob belongs', () => `${SECRET}`],
  ] as const) {
    it(`repairs ${label} in the store from the package, with a warning`, async () => {
      await putRawPack(stored());
      const loaded = await loadFreshCoder();
      expect(loaded.status.loadedFrom).toBe('package');
      expect(loaded.status.version).toBe(VERSION);
      expect(warnings.join('\n')).toMatch(/damaged; reinstalling it from the package/);
      expect(loaded.notices[0]).toMatch(
        /^The stored terminology test-v was damaged; it was reinstalled/,
      );
      // Repaired: the next start reads a valid pack from IndexedDB.
      expect(await (await readRawPack())!.json.text()).toBe(PACK_JSON);
      expect((await loadFreshCoder()).status.loadedFrom).toBe('indexeddb');
    });
  }

  it('inflates a gzipped packaged pack (as the build ships it) on install', async () => {
    const catalog = JSON.parse(files.get('packs/packs.json') as string);
    catalog.packs[0].file = `packs/icd10cm-${VERSION}.json.gz`;
    files.set('packs/packs.json', JSON.stringify(catalog));
    files.set(`packs/icd10cm-${VERSION}.json.gz`, gzipSync(PACK_JSON));
    expect((await loadFreshCoder()).status.loadedFrom).toBe('package');
    expect(await (await readRawPack())!.json.text()).toBe(PACK_JSON);
  });

  it('a packaged .gz that is not gzip is a terminology-unavailable error that says so', async () => {
    const catalog = JSON.parse(files.get('packs/packs.json') as string);
    catalog.packs[0].file = `packs/icd10cm-${VERSION}.json.gz`;
    files.set('packs/packs.json', JSON.stringify(catalog));
    files.set(`packs/icd10cm-${VERSION}.json.gz`, `${SECRET} not gzip`);
    await expect(loadFreshCoder()).rejects.toThrow(/to be gzip, could not inflate it/);
  });

  it('still codes when the store refuses the pack (quota exceeded on put)', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException(`Quota exceeded while storing ${SECRET}`, 'QuotaExceededError');
    });
    const loaded = await loadFreshCoder();
    expect(loaded.status.loadedFrom).toBe('package');
    expect(loaded.coder.code('x', {})).toMatchObject({ codes: [] });
    expect(warnings.join('\n')).toMatch(
      /Could not store the terminology in IndexedDB \(QuotaExceededError/,
    );
    expect(await readRawPack()).toBeUndefined();
  });

  it('still codes without IndexedDB at all (reads the package each start)', async () => {
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('The user denied permission to access the database.', 'UnknownError');
    });
    const loaded = await loadFreshCoder();
    expect(loaded.status.loadedFrom).toBe('package');
    expect(warnings.join('\n')).toMatch(/IndexedDB unavailable/);
  });

  it('still codes without the ranker, the lexicons and the prebuilt dictionary, warning for each', async () => {
    files.delete('models/code-ranker.json');
    files.delete('packs/lexicons.json');
    files.delete(`packs/dictionary-${VERSION}.json`);
    const loaded = await loadFreshCoder();
    expect(loaded.coder.code('x', {})).toMatchObject({ model: null });
    expect(created.options[0]).toEqual({});
    const text = warnings.join('\n');
    expect(text).toMatch(/No prebuilt term dictionary/);
    expect(text).toMatch(/Lexicon pack unusable|No lexicon pack/);
    expect(text).toMatch(/No learned ranker/);
    // ...and says so in words the panel can show.
    expect(loaded.notices).toEqual([
      expect.stringMatching(/^Slower start: the prebuilt term dictionary is missing/),
      expect.stringMatching(/^Built-in context rules only/),
      expect.stringMatching(/^Ranked by dictionary scores only/),
    ]);
  });

  it('uses the optional files that are there', async () => {
    const loaded = await loadFreshCoder();
    expect(created.options[0]).toMatchObject({
      ranker: { id: 'ranker-test' },
      prebuilt: { format: 'test-dictionary' },
    });
    expect(loaded.notices).toEqual([expect.stringMatching(/^Built-in context rules only/)]);
    expect(warnings.join('\n')).toMatch(/Lexicon pack unusable/); // the fake lexicon file is invalid on purpose
  });

  it('reports a missing pack or catalog as terminology-unavailable (the panel shows it with Try again)', async () => {
    files.delete(`packs/icd10cm-${VERSION}.json`);
    await expect(loadFreshCoder()).rejects.toMatchObject({ code: 'terminology-unavailable' });
    files = packageFiles();
    files.set('packs/packs.json', '{"nonsense": true}');
    await expect(loadFreshCoder()).rejects.toThrow(/packs\/packs\.json/);
  });
});
