import { describe, expect, it } from 'vitest';
import type {
  Encounter,
  EncounterNoteEntry,
  NoteCode,
  NoteKind,
} from '../../src/encounter/encounter-types.js';
import {
  buildEncounterBundle,
  formatEncounterAsCsv,
  formatEncounterAsText,
} from '../../src/encounter/export-encounter.js';
import { detectNoteKind } from '../../src/encounter/note-kind.js';
import { summarizeEncounter } from '../../src/encounter/summarize-encounter.js';
import { validateConditionBundle } from '../../src/export/fhir-condition.js';
import { testOntology } from '../helpers/load-pack.js';

const TITLES: Record<NoteKind, string> = {
  'history-and-physical': 'H&P',
  emergency: 'ED note',
  progress: 'Progress note',
  consult: 'Nephrology consult',
  operative: 'Op note',
  'discharge-summary': 'Discharge summary',
  other: 'Note',
};

function code(c: string, overrides: Partial<NoteCode> = {}): NoteCode {
  const onto = testOntology();
  return {
    code: c,
    title: onto.title(c) ?? '',
    billable: onto.isBillable(c),
    assertion: 'present',
    evidence: [c],
    ...overrides,
  };
}

function note(id: string, kind: NoteKind, codes: NoteCode[]): EncounterNoteEntry {
  return { note: { id, kind, title: TITLES[kind], addedAt: '2026-12-06T08:00:00Z' }, codes };
}

function encounter(notes: EncounterNoteEntry[], overrides: Partial<Encounter> = {}): Encounter {
  return {
    id: 'enc-1',
    name: '',
    startedAt: '2026-12-06T08:00:00Z',
    setting: 'inpatient',
    notes,
    confirmedPoa: {},
    ...overrides,
  };
}

/** The synthetic encounter of the acceptance test: what each note's panel accepted. */
const ADMISSION = [
  note('hp', 'history-and-physical', [
    code('E11.9', { group: 'principal', evidence: ['type 2 diabetes'] }),
  ]),
  note('consult', 'consult', [code('N18.32', { group: 'principal', evidence: ['CKD stage 3b'] })]),
  note('dc', 'discharge-summary', [
    code('I11.0', {
      group: 'principal',
      evidence: ['hypertension', 'acute on chronic diastolic heart failure'],
    }),
    code('I50.33', { evidence: ['acute on chronic diastolic heart failure'] }),
  ]),
];

