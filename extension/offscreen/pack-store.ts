/**
 * IndexedDB storage of terminology packs, keyed by terminology version (never by anything
 * derived from a note). The pack is kept as the JSON Blob it was packaged as: a Blob put/get
 * is far cheaper than structured-cloning millions of strings, and parsing it is one call.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const PACK_DB_NAME = 'marginalia';
export const PACK_DB_VERSION = 1;
export const PACK_STORE = 'terminology-packs';

export interface StoredPack {
  /** Terminology version, e.g. "2025-april": the key. */
  version: string;
  classification: string;
  /** Epoch milliseconds. */
  installedAt: number;
  byteLength: number;
  json: Blob;
}

export interface PackDbSchema extends DBSchema {
  'terminology-packs': { key: string; value: StoredPack };
}

export type PackDb = IDBPDatabase<PackDbSchema>;

export function openPackDb(): Promise<PackDb> {
  return openDB<PackDbSchema>(PACK_DB_NAME, PACK_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore(PACK_STORE, { keyPath: 'version' });
      }
      // Future migrations: `if (oldVersion < 2) { ... }`.
    },
  });
}

export function readStoredPack(db: PackDb, version: string): Promise<StoredPack | undefined> {
  return db.get(PACK_STORE, version);
}

export async function writeStoredPack(db: PackDb, pack: StoredPack): Promise<void> {
  await db.put(PACK_STORE, pack);
}

export async function deleteStoredPack(db: PackDb, version: string): Promise<void> {
  await db.delete(PACK_STORE, version);
}

export function listStoredPackVersions(db: PackDb): Promise<string[]> {
  return db.getAllKeys(PACK_STORE);
}
