/**
 * The context failure classes of issue 13, end to end through the coder (mentions scope, no
 * ranker, so every dictionary candidate shows): each case checks the code's assertion and
 * the exact evidence span the coder gives for it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCoder, type Coder } from '../../src/engine/create-coder.js';
import type { Assertion, CodeSuggestion } from '../../src/engine/coding-types.js';
import { testLexicons, testOntology } from '../helpers/load-pack.js';

let coder: Coder;

beforeAll(() => {
  coder = createCoder(testOntology(), { lexicons: testLexicons() });
}, 120_000);

/** [sentence, code, assertion, evidence texts in order]. */
type Case = [string, string, Assertion, string[]];

function mention(text: string, code: string): CodeSuggestion {
  const found = coder.code(text, { scope: 'mentions' }).codes.find((c) => c.code === code);
  if (found === undefined) throw new Error(`expected ${code} among the mentions`);
  return found;
}

function check([text, code, assertion, evidence]: Case): void {
  const s = mention(text, code);
  expect(s.assertion).toBe(assertion);
  expect(s.evidence.map((e) => e.text)).toEqual(evidence);
  for (const e of s.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
}

describe('1. overlapping rules do not hide each other ("is/was negative for")', () => {
  it.each<Case>([
    ['Review of systems is negative for fever, chills or cough.', 'R50.9', 'negated', ['fever']],
    ['Review of systems is negative for fever, chills or cough.', 'R68.83', 'negated', ['chills']],
    ['Review of systems is negative for fever, chills or cough.', 'R05.9', 'negated', ['cough']],
    ['Urinalysis was negative for hematuria.', 'R31.9', 'negated', ['hematuria']],
    ['Chest x-ray is negative for pneumonia or effusion.', 'J18.9', 'negated', ['pneumonia']],
    // A templated ROS block: every system's list is negated.
    [
      'ROS: Constitutional: negative for fatigue. Respiratory: negative for wheezing, cough or hemoptysis. GI: negative for nausea, vomiting or diarrhea.',
      'R04.2',
      'negated',
      ['hemoptysis'],
    ],
    [
      'ROS: Constitutional: negative for fatigue. Respiratory: negative for wheezing, cough or hemoptysis. GI: negative for nausea, vomiting or diarrhea.',
      'R19.7',
      'negated',
      ['diarrhea'],
    ],
  ])('%s → %s %s', (...c) => check(c));
});

describe('2. a mention never spans a negation cue, clause boundary or list separator', () => {
  it.each<Case>([
    ['Complains of chills but no fever.', 'R50.9', 'negated', ['fever']],
    ['Complains of chills but no fever.', 'R68.83', 'present', ['chills']],
    ['Mild nausea after meals, no vomiting.', 'R11.10', 'negated', ['vomiting']],
    ['Mild nausea after meals, no vomiting.', 'R11.0', 'present', ['nausea']],
    ['He is alert, with mild pain, in no acute distress.', 'R52', 'present', ['pain']],
    ['Reports headache; denies dizziness.', 'R42', 'negated', ['dizziness']],
    ['Cough productive of sputum, no hemoptysis.', 'R04.2', 'negated', ['hemoptysis']],
  ])('%s → %s %s', (...c) => check(c));

  it('keeps a term whose own word is the cue ("migraine w/o aura", "diabetes without complications")', () => {
    check([
      'Chronic migraine w/o aura, intractable.',
      'G43.719',
      'present',
      ['Chronic migraine w/o aura, intractable'],
    ]);
    const e11 = mention('Type 2 diabetes mellitus without complications.', 'E11.9');
    expect(e11.assertion).toBe('present');
    expect(e11.evidence.map((e) => e.text)).toContain(
      'Type 2 diabetes mellitus without complications',
    );
  });

  it('does not join two items of an enumeration into one term ("nausea, vomiting or diarrhea")', () => {
    const codes = coder.code('Denies nausea, vomiting or diarrhea.', { scope: 'mentions' }).codes;
    expect(codes.find((c) => c.code === 'R11.2')).toBeUndefined();
    expect(codes.find((c) => c.code === 'R11.10')?.assertion).toBe('negated');
  });
});

describe('3. scopes stop at labels, placeholders, brackets and report headers', () => {
  it.each<Case>([
    ['*** Study not interpretable *** INDICATION: SYNCOPE.', 'R55', 'present', ['SYNCOPE']],
    [
      'CT HEAD WITHOUT CONTRAST CLINICAL HISTORY: status post renal transplant.',
      'Z94.0',
      'historical',
      ['status post renal transplant', 'renal transplant'],
    ],
    ['MRI BRAIN WITH AND WITHOUT CONTRAST Indication: seizure.', 'R56.9', 'present', ['seizure']],
    [
      'Patient (not on anticoagulation) has atrial fibrillation.',
      'I48.91',
      'present',
      ['atrial fibrillation'],
    ],
    [
      'Denies chest pain [per nursing note] and reports palpitations.',
      'R00.2',
      'present',
      ['palpitations'],
    ],
    [
      'Family history not obtainable. Patient has hypertension.',
      'I10',
      'present',
      ['hypertension'],
    ],
    [
      'No specific diagnosis was made; abdominal pain persists.',
      'R10.9',
      'present',
      ['abdominal pain'],
    ],
  ])('%s → %s %s', (...c) => check(c));
});

describe('4. missed cues', () => {
  it.each<Case>([
    ['GU ROS -ve for dysuria.', 'R30.0', 'negated', ['dysuria']],
    ['Chest: -ve for wheezing.', 'R06.2', 'negated', ['wheezing']],
    ['None pericardial effusion.', 'I31.39', 'negated', ['pericardial effusion']],
    [
      'Findings not consistent with pulmonary embolism.',
      'I26.99',
      'negated',
      ['pulmonary embolism'],
    ],
    ['The appearance is not consistent with pneumonia.', 'J18.9', 'negated', ['pneumonia']],
    ['No change in hearing, tinnitus or vertigo.', 'H93.19', 'negated', ['tinnitus']],
    ['No change in hearing, tinnitus or vertigo.', 'R42', 'negated', ['vertigo']],
    ['No change in vision, diplopia or headache.', 'H53.2', 'negated', ['diplopia']],
  ])('%s → %s %s', (...c) => check(c));
});

describe('5. "resolved" reaches back over several words, not over a list', () => {
  it.each<Case>([
    [
      'Pneumonia in the left lower lobe, which has since resolved.',
      'J18.9',
      'historical',
      ['Pneumonia'],
    ],
    [
      'Her cellulitis of the right leg was treated with cefazolin and has resolved.',
      'L03.115',
      'historical',
      ['cellulitis'],
    ],
    ['Headache improved, nausea resolved.', 'R11.0', 'historical', ['nausea']],
    ['Headache improved, nausea resolved.', 'R51.9', 'present', ['Headache']],
  ])('%s → %s %s', (...c) => check(c));
});
