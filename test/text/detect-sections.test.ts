import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSections, findSection } from '../../src/text/index.js';

const NOTE = `CHIEF COMPLAINT: chest pain
HPI: 65M with cough. PMH: HTN, DM2
Past Surgical History:
- CABG 2010
Family History: Mother with breast cancer.
Medications
metformin 500 mg b.i.d.
ASSESSMENT AND PLAN
1. r/o PE: CTA at 10:30
Social history: no ETOH  ROS: negative`;

describe('detectSections', () => {
  it('reads a known header qualified, and ends a section at a line of capitals it does not know', () => {
    const note = [
      'FH: father with MI',
      'HOSPITAL COURSE BY PROBLEM',
      '1. Pneumonia treated.',
      'EXAM (ADMISSION): febrile',
      'Principal dx at discharge: pneumonia',
      'Assessment / Plan: pneumonia',
      'CT head w/o: negative',
      'Ruled out: pulmonary embolism',
      'DDx: GERD vs strain',
      'CARDIOLOGY CLINIC NOTE',
      'Resolved: plantar fasciitis',
    ].join('\n');
    expect(detectSections(note).map((s) => s.category)).toEqual([
      'family_history',
      'hospital_course',
      'physical_exam',
      'diagnoses',
      'assessment_and_plan',
      'imaging',
      'ruled_out',
      'differential',
      'other',
      'past_medical_history',
    ]);
  });
  it('ends a vitals header where its measurements end, unless it opened the examination', () => {
    const kinds = (note: string): [string, string][] =>
      detectSections(note).map((s) => [s.category, note.slice(s.bodyStart, s.end)]);
    expect(kinds('Vitals: BP 150/90, HR 88. T 98.6. HTN - adjust meds.')).toEqual([
      ['physical_exam', 'BP 150/90, HR 88. T 98.6.'],
      ['other', 'HTN - adjust meds.'],
    ]);
    expect(
      kinds('A/P: DM2 on metformin.\nVitals:\nBP 150/90\nWt 80 kg\nHTN - adjust meds.'),
    ).toEqual([
      ['assessment_and_plan', 'DM2 on metformin.'],
      ['physical_exam', 'BP 150/90\nWt 80 kg'],
      ['assessment_and_plan', 'HTN - adjust meds.'],
    ]);
    // "Gen:", "Lungs:": the header opened the examination, which runs to the next header.
    const exam = 'Vitals: BP 150/90\nGen: NAD\nLungs: wheezing. Crackles at bases.\nA/P: asthma';
    expect(kinds(exam).map(([c]) => c)).toEqual(['physical_exam', 'assessment_and_plan']);
  });
  it('does not take a sentence before a test name for a header ("Acute CVA. MRI: …")', () => {
    expect(detectSections('Acute CVA. MRI: left PCA infarct.').map((s) => s.category)).toEqual([]);
  });
  it('does not take a problem line or a title for a header', () => {
    const note = 'A/P:\nHTN: stable on lisinopril\nCOPD: on tiotropium\nPRIMARY CARE FOLLOW-UP\n';
    expect(detectSections(note).map((s) => s.category)).toEqual(['assessment_and_plan', 'other']);
  });
  it("reads a note's title line that names a problem list as the list", () => {
    for (const title of [
      'RHEUMATOLOGY PROBLEM LIST - 70 F (updated 01/2026)',
      'Problem list - sleep clinic - 52 M',
      'PROBLEMS (shared) - 61 M',
    ])
      expect(detectSections(`${title}\n1. OSA on CPAP\n2. HTN\n`)[0]?.category).toBe(
        'problem_list',
      );
    // Only the first line is the note's title.
    expect(
      detectSections('HPI: cough.\nCARDIOLOGY PROBLEM LIST - 81 M\n1. HTN\n')[1]?.category,
    ).not.toBe('problem_list');
  });
  it('finds line-start, colon-less and mid-line headers with categories', () => {
    const secs = detectSections(NOTE);
    expect(secs.map((s) => s.category)).toEqual([
      'chief_complaint',
      'history_of_present_illness',
      'past_medical_history',
      'past_surgical_history',
      'family_history',
      'medications',
      'assessment_and_plan',
      'social_history',
      'review_of_systems',
    ]);
    const fh = secs[4];
    expect(fh && NOTE.slice(fh.bodyStart, fh.end)).toBe('Mother with breast cancer.');
    expect(fh?.title).toBe('Family History');
    expect(findSection(secs, NOTE.indexOf('metformin'))?.category).toBe('medications');
    expect(findSection(secs, 0)?.category).toBe('chief_complaint');
  });

  it('does not take "PE:" inside a sentence as a header', () => {
    expect(detectSections(NOTE).some((s) => s.title === 'PE')).toBe(false);
  });

  it('property: sections are ordered, disjoint and in bounds', () => {
    fc.assert(
      fc.property(
        fc
          .array(
            fc.constantFrom(
              'PMH:',
              'HPI',
              'Family History:',
              ' ',
              '\n',
              'x',
              '. ',
              'ROS: ',
              'é',
              '👍',
              'Meds',
              '\u0000',
              'PE:',
            ),
            { maxLength: 40 },
          )
          .map((a) => a.join('')),
        (t) => {
          let prevEnd = 0;
          for (const s of detectSections(t)) {
            expect(s.start).toBeGreaterThanOrEqual(prevEnd);
            expect(s.headerEnd).toBeGreaterThan(s.start);
            expect(s.end).toBeGreaterThanOrEqual(s.headerEnd);
            expect(s.bodyStart).toBeGreaterThanOrEqual(s.headerEnd);
            expect(s.bodyStart).toBeLessThanOrEqual(s.end);
            expect(s.end).toBeLessThanOrEqual(t.length);
            prevEnd = s.end;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
