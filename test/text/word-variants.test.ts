import { describe, expect, it } from 'vitest';
import {
  adjectiveToNoun,
  canonicalizeWord,
  stemWord,
  toAmericanSpelling,
} from '../../src/text/index.js';

describe('spelling variants', () => {
  it.each([
    ['haemorrhage', 'hemorrhage'],
    ['oedema', 'edema'],
    ['anaemia', 'anemia'],
    ['tumour', 'tumor'],
    ['oesophagus', 'esophagus'],
    ['oesophageal', 'esophageal'],
    ['paediatric', 'pediatric'],
    ['diarrhoea', 'diarrhea'],
    ['leukaemia', 'leukemia'],
    ['ischaemic', 'ischemic'],
    ['dyspnoea', 'dyspnea'],
    ['haematemesis', 'hematemesis'],
    ['coeliac', 'celiac'],
    ['hospitalisation', 'hospitalization'],
    ['aetiology', 'etiology'],
  ])('%s → %s', (gb, us) => expect(toAmericanSpelling(gb)).toBe(us));

  it('leaves look-alikes alone', () => {
    for (const w of ['aeruginosa', 'toe', 'hour', 'four', 'exercise', 'aerobic', 'shoe'])
      expect(toAmericanSpelling(w)).toBe(w);
  });

  it('maps adjectives to Index nouns', () => {
    expect(adjectiveToNoun('renal')).toBe('kidney');
    expect(adjectiveToNoun('cardiac')).toBe('heart');
    expect(adjectiveToNoun('hepatic')).toBe('liver');
    expect(adjectiveToNoun('pulmonary')).toBe('lung');
    expect(adjectiveToNoun('cerebral')).toBe('brain');
    expect(adjectiveToNoun('gastric')).toBe('stomach');
  });
});

describe('stemWord', () => {
  it.each([
    ['lymphadenopathies', 'lymphadenopathy'],
    ['metastases', 'metastasis'],
    ['calculi', 'calculus'],
    ['fractures', 'fracture'],
    ['diseases', 'disease'],
    ['stenoses', 'stenosis'],
    ['abscesses', 'abscess'],
    ['vertebrae', 'vertebra'],
    ['diverticula', 'diverticulum'],
    ['varices', 'varix'],
    ['emboli', 'embolus'],
    ['ulcers', 'ulcer'],
    ['allergies', 'allergy'],
    ['rashes', 'rash'],
    ['teeth', 'tooth'],
    ['prostheses', 'prosthesis'],
    ['diabetes', 'diabetes'],
    ['herpes', 'herpes'],
    ['pancreas', 'pancreas'],
    ['arthritis', 'arthritis'],
    ['virus', 'virus'],
    ['mellitus', 'mellitus'],
    ['valves', 'valve'],
    ['sequelae', 'sequela'],
    ['doses', 'dose'],
  ])('%s → %s', (w, stem) => expect(stemWord(w)).toBe(stem));

  it('is idempotent on its own output', () => {
    for (const w of [
      'lymphadenopathies',
      'metastases',
      'calculi',
      'fractures',
      'haemorrhages',
      'oedemas',
      'tumours',
    ]) {
      const once = canonicalizeWord(w);
      expect(canonicalizeWord(once)).toBe(once);
    }
    expect(canonicalizeWord('haemorrhages')).toBe('hemorrhage');
  });
});
