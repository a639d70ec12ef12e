/**
 * The coder's feedback records in IndexedDB: the {@link FeedbackStore} port of src/feedback.
 * Keys are {@link feedbackRecordKey} hashes (32 hex digits); values hold a short folded term,
 * codes, the decision and a count: never note text. One `update` call is one readwrite
 * transaction that awaits only IndexedDB requests, so concurrent updates cannot lose counts.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FeedbackChange, FeedbackRecord, FeedbackStore } from '../../src/feedback/index.js';

export const FEEDBACK_DB_NAME = 'marginalia-feedback';
export const FEEDBACK_DB_VERSION = 1;
export const FEEDBACK_STORE = 'feedback-records';

export interface FeedbackDbSchema extends DBSchema {
  /** key: feedbackRecordKey(record), value: the record. */
  'feedback-records': { key: string; value: FeedbackRecord; indexes: { 'by-code': string } };
}

export type FeedbackDb = IDBPDatabase<FeedbackDbSchema>;

export function openFeedbackDb(name = FEEDBACK_DB_NAME): Promise<FeedbackDb> {
  return openDB<FeedbackDbSchema>(name, FEEDBACK_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore(FEEDBACK_STORE).createIndex('by-code', 'code');
      // Future migrations: `if (oldVersion < 2) { ... }`.
    },
  });
}

export class IdbFeedbackStore implements FeedbackStore {
  constructor(private readonly db: FeedbackDb) {}

  async update(changes: readonly FeedbackChange[]): Promise<void> {
    if (changes.length === 0) return;
    const tx = this.db.transaction(FEEDBACK_STORE, 'readwrite');
    for (const { key, change } of changes) {
      const next = change(await tx.store.get(key));
      if (next) await tx.store.put(next, key);
      else await tx.store.delete(key);
    }
    await tx.done;
  }

  getAll(): Promise<FeedbackRecord[]> {
    return this.db.getAll(FEEDBACK_STORE);
  }

  /** Records about one code (dotted), through the `by-code` index. */
  getByCode(code: string): Promise<FeedbackRecord[]> {
    return this.db.getAllFromIndex(FEEDBACK_STORE, 'by-code', code);
  }

  clear(): Promise<void> {
    return this.db.clear(FEEDBACK_STORE);
  }

  close(): void {
    this.db.close();
  }
}