describe('the encounter across notes', () => {
  const summary = summarizeEncounter(testOntology(), encounter(ADMISSION));
  const byCode = new Map(summary.codes.map((c) => [c.code, c] as const));

  it('combines diabetes (H&P) with CKD 3b (consult) into E11.22 + N18.32, and hypertension + heart failure + CKD into I13.0', () => {
    expect(summary.codes.map((c) => c.code).sort()).toEqual([
      'E11.22',
      'I13.0',
      'I50.33',
      'N18.32',
    ]);
    expect(summary.dropped.map((d) => d.code).sort()).toEqual(['E11.9', 'I11.0']);
  });

  it('lists the notes that support each code', () => {
    const ids = (c: string): string[] =>
      byCode
        .get(c)!
        .supportedBy.map((n) => n.noteId)
        .sort();
    expect(ids('E11.22')).toEqual(['consult', 'hp']);
    expect(ids('N18.32')).toEqual(['consult']);
    expect(ids('I13.0')).toEqual(['consult', 'dc']);
    expect(ids('I50.33')).toEqual(['dc']);
    expect(byCode.get('E11.22')!.evidence.map((e) => e.text)).toContain('type 2 diabetes');
  });

  it('sequences the combination that carries the acute heart failure first, etiology before manifestation', () => {
    const order = summary.codes.map((c) => c.code);
    expect(order[0]).toBe('I13.0');
    expect(summary.codes[0]!.isPrincipal).toBe(true);
    expect(summary.principalReason).toMatch(/I13\.0 carries the acute condition I50\.33/);
    expect(order.indexOf('I13.0')).toBeLessThan(order.indexOf('I50.33'));
    expect(order.indexOf('E11.22')).toBeLessThan(order.indexOf('N18.32'));
    expect(order.indexOf('I13.0')).toBeLessThan(order.indexOf('N18.32'));
    expect(order).toEqual(['I13.0', 'I50.33', 'E11.22', 'N18.32']);
  });

  it('records "use additional" and "code first" as satisfied, and none missing among them', () => {
    const rules = (c: string): string[] =>
      byCode.get(c)!.notes.map((n) => `${n.rule}:${(n.codes ?? []).join('|')}`);
    expect(rules('I13.0')).toEqual(
      expect.arrayContaining([
        'use-additional-satisfied:I50.33',
        'use-additional-satisfied:N18.32',
      ]),
    );
    expect(rules('N18.32')).toEqual(
      expect.arrayContaining(['code-first-satisfied:E11.22', 'code-first-satisfied:I13.0']),
    );
    expect(rules('I50.33')).toContain('code-first-satisfied:I13.0');
    for (const c of summary.codes) {
      expect(
        c.notes.filter((n) => n.rule === 'sequence'),
        c.code,
      ).toEqual([]);
      expect(
        c.notes.filter((n) => n.rule === 'code-first'),
        c.code,
      ).toEqual([]);
      // E11.22's own use-additional (insulin, oral hypoglycemics) is "if applicable"; the CKD stage is there.
      expect(
        c.notes.filter(
          (n) => n.rule === 'use-additional' && (n.codes ?? []).some((p) => /^N18|^I50/.test(p)),
        ),
        c.code,
      ).toEqual([]);
    }
  });

  it('honours the coder’s principal diagnosis, and says when it breaks a code-first order', () => {
    const chosen = summarizeEncounter(
      testOntology(),
      encounter(ADMISSION, { principal: 'N18.32' }),
    );
    expect(chosen.codes[0]!.code).toBe('N18.32');
    expect(chosen.principalReason).toBe('N18.32 chosen by the coder.');
    expect(chosen.codes[0]!.notes.some((n) => n.rule === 'sequence')).toBe(true);
  });

  it('exports a plain list, CSV with POA and supporting notes, and a valid FHIR bundle in sequence', () => {
    expect(formatEncounterAsText(summary).split('\n')[0]).toMatch(
      /^1\tI13\.0\tHypertensive heart and chronic kidney disease with heart failure/,
    );
    const csv = formatEncounterAsCsv(summary).split('\r\n');
    expect(csv[0]).toBe('sequence,code,code_dotless,title,system,principal,poa,supporting_notes');
    expect(csv[1]).toMatch(
      /^1,I13\.0,I130,.*,ICD-10-CM,yes,[YNUW],Nephrology consult; Discharge summary$/,
    );
    const bundle = buildEncounterBundle(summary);
    expect(validateConditionBundle(bundle)).toEqual([]);
    expect(bundle.entry.map((e) => e.resource.code.coding[0]!.code)).toEqual([
      'I13.0',
      'I50.33',
      'E11.22',
      'N18.32',
    ]);
    expect(JSON.stringify(bundle)).not.toMatch(/type 2 diabetes|CKD stage 3b/); // no evidence text exported
  });
});

