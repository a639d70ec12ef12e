// ICD-10-PCS coding conventions on operative-note sentences written for this test: root
// operation, body part, approach, device and qualifier each from the note's words, codes only
// from valid table rows, guideline notes where a guideline decides, partial codes where the
// note says no more.
import { describe, expect, it } from 'vitest';
import { createProcedureBuilder } from '../../src/pcs/build-procedure-codes.js';
import { createProcedureCoder } from '../../src/pcs/create-procedure-coder.js';
import { loadPcsTerminology } from '../../src/pcs/pcs-terminology.js';
import { testPcsPack } from '../helpers/load-pcs-pack.js';

const terms = loadPcsTerminology(testPcsPack());
const builder = createProcedureBuilder(terms);
const codesOf = (sentence: string): string[] => builder.build(sentence).map((b) => b.code);
const only = (sentence: string): ReturnType<typeof builder.build>[number] => {
  const built = builder.build(sentence);
  expect(built.map((b) => b.code)).toHaveLength(1);
  return built[0]!;
};
const evidenceOf = (sentence: string, position: number): string | undefined =>
  only(sentence).axisEvidence.get(position)?.text;
const rulesOf = (sentence: string): string[] => only(sentence).notes.map((n) => n.rule);

describe('root operation and body part', () => {
  it.each([
    ['Colonoscopy was performed to the cecum.', '0DJD8ZZ'],
    ['Esophagogastroduodenoscopy showed gastritis.', '0DJ08ZZ'],
    ['Cystoscopy revealed a normal bladder mucosa.', '0TJB8ZZ'],
    ['Bronchoscopy was performed.', '0BJ08ZZ'],
    ['Open splenectomy was performed for traumatic rupture.', '07TP0ZZ'],
    ['Open total abdominal hysterectomy.', '0UT90ZZ'],
    ['Open excision of the sigmoid colon.', '0DBN0ZZ'],
    ['Transurethral resection of the prostate.', '0VT08ZZ'],
    ['Chest x-ray showed no infiltrate.', 'BW03ZZZ'],
    ['Abdominal ultrasound showed cholelithiasis.', 'BW40ZZZ'],
  ])('%s → %s', (sentence, code) => {
    expect(codesOf(sentence)).toEqual([code]);
    expect(terms.tables.isValid(code)).toBe(true);
  });

  it('reads an -ectomy word as Resection of the whole body part (B3.8)', () => {
    expect(codesOf('Laparoscopic appendectomy was performed without complication.')).toEqual([
      '0DTJ4ZZ',
    ]);
    expect(rulesOf('Laparoscopic appendectomy was performed without complication.')).toContain(
      'B3.8',
    );
    expect(evidenceOf('Laparoscopic appendectomy was performed without complication.', 3)).toBe(
      'appendectomy',
    );
  });

  it('reads a partial -ectomy as Excision (B3.8)', () => {
    expect(codesOf('Laparoscopic partial colectomy was performed.')).toEqual(['0DBE4ZZ']);
    expect(codesOf('Open left hemicolectomy.')).toEqual(['0DBG0ZZ']);
    expect(rulesOf('Open left hemicolectomy.')).toContain('B3.8');
  });

  it('takes laterality into the body part', () => {
    expect(codesOf('Right total nephrectomy through an open flank incision.')).toEqual(['0TT00ZZ']);
    expect(codesOf('Laparoscopic left nephrectomy.')).toEqual(['0TT14ZZ']);
    expect(codesOf('Closed reduction of the right radius fracture.')).toEqual(['0PSHXZZ']);
  });

  it('reads thoracentesis and paracentesis as drainage of the cavity they enter', () => {
    expect(codesOf('Thoracentesis of the right pleural effusion.')).toEqual(['0W993ZZ']);
    expect(codesOf('Diagnostic paracentesis was performed.')).toEqual(['0W9G3ZX']);
  });
});

