// The FeedbackStore port over IndexedDB, as the extension will implement it (reference adapter
// and schema for extension/shared; fake-indexeddb here): atomic updates, hashed keys, no note text in keys.
import 'fake-indexeddb/auto';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import {
  createFeedbackEvent,
  recordFeedback,
  undoFeedback,
  type FeedbackChange,
  type FeedbackRecord,
  type FeedbackStore,
} from '../../src/feedback/index.js';

interface FeedbackDB extends DBSchema {
  /** key: feedbackRecordKey(record) (32 hex digits), value: the record. */
  'feedback-records': { key: string; value: FeedbackRecord; indexes: { 'by-code': string } };
}

const DB_VERSION = 1;

async function openFeedbackDb(name: string): Promise<IDBPDatabase<FeedbackDB>> {
  return openDB<FeedbackDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore('feedback-records').createIndex('by-code', 'code');
    },
  });
}

class IdbFeedbackStore implements FeedbackStore {
  constructor(private readonly db: IDBPDatabase<FeedbackDB>) {}

  async update(changes: readonly FeedbackChange[]): Promise<void> {
    // One readwrite transaction; only IndexedDB requests are awaited inside it.
    const tx = this.db.transaction('feedback-records', 'readwrite');
    for (const { key, change } of changes) {
      const next = change(await tx.store.get(key));
      if (next) await tx.store.put(next, key);
      else await tx.store.delete(key);
    }
    await tx.done;
  }

  getAll(): Promise<FeedbackRecord[]> {
    return this.db.getAll('feedback-records');
  }

  clear(): Promise<void> {
    return this.db.clear('feedback-records');
  }
}

describe('FeedbackStore over IndexedDB', () => {
  it('records, undoes and clears with hashed keys', async () => {
    const db = await openFeedbackDb('feedback-test');
    const store = new IdbFeedbackStore(db);
    const event = createFeedbackEvent({ code: 'R07.9', evidence: [{ start: 0, end: 10, text: 'Chest pain' }] }, 'reject');
    await Promise.all([recordFeedback(store, event), recordFeedback(store, event)]);
    expect(await store.getAll()).toEqual([{ term: 'chest pain', code: 'R07.9', decision: 'reject', count: 2 }]);
    const keys = await db.getAllKeys('feedback-records');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(await db.getAllFromIndex('feedback-records', 'by-code', 'R07.9')).toHaveLength(1);
    await undoFeedback(store, event);
    expect((await store.getAll())[0]!.count).toBe(1);
    await store.clear();
    expect(await store.getAll()).toEqual([]);
    db.close();
  });
});
