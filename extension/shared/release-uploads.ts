/**
 * IndexedDB hand-off of official release files from the options page to the offscreen
 * document (files of 15+ MB do not belong in a runtime message), and the pointer to the
 * terminology version in use. Both contexts are the extension origin, so they share the DB.
 * Keys are random upload ids and the fixed key "active": nothing derived from a note.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const TERMINOLOGY_STATE_DB_NAME = 'marginalia-terminology-state';
export const TERMINOLOGY_STATE_DB_VERSION = 1;

export interface ReleaseUpload {
  id: string;
  files: { name: string; blob: Blob }[];
  /** Epoch milliseconds. */
  createdAt: number;
}

export interface ActiveTerminology {
  version: string;
  /** The version that was active before (the rollback choice). */
  previous?: string;
  /** Epoch milliseconds. */
  switchedAt: number;
}

interface TerminologyStateSchema extends DBSchema {
  'release-uploads': { key: string; value: ReleaseUpload };
  'active-terminology': { key: 'active'; value: ActiveTerminology };
}

export type TerminologyStateDb = IDBPDatabase<TerminologyStateSchema>;

export function openTerminologyStateDb(): Promise<TerminologyStateDb> {
  return openDB<TerminologyStateSchema>(TERMINOLOGY_STATE_DB_NAME, TERMINOLOGY_STATE_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('release-uploads', { keyPath: 'id' });
        db.createObjectStore('active-terminology');
      }
    },
  });
}

async function withDb<T>(work: (db: TerminologyStateDb) => Promise<T>): Promise<T> {
  const db = await openTerminologyStateDb();
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/** Options page: keeps the chosen files for the offscreen document; returns the upload id. */
export function putReleaseUpload(files: readonly File[]): Promise<string> {
  const id = crypto.randomUUID();
  return withDb(async (db) => {
    await db.put('release-uploads', {
      id,
      files: files.map((file) => ({ name: file.name, blob: file })),
      createdAt: Date.now(),
    });
    return id;
  });
}

/** Offscreen: reads and deletes an upload (older leftovers go too). */
export function takeReleaseUpload(id: string): Promise<ReleaseUpload | undefined> {
  return withDb(async (db) => {
    const upload = await db.get('release-uploads', id);
    const tx = db.transaction('release-uploads', 'readwrite');
    await tx.store.clear();
    await tx.done;
    return upload;
  });
}

export function readActiveTerminology(): Promise<ActiveTerminology | undefined> {
  return withDb((db) => db.get('active-terminology', 'active'));
}

export function writeActiveTerminology(active: ActiveTerminology): Promise<void> {
  return withDb(async (db) => {
    await db.put('active-terminology', active, 'active');
  });
}
