import { describe, expect, it } from 'vitest';
import type { NoteKind, PoaSuggestion } from '../../src/encounter/encounter-types.js';
import { encounterPoa, suggestPoaInNote } from '../../src/encounter/suggest-poa.js';

/** POA suggested for the first occurrence of `condition` in `text`. */
function poa(kind: NoteKind, text: string, condition: string): PoaSuggestion {
  const start = text.indexOf(condition);
  if (start < 0) throw new Error(`Expected "${condition}" in the test note, got none.`);
  return suggestPoaInNote({ kind, text, start, end: start + condition.length, condition });
}

describe('POA in one note, rule by rule', () => {
  it('Y: a condition documented in the H&P', () => {
    expect(
      poa(
        'history-and-physical',
        'Assessment: Type 2 diabetes mellitus, on metformin.',
        'Type 2 diabetes',
      ),
    ).toMatchObject({ indicator: 'Y', basis: 'note-kind' });
  });
  it('Y: documented in the emergency department note', () => {
    expect(
      poa('emergency', 'Impression: community-acquired pneumonia.', 'pneumonia'),
    ).toMatchObject({ indicator: 'Y', basis: 'note-kind' });
  });
  it('Y: stated as present on admission, in any note', () => {
    expect(
      poa(
        'discharge-summary',
        'Pressure ulcer of sacrum, stage 2, present on admission.',
        'Pressure ulcer',
      ),
    ).toMatchObject({ indicator: 'Y', basis: 'stated' });
    expect(
      poa(
        'discharge-summary',
        'Admitted with acute on chronic diastolic heart failure.',
        'heart failure',
      ),
    ).toMatchObject({ indicator: 'Y', basis: 'stated' });
  });
  it('N: developed after admission ("hospital day", "post-op day 2", "developed")', () => {
    expect(
      poa('progress', 'On hospital day 3 the patient developed C. difficile colitis.', 'colitis'),
    ).toMatchObject({ indicator: 'N', basis: 'stated' });
    expect(
      poa(
        'operative',
        'Post-op day 2: new atrial fibrillation with rapid ventricular response.',
        'atrial fibrillation',
      ),
    ).toMatchObject({ indicator: 'N', basis: 'stated' });
    expect(
      poa('discharge-summary', 'Hospital-acquired pneumonia treated with cefepime.', 'pneumonia'),
    ).toMatchObject({ indicator: 'N' });
  });
  it('N: stated as not present on admission, even in the H&P addendum', () => {
    expect(
      poa(
        'history-and-physical',
        'Addendum: stage 2 sacral pressure ulcer, not present on admission.',
        'pressure ulcer',
      ),
    ).toMatchObject({ indicator: 'N', basis: 'stated' });
  });
  it('N: first documented under "Hospital course"', () => {
    const text =
      'Admission diagnoses: COPD exacerbation.\nHospital course:\nTreated with steroids. Urinary tract infection treated with nitrofurantoin.';
    expect(poa('discharge-summary', text, 'Urinary tract infection')).toMatchObject({
      indicator: 'N',
      basis: 'section',
      reason: 'first documented in the hospital course',
    });
  });
  it('Y: a chronic or known condition in a later note', () => {
    expect(
      poa(
        'discharge-summary',
        'Hospital course:\nKnown chronic obstructive pulmonary disease, stable.',
        'chronic obstructive pulmonary disease',
      ),
    ).toMatchObject({ indicator: 'Y', basis: 'chronic' });
  });
  it('W: the provider documents it as clinically undetermined', () => {
    expect(
      poa(
        'progress',
        'Deep vein thrombosis; timing of onset clinically undetermined.',
        'Deep vein thrombosis',
      ),
    ).toMatchObject({ indicator: 'W', basis: 'stated' });
  });
  it('U: nothing says when it began, with a non-leading query prompt', () => {
    const s = poa('consult', 'Assessment: acute kidney injury.', 'acute kidney injury');
    expect(s.indicator).toBe('U');
    expect(s.reason).toBe(
      'Query the provider: was "acute kidney injury" present at the time of inpatient admission? Yes / No / Clinically undetermined / Unable to determine from the documentation.',
    );
  });
  it('reads only the sentence around the evidence', () => {
    expect(
      poa(
        'consult',
        'Developed delirium on hospital day 2. Assessment: acute kidney injury.',
        'acute kidney injury',
      ).indicator,
    ).toBe('U');
  });
});

describe('POA across the encounter', () => {
  const y = (basis: PoaSuggestion['basis']): { suggestion: PoaSuggestion } => ({
    suggestion: { indicator: 'Y', basis, reason: 'y' },
  });
  const n = (basis: PoaSuggestion['basis']): { suggestion: PoaSuggestion } => ({
    suggestion: { indicator: 'N', basis, reason: 'n' },
  });
  const u = { suggestion: { indicator: 'U', basis: 'none', reason: 'u' } as PoaSuggestion };

  it('the exempt list decides "exempt" whatever the notes say', () => {
    expect(encounterPoa('Z79.4', [n('stated')])).toMatchObject({
      indicator: 'exempt',
      basis: 'exempt-list',
    });
  });
  it('the H&P beats the hospital course: the condition was there at admission', () => {
    expect(encounterPoa('J44.1', [y('note-kind'), n('section')]).indicator).toBe('Y');
  });
  it('a stated "developed after admission" beats the note kind', () => {
    expect(encounterPoa('N17.9', [y('note-kind'), n('stated')]).indicator).toBe('N');
  });
  it('stated Y in one note and stated N in another → U, the notes disagree', () => {
    expect(encounterPoa('L89.152', [y('stated'), n('stated')])).toMatchObject({
      indicator: 'U',
      basis: 'notes-disagree',
    });
  });
  it('a combination code with one part not present on admission is N', () => {
    // E11.22 built from E11.9 (H&P → Y) and a CKD documented as developed in the hospital.
    expect(encounterPoa('E11.22', [y('note-kind'), n('stated')]).indicator).toBe('N');
  });
  it('nothing but unclear notes → U', () => {
    expect(encounterPoa('I10', [u]).indicator).toBe('U');
    expect(encounterPoa('I10', []).reason).toMatch(/^Query the provider/);
  });
});