describe('approach', () => {
  it('laparoscopic is Percutaneous Endoscopic, open is Open', () => {
    expect(codesOf('Laparoscopic cholecystectomy was performed.')).toEqual(['0FT44ZZ']);
    expect(codesOf('The patient underwent an open cholecystectomy.')).toEqual(['0FT40ZZ']);
    expect(evidenceOf('Laparoscopic cholecystectomy was performed.', 5)).toBe('Laparoscopic');
  });

  it('percutaneous needle work is Percutaneous', () => {
    expect(codesOf('Percutaneous needle biopsy of the liver was obtained.')).toEqual(['0FB03ZX']);
    expect(evidenceOf('Percutaneous needle biopsy of the liver was obtained.', 5)).toBe(
      'Percutaneous',
    );
  });

  it('a scope through a natural opening is Via Natural or Artificial Opening Endoscopic', () => {
    expect(codesOf('Upper endoscopy with biopsy of the stomach.')).toEqual(['0DB68ZX']);
  });

  it('a procedure converted to open is coded open (B5.2a) and noted as discontinued (B3.3)', () => {
    const rules = rulesOf('Laparoscopic cholecystectomy converted to open due to adhesions.');
    expect(codesOf('Laparoscopic cholecystectomy converted to open due to adhesions.')).toEqual([
      '0FT40ZZ',
    ]);
    expect(rules).toEqual(expect.arrayContaining(['B5.2a', 'B3.3']));
  });

  it('a discontinued procedure keeps the root operation performed, with the B3.3 note', () => {
    expect(codesOf('The laparoscopic appendectomy was aborted because of bleeding.')).toEqual([
      '0DTJ4ZZ',
    ]);
    expect(rulesOf('The laparoscopic appendectomy was aborted because of bleeding.')).toContain(
      'B3.3',
    );
  });

  it('only the approaches the row offers: skin excision is External', () => {
    expect(codesOf('Excision of a sebaceous cyst of the skin of the back.')).toEqual(['0HB6XZZ']);
  });
});

describe('device', () => {
  it('a drain left by a drainage is its device, not an Insertion', () => {
    expect(codesOf('Percutaneous drainage of the gallbladder with placement of a drain.')).toEqual([
      '0F9430Z',
    ]);
    expect(
      evidenceOf('Percutaneous drainage of the gallbladder with placement of a drain.', 6),
    ).toBe('drain');
  });

  it('a stent is an Intraluminal Device', () => {
    expect(codesOf('Dilation of the right femoral artery with a stent, percutaneous.')).toEqual([
      '047K3DZ',
    ]);
    expect(evidenceOf('Dilation of the right femoral artery with a stent, percutaneous.', 6)).toBe(
      'stent',
    );
  });

  it('a tracheostomy tube belongs to the tracheostomy, coded to the body part when the approach is not written', () => {
    expect(codesOf('A tracheostomy was placed.')).toEqual(['0B11']);
    expect(codesOf('Orotracheal intubation was performed.')).toEqual(['0BH1']);
  });
});

describe('qualifier', () => {
  it('a biopsy is Excision with the Diagnostic qualifier (B3.4a)', () => {
    expect(codesOf('Shave biopsy of the skin of the back.')).toEqual(['0HB6XZX']);
    expect(rulesOf('Shave biopsy of the skin of the back.')).toContain('B3.4a');
    expect(evidenceOf('Shave biopsy of the skin of the back.', 7)).toBe('biopsy');
    expect(codesOf('Excisional biopsy of a left axillary lymph node, open.')).toEqual(['0XB50ZX']);
  });

  it('a diagnostic lumbar puncture is a diagnostic drainage of the spinal canal', () => {
    expect(codesOf('Diagnostic lumbar puncture was performed.')).toEqual(['009U3ZX']);
  });

  it('an inspection done to reach the biopsy is not coded apart (B3.11a)', () => {
    expect(codesOf('Cystoscopy with biopsy of the bladder.')).toEqual(['0TBB8ZX']);
    expect(rulesOf('Cystoscopy with biopsy of the bladder.')).toEqual(
      expect.arrayContaining(['B3.4a', 'B3.11a']),
    );
  });

  it('imaging without contrast is complete; with contrast of unknown osmolarity stops at the body part', () => {
    expect(codesOf('CT of the abdomen without contrast.')).toEqual(['BW20ZZZ']);
    expect(codesOf('CT of the abdomen with contrast was obtained.')).toEqual(['BW20']);
    expect(codesOf('MRI of the brain was unremarkable.')).toEqual(['B030']);
  });
});

