import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  deleteStoredPack,
  listStoredPackVersions,
  openPackDb,
  PACK_DB_NAME,
  readStoredPack,
  writeStoredPack,
} from '../../../extension/offscreen/pack-store.js';
import { parseTerminologyPack } from '../../../extension/offscreen/load-coder.js';
import { parsePackCatalog } from '../../../extension/shared/pack-catalog.js';
import { PACK_FORMAT } from '../../../src/ontology/pack-format.js';

afterEach(async () => {
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(PACK_DB_NAME);
    request.onsuccess = request.onerror = resolve;
  });
});

describe('pack store', () => {
  it('creates the store on first open and keys packs by terminology version', async () => {
    const db = await openPackDb();
    expect([...db.objectStoreNames]).toEqual(['terminology-packs']);
    const json = JSON.stringify({ manifest: { format: PACK_FORMAT, version: '2025-april' } });
    await writeStoredPack(db, {
      version: '2025-april',
      classification: 'ICD-10-CM',
      installedAt: 1,
      byteLength: json.length,
      json: new Blob([json], { type: 'application/json' }),
    });
    expect(await listStoredPackVersions(db)).toEqual(['2025-april']);
    const stored = await readStoredPack(db, '2025-april');
    expect(stored?.byteLength).toBe(json.length);
    await deleteStoredPack(db, '2025-april');
    expect(await readStoredPack(db, '2025-april')).toBeUndefined();
    db.close();
  });
});

describe('parseTerminologyPack', () => {
  const pack = (manifest: unknown): string => JSON.stringify({ manifest });

  it('accepts the promised version', () => {
    expect(
      parseTerminologyPack(pack({ format: PACK_FORMAT, version: '2025-april' }), '2025-april')
        .manifest.version,
    ).toBe('2025-april');
  });

  it('says what it expected and what it got', () => {
    expect(() => parseTerminologyPack(pack({ format: 'zip', version: 'x' }), '2025-april')).toThrow(
      `Expected a terminology pack (manifest.format "${PACK_FORMAT}"), got format "zip".`,
    );
    expect(() =>
      parseTerminologyPack(pack({ format: PACK_FORMAT, version: '2024' }), '2025-april'),
    ).toThrow('Expected terminology version "2025-april", got "2024".');
    expect(() => parseTerminologyPack('{"manif', '2025-april')).toThrow(SyntaxError);
  });
});

describe('parsePackCatalog', () => {
  it('accepts the catalog the build writes and rejects a damaged one', () => {
    const catalog = {
      defaultVersion: '2025-april',
      packs: [
        { version: '2025-april', file: 'packs/x.json', classification: 'ICD-10-CM', byteLength: 1 },
      ],
    };
    expect(parsePackCatalog(catalog)).toEqual(catalog);
    expect(() => parsePackCatalog({ packs: [] })).toThrow(/Reinstall the extension/);
  });
});
