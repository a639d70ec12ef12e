// Learning from the coder: stored terms, ranking after feedback, undo, and the shared file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyFeedback,
  compileFeedback,
  createFeedbackEvent,
  createFeedbackFile,
  feedbackRecordKey,
  importFeedbackFile,
  learnedFeedbackTerms,
  MemoryFeedbackStore,
  normalizeFeedbackTerm,
  parseFeedbackFile,
  recordFeedback,
  serializeFeedbackFile,
  undoFeedback,
  FeedbackFileError,
  type FeedbackRecord,
} from '../../src/feedback/index.js';
import { createCoder } from '../../src/engine/create-coder.js';
import type { CodeSuggestion, CodingResult } from '../../src/engine/coding-types.js';
import type { SerializedDictionary } from '../../src/engine/term-dictionary.js';
import { REPO, testLexicons, testOntology } from '../helpers/load-pack.js';

function suggestion(
  code: string,
  score: number,
  evidence: string,
  group: CodeSuggestion['group'] = 'secondary',
  start = 0,
): CodeSuggestion {
  const onto = testOntology();
  return {
    code,
    system: 'ICD-10-CM',
    title: onto.title(code) ?? '',
    billable: onto.isBillable(code),
    score,
    assertion: 'present',
    group,
    evidence: [{ start, end: start + evidence.length, text: evidence }],
    notes: [],
    source: 'index',
  };
}

function result(...codes: CodeSuggestion[]): CodingResult {
  return { terminology: 'ICD-10-CM 2025-april', model: null, codes, flagged: [] };
}

const note = () =>
  result(
    suggestion('I50.9', 0.9, 'heart failure', 'principal', 0),
    suggestion('R07.9', 0.8, 'Chest pain', 'secondary', 20),
    suggestion('E11.9', 0.7, 'Type 2 diabetes', 'secondary', 40),
  );

describe('feedback terms', () => {
  it.each([
    ['Type 2 Diabetes', 'type 2 diabetes'],
    ['CKD stage 3b', 'ckd stage 3b'],
    ['MRN 12345678 CHF', 'mrn chf'],
    ['seen 03/14/2025 for COPD', 'seen 03 14 for copd'],
    ['pt id AB123456 asthma', 'pt id asthma'],
    ["Ménière's disease", 'menieres disease'],
    ['12345678', undefined],
    ['', undefined],
    ['The patient is a 67 year old man who came in with chest pain', undefined],
  ])('%j is stored as %j', (text, expected) => {
    expect(normalizeFeedbackTerm(text)).toBe(expected);
  });

  it('is idempotent on stored terms', () => {
    for (const t of ['type 2 diabetes', 'mrn chf', 'ckd stage 3b'])
      expect(normalizeFeedbackTerm(t)).toBe(t);
  });

  it('keys records by a hash, so no note text goes into storage keys', () => {
    const key = feedbackRecordKey({ term: 'chest pain', code: 'R07.9', decision: 'reject' });
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(key).toBe(feedbackRecordKey({ term: 'chest pain', code: 'R079', decision: 'reject' }));
  });
});