describe('what is not coded, and partial codes', () => {
  it('a negated or past procedure gives no code', () => {
    expect(codesOf('No colonoscopy was performed.')).toEqual([]);
    expect(codesOf('History of appendectomy.')).toEqual([]);
  });

  it('a code cut after the body part asks for the next axis in the coder output', () => {
    const coder = createProcedureCoder(terms);
    const [tonsils] = coder.code('Tonsillectomy was performed.', { scope: 'reportable' });
    expect(tonsils).toMatchObject({
      code: '0CTP',
      complete: false,
      needsChoice: { position: 5, title: 'Approach' },
    });
    const [dialysis] = coder.code('Hemodialysis was started.', { scope: 'mentions' });
    expect(dialysis?.code).toBe('5A1D');
  });

  it('every axis of a built code carries the words that chose it, at their offsets', () => {
    const text = 'Operative note. Laparoscopic appendectomy was performed.';
    const [s] = createProcedureCoder(terms).code(text);
    expect(s?.code).toBe('0DTJ4ZZ');
    for (const a of s!.axes.filter((x) => x.evidence))
      expect(text.slice(a.evidence!.start, a.evidence!.end)).toBe(a.evidence!.text);
    expect(s!.axes.find((a) => a.position === 5)?.evidence?.text).toBe('Laparoscopic');
  });
});

describe('the patient’s past and negated mentions', () => {
  const phrases = {
    format: 'marginalia-codiesp-procedure-phrases' as const,
    formatVersion: 1,
    split: 'synthetic',
    documents: 2,
    inputHash: 'synthetic',
    sources: [],
    codeDocFreq: { BW03ZZZ: 2 },
    phrases: [
      { phrase: 'chest x ray', code: 'BW03ZZZ', count: 2, docFreqOfPhrase: 2, precision: 0.9 },
    ],
    summary: { goldPairs: 2, pairsWithSpan: 2, pairsWithPhrase: 2 },
  };
  const coder = createProcedureCoder(terms, { phrases });
  const codes = (text: string, scope: 'reportable' | 'mentions' = 'reportable'): string[] =>
    coder.code(text, { scope }).map((s) => s.code);

  it('a status-post procedure or one under Past Surgical History is history, not this stay', () => {
    expect(codes('Patient is s/p laparoscopic cholecystectomy.')).toEqual([]);
    expect(
      codes(
        'Past Surgical History:\nOpen appendectomy.\nAssessment:\nLaparoscopic cholecystectomy was performed.',
      ),
    ).toEqual(['0FT44ZZ']);
  });

  it('a learned phrase counts unless negated in its clause', () => {
    expect(codes('Chest x-ray was clear.')).toEqual(['BW03ZZZ']);
    expect(codes('No chest x-ray was obtained.')).toEqual([]);
    expect(codes('No fever. Chest x-ray was clear.')).toEqual(['BW03ZZZ']);
  });

  it('a learned phrase of the patient’s past is reported in mentions scope only', () => {
    expect(codes('History of chest x-ray abnormality.', 'mentions')).toEqual(['BW03ZZZ']);
    expect(codes('History of chest x-ray abnormality.', 'reportable')).toEqual([]);
  });
});
