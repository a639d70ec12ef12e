// The extension's IndexedDB FeedbackStore (fake-indexeddb): atomic counted updates, hashed keys,
// the by-code index, the read cache the offscreen document keeps, and no note text at rest.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFeedbackEvent,
  importFeedbackFile,
  parseFeedbackFile,
  recordFeedback,
  undoFeedback,
  deleteFeedbackRecords,
} from '../../../src/feedback/index.js';
import {
  FEEDBACK_DB_NAME,
  IdbFeedbackStore,
  openFeedbackDb,
} from '../../../extension/offscreen/idb-feedback-store.js';
import { CachedFeedbackStore } from '../../../extension/offscreen/learning-handlers.js';

const NOTE_SENTENCE =
  'Patient John Smith MRN 12345678 presents with chest pain since Tuesday morning after lunch';

afterEach(async () => {
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(FEEDBACK_DB_NAME);
    request.onsuccess = request.onerror = resolve;
  });
});

describe('IdbFeedbackStore', () => {
  it('creates the kebab-case store with its by-code index', async () => {
    const db = await openFeedbackDb();
    expect([...db.objectStoreNames]).toEqual(['feedback-records']);
    expect([...db.transaction('feedback-records').store.indexNames]).toEqual(['by-code']);
    db.close();
  });

  it('counts concurrent decisions atomically under hash keys, undoes and clears', async () => {
    const db = await openFeedbackDb();
    const store = new IdbFeedbackStore(db);
    const event = createFeedbackEvent(
      { code: 'R07.9', evidence: [{ start: 0, end: 10, text: 'Chest pain' }] },
      'reject',
    );
    await Promise.all([
      recordFeedback(store, event),
      recordFeedback(store, event),
      recordFeedback(store, event),
    ]);
    expect(await store.getAll()).toEqual([
      { term: 'chest pain', code: 'R07.9', decision: 'reject', count: 3 },
    ]);
    const keys = await db.getAllKeys('feedback-records');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(await store.getByCode('R07.9')).toHaveLength(1);
    expect(await store.getByCode('I10')).toEqual([]);
    await undoFeedback(store, event);
    expect((await store.getAll())[0]!.count).toBe(2);
    await store.clear();
    expect(await store.getAll()).toEqual([]);
    store.close();
  });

  it('stores no sentence of a note: long evidence teaches nothing', async () => {
    const db = await openFeedbackDb();
    const store = new IdbFeedbackStore(db);
    const event = createFeedbackEvent(
      { code: 'R07.9', evidence: [{ start: 0, end: NOTE_SENTENCE.length, text: NOTE_SENTENCE }] },
      'reject',
    );
    expect(event.terms).toEqual([]);
    await recordFeedback(store, event);
    expect(await store.getAll()).toEqual([]);
    const replace = createFeedbackEvent(
      { code: 'E11.9', evidence: [{ start: 0, end: 14, text: 'Sugar diabetes' }] },
      'replace',
      'E11.65',
    );
    await recordFeedback(store, replace);
    const dump = JSON.stringify([await db.getAllKeys('feedback-records'), await store.getAll()]);
    expect(dump).not.toMatch(/john|smith|12345678|tuesday/i);
    store.close();
  });

  it('deletes single records and merges an imported file', async () => {
    const store = new IdbFeedbackStore(await openFeedbackDb());
    const file = parseFeedbackFile({
      format: 'marginalia-feedback',
      formatVersion: 1,
      exported: '2026-01-01',
      records: [
        {
          term: 'sugar diabetes',
          code: 'E11.9',
          decision: 'replace',
          replacement: 'E11.65',
          count: 2,
        },
        { term: 'chest pain', code: 'R07.9', decision: 'reject', count: 1 },
      ],
    });
    await importFeedbackFile(store, file);
    await importFeedbackFile(store, file);
    const all = await store.getAll();
    expect(all.find((r) => r.decision === 'replace')!.count).toBe(4);
    await deleteFeedbackRecords(
      store,
      all.filter((r) => r.decision === 'reject'),
    );
    expect((await store.getAll()).map((r) => r.code)).toEqual(['E11.9']);
    store.close();
  });
});

describe('CachedFeedbackStore', () => {
  it('serves cached records and bumps its revision on every write', async () => {
    const cached = new CachedFeedbackStore();
    expect(await cached.records()).toEqual([]);
    const revision = cached.revision;
    const event = createFeedbackEvent(
      { code: 'I10', evidence: [{ start: 0, end: 12, text: 'hypertension' }] },
      'accept',
    );
    await cached.write((store) => recordFeedback(store, event));
    expect(cached.revision).toBe(revision + 1);
    expect(await cached.records()).toEqual([
      { term: 'hypertension', code: 'I10', decision: 'accept', count: 1 },
    ]);
    (await cached.store()).close();
  });
});