describe('applying feedback to a coding result', () => {
  const onto = testOntology();

  it('demotes a suggestion rejected for the same term, and hides it after three rejections', async () => {
    const store = new MemoryFeedbackStore();
    const reject = createFeedbackEvent(note().codes[1]!, 'reject');
    expect(reject.terms).toEqual(['chest pain']);
    await recordFeedback(store, reject);
    let shown = applyFeedback(note(), compileFeedback(await store.getAll(), onto));
    expect(shown.codes.map((c) => c.code)).toEqual(['I50.9', 'E11.9', 'R07.9']);
    expect(shown.codes[2]!.score).toBeCloseTo(0.4);
    expect(shown.codes[2]!.notes.map((n) => n.rule)).toContain('feedback-demoted');

    await recordFeedback(store, reject);
    await recordFeedback(store, reject);
    shown = applyFeedback(note(), compileFeedback(await store.getAll(), onto));
    expect(shown.codes.map((c) => c.code)).toEqual(['I50.9', 'E11.9']);
    expect(shown.hiddenByFeedback.map((c) => c.code)).toEqual(['R07.9']);

    // Rejected for another term: untouched.
    const other = result(suggestion('R07.9', 0.8, 'thoracic pain'));
    expect(applyFeedback(other, compileFeedback(await store.getAll(), onto)).codes[0]!.score).toBe(
      0.8,
    );
  });

  it('undoes one event at a time, and clears', async () => {
    const store = new MemoryFeedbackStore();
    const reject = createFeedbackEvent(note().codes[1]!, 'reject');
    for (let i = 0; i < 3; i++) await recordFeedback(store, reject);
    await undoFeedback(store, reject);
    expect(await store.getAll()).toEqual([
      { term: 'chest pain', code: 'R07.9', decision: 'reject', count: 2 },
    ]);
    let shown = applyFeedback(note(), compileFeedback(await store.getAll(), onto));
    expect(shown.hiddenByFeedback).toEqual([]);
    expect(shown.codes.find((c) => c.code === 'R07.9')!.score).toBeCloseTo(0.2);
    await undoFeedback(store, reject);
    await undoFeedback(store, reject);
    expect(await store.getAll()).toEqual([]);
    shown = applyFeedback(note(), compileFeedback(await store.getAll(), onto));
    expect(shown.codes).toEqual(note().codes);
    await recordFeedback(store, reject);
    await store.clear();
    expect(await store.getAll()).toEqual([]);
  });

  it('promotes an accepted suggestion and re-chooses the principal when it is rejected', async () => {
    const store = new MemoryFeedbackStore();
    const accept = createFeedbackEvent(note().codes[2]!, 'accept');
    await recordFeedback(store, accept);
    let shown = applyFeedback(note(), compileFeedback(await store.getAll(), onto));
    expect(shown.codes.map((c) => c.code)).toEqual(['I50.9', 'R07.9', 'E11.9']);
    expect(shown.codes[2]!.score).toBeCloseTo(0.76);
    await recordFeedback(store, accept);
    shown = applyFeedback(note(), compileFeedback(await store.getAll(), onto));
    expect(shown.codes.map((c) => c.code)).toEqual(['I50.9', 'E11.9', 'R07.9']);
    expect(shown.codes[1]!.score).toBeCloseTo(0.808);
    for (let i = 0; i < 3; i++)
      await recordFeedback(store, createFeedbackEvent(note().codes[0]!, 'reject'));
    shown = applyFeedback(note(), compileFeedback(await store.getAll(), onto));
    expect(shown.codes.map((c) => [c.code, c.group])).toEqual([
      ['E11.9', 'principal'],
      ['R07.9', 'secondary'],
    ]);
  });

  it('applies a replacement as a rewrite, merging into the code when it is already suggested', async () => {
    const store = new MemoryFeedbackStore();
    const replace = createFeedbackEvent(note().codes[2]!, 'replace', 'E11.65');
    await recordFeedback(store, replace);
    const shown = applyFeedback(note(), compileFeedback(await store.getAll(), onto));
    const e = shown.codes.find((c) => c.code === 'E11.65')!;
    expect(e.title).toBe('Type 2 diabetes mellitus with hyperglycemia');
    expect(e.source).toBe('learned');
    expect(e.notes.map((n) => n.rule)).toContain('feedback-replaced');
    expect(shown.codes.some((c) => c.code === 'E11.9')).toBe(false);

    const both = result(
      suggestion('E11.9', 0.7, 'Type 2 diabetes', 'secondary', 0),
      suggestion('E11.65', 0.5, 'hyperglycemia', 'secondary', 30),
    );
    const merged = applyFeedback(both, compileFeedback(await store.getAll(), onto));
    expect(merged.codes.map((c) => c.code)).toEqual(['E11.65']);
    expect(merged.codes[0]!.evidence.map((x) => x.text)).toEqual([
      'Type 2 diabetes',
      'hyperglycemia',
    ]);
  });

  it('sets aside feedback on codes the release no longer has', () => {
    const records: FeedbackRecord[] = [
      { term: 'chest pain', code: 'R07.999', decision: 'reject', count: 2 },
    ];
    expect(compileFeedback(records, onto).stale).toEqual(records);
  });

  it('changes what the real coder suggests: a replacement becomes a learned synonym', async () => {
    const prebuilt = JSON.parse(
      readFileSync(path.join(REPO, 'dist', 'packs', 'dictionary-2025-april.json'), 'utf8'),
    ) as SerializedDictionary;
    const lexicons = testLexicons();
    const text = 'Assessment: sugar diabetes, poorly controlled. Chest pain, atypical.';
    const before = createCoder(onto, { lexicons, prebuilt }).code(text);
    expect(before.codes.map((c) => c.code)).not.toContain('E11.65');
    const chest = before.codes.find((c) => c.evidence.some((e) => /chest pain/i.test(e.text)))!;
    expect(chest).toBeDefined();

    const store = new MemoryFeedbackStore();
    // The coder adds E11.65 by hand for "sugar diabetes" (replacing the diabetes code the note gave).
    const diabetes =
      before.codes.find((c) => c.code.startsWith('E1')) ??
      suggestion('E11.9', 0.5, 'sugar diabetes');
    await recordFeedback(
      store,
      createFeedbackEvent(
        { code: diabetes.code, evidence: [{ start: 12, end: 26, text: 'sugar diabetes' }] },
        'replace',
        'E11.65',
      ),
    );
    for (let i = 0; i < 3; i++) await recordFeedback(store, createFeedbackEvent(chest, 'reject'));

    const records = await store.getAll();
    const coder = createCoder(onto, {
      lexicons,
      prebuilt,
      extraTerms: learnedFeedbackTerms(records, onto),
    });
    const after = applyFeedback(coder.code(text), compileFeedback(records, onto));
    expect(after.codes.map((c) => c.code)).toContain('E11.65');
    expect(after.codes.find((c) => c.code === 'E11.65')!.evidence.map((e) => e.text)).toContain(
      'sugar diabetes',
    );
    expect(after.codes.map((c) => c.code)).not.toContain(chest.code);
    expect(after.hiddenByFeedback.map((c) => c.code)).toContain(chest.code);
  });
});