describe('POA in the encounter view', () => {
  const Y = { indicator: 'Y', basis: 'note-kind', reason: 'documented in the H&P' } as const;
  const U = { indicator: 'U', basis: 'none', reason: 'Query the provider: …' } as const;
  const withPoa = [
    note('hp', 'history-and-physical', [code('E11.9', { poa: Y }), code('Z79.4', { poa: Y })]),
    note('consult', 'consult', [code('N18.32', { poa: U })]),
  ];

  it('suggests one per inpatient code, from its notes, with the exempt list applied and the coder’s choice kept', () => {
    const s = summarizeEncounter(
      testOntology(),
      encounter(withPoa, { confirmedPoa: { 'N18.32': 'Y' } }),
    );
    const poa = Object.fromEntries(s.codes.map((c) => [c.code, c.poa] as const));
    expect(poa['E11.22']?.suggested.indicator).toBe('Y'); // the combination carries the H&P's POA
    expect(poa['Z79.4']?.suggested).toMatchObject({ indicator: 'exempt', basis: 'exempt-list' });
    expect(poa['N18.32']).toMatchObject({ suggested: { indicator: 'U' }, confirmed: 'Y' });
    expect(formatEncounterAsCsv(s)).toMatch(/,Z79\.4,Z794,[^\r]*,no,,H&P\r\n/); // exempt is reported blank
  });

  it('has no POA for an outpatient encounter', () => {
    const s = summarizeEncounter(testOntology(), encounter(withPoa, { setting: 'outpatient' }));
    expect(s.codes.every((c) => c.poa === undefined)).toBe(true);
  });
});

describe('conflicts between notes', () => {
  it('a specific code from one note beats the unspecified one from another, with a warning', () => {
    const s = summarizeEncounter(
      testOntology(),
      encounter([
        note('hp', 'history-and-physical', [code('I50.9')]),
        note('dc', 'discharge-summary', [code('I50.33')]),
      ]),
    );
    expect(s.codes.map((c) => c.code)).toEqual(['I50.33']);
    expect(s.dropped.map((d) => d.code)).toEqual(['I50.9']);
    expect(s.warnings[0]).toMatch(
      /I50\.9 \(unspecified, H&P\) gives way to I50\.33 \(Discharge summary\)/,
    );
    expect(s.codes[0]!.supportedBy.map((n) => n.noteId).sort()).toEqual(['dc', 'hp']);
  });

  it('keeps an unspecified code when no note documents a more specific one', () => {
    const s = summarizeEncounter(
      testOntology(),
      encounter([
        note('hp', 'history-and-physical', [code('I50.9')]),
        note('c', 'consult', [code('J44.9')]),
      ]),
    );
    expect(s.codes.map((c) => c.code).sort()).toEqual(['I50.9', 'J44.9']);
    expect(s.warnings).toEqual([]);
  });

  it('flags an Excludes1 pair that comes from two different notes', () => {
    const s = summarizeEncounter(
      testOntology(),
      encounter([
        note('hp', 'history-and-physical', [code('J44.9')]),
        note('c', 'consult', [code('J43.9')]),
      ]),
    );
    expect(s.codes.map((c) => c.code).sort()).toEqual(['J43.9', 'J44.9']);
    expect(s.warnings.some((w) => /^J44\.9: Excludes1 conflict with J43\.9/.test(w))).toBe(true);
  });

  it('merges the same code from several notes into one line', () => {
    const s = summarizeEncounter(
      testOntology(),
      encounter([
        note('a', 'progress', [code('J44.9')]),
        note('b', 'discharge-summary', [code('J44.9')]),
      ]),
    );
    expect(s.codes).toHaveLength(1);
    expect(s.codes[0]!.supportedBy.map((n) => n.title)).toEqual([
      'Progress note',
      'Discharge summary',
    ]);
  });
});

describe('note kinds', () => {
  it.each([
    ['HISTORY AND PHYSICAL\nChief complaint: dyspnea', 'history-and-physical'],
    ['Nephrology Consultation\nReason for consult: CKD', 'consult'],
    ['DISCHARGE SUMMARY\nAdmitted 12/01', 'discharge-summary'],
    ['Progress Note - hospital day 2', 'progress'],
    ['Operative Report\nProcedure: ...', 'operative'],
    ['Assessment: hypertension', 'other'],
  ] as const)('%j → %s', (text, kind) => {
    expect(detectNoteKind(text)).toBe(kind);
  });
});