describe('the shared feedback file', () => {
  const sentences = [
    'Mr John Smith, MRN 00123456, was admitted on 03/14/2025 with worsening shortness of breath',
    'She reports that her mother died of breast cancer at the age of 52 years',
    'Patient lives at 12 Elm Street and was seen by Dr Jones for chest pain yesterday',
  ];

  it('holds only short terms and codes, never sentences, even when fed sentences', async () => {
    const store = new MemoryFeedbackStore();
    const onto = testOntology();
    for (const s of sentences) {
      const ev = createFeedbackEvent(
        {
          code: 'R06.02',
          evidence: [
            { start: 0, end: s.length, text: s },
            { start: 0, end: 19, text: 'shortness of breath' },
          ],
        },
        'reject',
      );
      await recordFeedback(store, ev);
    }
    await recordFeedback(
      store,
      createFeedbackEvent(
        { code: 'I50.9', evidence: [{ start: 0, end: 3, text: 'CHF' }] },
        'replace',
        'I50.22',
      ),
    );
    // Records written around the normaliser (a buggy adapter) are caught by the export too.
    await store.update([
      {
        key: 'x',
        change: () => ({ term: sentences[0]!, code: 'R06.02', decision: 'accept', count: 1 }),
      },
    ]);

    const file = createFeedbackFile(await store.getAll(), {
      terminology: `ICD-10-CM ${onto.version}`,
      exported: '2026-11-29',
    });
    const text = serializeFeedbackFile(file);
    expect(file.records).toEqual(
      [
        { term: 'shortness of breath', code: 'R06.02', decision: 'reject', count: 3 },
        { term: 'chf', code: 'I50.9', decision: 'replace', replacement: 'I50.22', count: 1 },
      ].sort((a, b) => (`${a.decision}\t${a.term}` < `${b.decision}\t${b.term}` ? -1 : 1)),
    );
    for (const r of file.records) expect(r.term.split(' ').length).toBeLessThanOrEqual(6);
    for (const s of sentences) {
      for (const fragment of [
        s,
        s.slice(0, 30),
        'John',
        'Smith',
        '00123456',
        '03/14/2025',
        'Elm',
        'mother',
      ])
        expect(text).not.toContain(fragment);
    }
    expect(Object.keys(JSON.parse(text) as object).sort()).toEqual([
      'exported',
      'format',
      'formatVersion',
      'records',
      'terminology',
    ]);
    expect(parseFeedbackFile(text)).toEqual(file);
  });

  it('imports by merging counts, or replacing the store', async () => {
    const file = parseFeedbackFile({
      format: 'marginalia-feedback',
      formatVersion: 1,
      exported: '2026-10-01',
      records: [{ term: 'chest pain', code: 'R07.9', decision: 'reject', count: 2 }],
    });
    const store = new MemoryFeedbackStore();
    await recordFeedback(
      store,
      createFeedbackEvent(suggestion('R07.9', 0.8, 'chest pain'), 'reject'),
    );
    expect(await importFeedbackFile(store, file)).toEqual({ imported: 1 });
    expect((await store.getAll())[0]!.count).toBe(3);
    await importFeedbackFile(store, file, { mode: 'replace' });
    expect((await store.getAll())[0]!.count).toBe(2);
  });

  it.each([
    [
      'long free text',
      {
        term: 'the patient was admitted with chest pain and shortness of breath',
        code: 'R07.9',
        decision: 'reject',
        count: 1,
      },
      /never sentences/,
    ],
    [
      'a term not in stored form',
      { term: 'Chest Pain!', code: 'R07.9', decision: 'reject', count: 1 },
      /stored form/,
    ],
    [
      'an identifier',
      { term: 'mrn 12345678', code: 'R07.9', decision: 'reject', count: 1 },
      /stored form/,
    ],
    [
      'an extra field',
      { term: 'chest pain', code: 'R07.9', decision: 'reject', count: 1, note: 'seen today' },
      /unexpected field/,
    ],
    [
      'a bad code',
      { term: 'chest pain', code: 'chest', decision: 'reject', count: 1 },
      /ICD-10-CM code/,
    ],
    [
      'a replace without replacement',
      { term: 'chest pain', code: 'R07.9', decision: 'replace', count: 1 },
      /replacement/,
    ],
    ['a bad count', { term: 'chest pain', code: 'R07.9', decision: 'reject', count: 0.5 }, /count/],
  ])('rejects %s', (_why, record, message) => {
    const file = {
      format: 'marginalia-feedback',
      formatVersion: 1,
      exported: '2026-10-01',
      records: [record],
    };
    expect(() => parseFeedbackFile(JSON.stringify(file))).toThrow(FeedbackFileError);
    expect(() => parseFeedbackFile(file)).toThrow(message);
  });

  it('rejects files of another format or version, and non-JSON', () => {
    expect(() => parseFeedbackFile('not json')).toThrow(/invalid JSON/);
    expect(() => parseFeedbackFile({ format: 'other', formatVersion: 1 })).toThrow(/format/);
    expect(() =>
      parseFeedbackFile({
        format: 'marginalia-feedback',
        formatVersion: 2,
        exported: '2026-10-01',
        records: [],
      }),
    ).toThrow(/version 2/);
    expect(() =>
      parseFeedbackFile({
        format: 'marginalia-feedback',
        formatVersion: 1,
        exported: '2026-10-01T10:00:00Z',
        records: [],
      }),
    ).toThrow(/YYYY-MM-DD/);
    expect(() =>
      parseFeedbackFile({
        format: 'marginalia-feedback',
        formatVersion: 1,
        exported: '2026-10-01',
        records: [],
        notes: 'x',
      }),
    ).toThrow(/unexpected field/i);
  });
});
