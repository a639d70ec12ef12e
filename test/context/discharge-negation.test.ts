// The scope and lexicon rules that discharge summaries, H&Ps and radiology impressions need
// (found on test/fixtures/assertion-benchmark/discharge-negation-dev.tsv). Curated rules only,
// so these run without the lexicon pack; each case failed before its rule was added.
import { describe, expect, it } from 'vitest';
import {
  assertContext,
  compileContextRules,
  type CompiledContextRules,
} from '../../src/context/index.js';

const curated = compileContextRules();

function assertionOf(sentence: string, mention: string, rules = curated): string {
  const i = sentence.indexOf(mention);
  if (i < 0) throw new Error(`"${mention}" not in "${sentence}"`);
  return assertContext(sentence, [{ start: i, end: i + mention.length }], rules)[0]!.assertion;
}

type Case = [sentence: string, mention: string, expected: string];

function check(cases: readonly Case[], rules: CompiledContextRules = curated): void {
  for (const [sentence, mention, expected] of cases)
    expect(assertionOf(sentence, mention, rules), `${mention} in "${sentence}"`).toBe(expected);
}

describe('scope ends', () => {
  it('a semicolon ends every scope', () => {
    check([
      [
        'Colonoscopy revealed no polyps; there was mild sigmoid diverticulosis.',
        'polyps',
        'negated',
      ],
      [
        'Colonoscopy revealed no polyps; there was mild sigmoid diverticulosis.',
        'diverticulosis',
        'present',
      ],
      ['Remote history of gout; now with acute septic arthritis.', 'septic arthritis', 'present'],
    ]);
  });

  it('a terminator ends scopes where a longer phrase starts with it ("presents" in "presents with")', () => {
    check([['Past history of asthma, presents with wheezing and cough.', 'wheezing', 'present']]);
  });

  it('a new statement after ", and her/the/a …" ends a negation', () => {
    check([
      ['She is in no distress, and her abdomen is tender with guarding.', 'guarding', 'present'],
      [
        'There is no pneumothorax, and the heart is enlarged with cardiomegaly.',
        'cardiomegaly',
        'present',
      ],
      [
        'Exam showed no edema, good pulses, and a soft systolic murmur.',
        'systolic murmur',
        'present',
      ],
    ]);
  });

  it('what a judgement rests on ("given …") and what is positive are present', () => {
    check([
      [
        'Infection cannot be excluded given her persistent low-grade fevers.',
        'low-grade fevers',
        'present',
      ],
      [
        'No nausea or vomiting, positive flatus, mild incisional pain.',
        'incisional pain',
        'present',
      ],
    ]);
  });

  it('"with a history of" ends a negation and opens a history', () => {
    const s = 'A 90-year-old woman without known drug allergies, with a history of hypertension.';
    check([
      [s, 'drug allergies', 'negated'],
      [s, 'hypertension', 'historical'],
    ]);
  });
});

describe('the mention and its trigger', () => {
  it('a trigger whose last word opens the mention applies to it ("no acute distress")', () => {
    check([
      ['The patient is in no acute distress.', 'acute distress', 'negated'],
      ['IMPRESSION: No acute cardiopulmonary process.', 'acute cardiopulmonary process', 'negated'],
      ['Family history of colon cancer.', 'Family history of colon cancer', 'present'],
    ]);
  });

  it('an upper-case word right after a trigger is what it is about, not a label ("r/o ACS:")', () => {
    check([['r/o ACS: serial troponins in the morning.', 'ACS', 'possible']]);
  });
});

describe('lists', () => {
  const ros =
    'He denies fever, chills, sweats, weight loss, headache, visual changes, sore throat, cough, hemoptysis, chest pain, palpitations, abdominal pain, dysuria, rash or joint pain.';

  it('a negation runs through a list of short items past its word limit', () => {
    check([
      [ros, 'abdominal pain', 'negated'],
      [ros, 'joint pain', 'negated'],
    ]);
  });

  it('…and so does a condition ("return for …")', () => {
    check([
      [
        'Return for any fever greater than 101 degrees at home, increased redness, swelling, pain, or drainage from the wound.',
        'drainage',
        'hypothetical',
      ],
    ]);
  });

  it('but not a clause, a bracketed aside or a history', () => {
    check([
      [
        'No fever since she came home from the hospital last month after her surgery on the left knee, she has had a cough, dyspnea, wheezing and chest tightness.',
        'chest tightness',
        'present',
      ],
      [
        'Migraine w/o aura (18-20 HA days/mo, 8 migrainous), failed topiramate (cognitive SE), propranolol (fatigue), amitriptyline (weight gain).',
        'weight gain',
        'present',
      ],
      [
        's/p appendectomy, tonsillectomy, cholecystectomy, hernia repair, knee arthroscopy, then admitted today with cough, fever, dyspnea, hypoxia, and acute confusion.',
        'acute confusion',
        'present',
      ],
    ]);
  });
});

describe('negation wording', () => {
  it('reads failed tests, "neither … nor" and "never been diagnosed with"', () => {
    check([
      [
        'Abdominal ultrasound failed to reveal gallstones or biliary dilatation.',
        'biliary dilatation',
        'negated',
      ],
      [
        'The echocardiogram failed to demonstrate a patent foramen ovale.',
        'patent foramen ovale',
        'negated',
      ],
      ['Neither nausea nor vomiting was reported.', 'nausea', 'negated'],
      ['Neither nausea nor vomiting was reported.', 'vomiting', 'negated'],
      ['She has never been diagnosed with cancer.', 'cancer', 'negated'],
    ]);
  });

  it('"considered but ruled out" is ruled out', () => {
    check([
      ['Sepsis was considered on admission but ruled out.', 'Sepsis', 'negated'],
      [
        'A urinary tract infection was considered but was ruled out.',
        'urinary tract infection',
        'negated',
      ],
    ]);
  });

  it('"felt to be very unlikely" negates what comes before the verbs', () => {
    check([
      ['LP was deferred as meningitis was felt to be very unlikely.', 'meningitis', 'negated'],
    ]);
  });

  it('"no source of", "not felt to be the cause": what is denied is the finding named', () => {
    check([
      ['No source of infection was identified.', 'infection', 'negated'],
      ['Pneumonia was not felt to be the cause of her fever.', 'Pneumonia', 'negated'],
      ['Pneumonia was not felt to be the cause of her fever.', 'fever', 'present'],
    ]);
  });

  it('what a negated finding comes from is present; "negative margins" negates nothing', () => {
    check([
      ['No evidence of end-organ damage from her hypertension.', 'hypertension', 'present'],
      ['The tumor was completely resected with negative margins.', 'tumor', 'present'],
    ]);
  });

  it('"…, which cleared" is history, as "which resolved" is', () => {
    check([
      [
        'She had mild confusion on the night of admission, which cleared by morning.',
        'confusion',
        'historical',
      ],
    ]);
  });

  it('keeps "no further" for findings and drops it for plans', () => {
    check([
      ['No further workup of his chronic anemia is planned.', 'chronic anemia', 'present'],
      ['No further episodes of melena.', 'melena', 'negated'],
    ]);
  });
});

describe('uncertainty wording', () => {
  it('a negated exclusion leaves the finding possible and ends a negation before it', () => {
    check([
      ['Absence of fever does not exclude endocarditis.', 'fever', 'negated'],
      ['Absence of fever does not exclude endocarditis.', 'endocarditis', 'possible'],
      ['A negative chest x-ray does not rule out early pneumonia.', 'early pneumonia', 'possible'],
    ]);
  });

  it('"not certain whether", "unclear if": in doubt, not absent', () => {
    check([
      [
        'It is not certain whether the patient has an underlying seizure disorder.',
        'seizure disorder',
        'possible',
      ],
      ['It is unclear if she has sleep apnea.', 'sleep apnea', 'possible'],
    ]);
  });

  it('a hedged cause is possible, what it causes is present', () => {
    const s = 'No obstruction; her abdominal pain is likely secondary to constipation.';
    check([
      [s, 'abdominal pain', 'present'],
      [s, 'constipation', 'possible'],
      ['Her symptoms are probably due to a viral infection.', 'viral infection', 'possible'],
    ]);
  });

  it('"may represent" and "is a consideration" are possible', () => {
    check([
      ['Findings may represent early septic arthritis.', 'septic arthritis', 'possible'],
      ['Lyme disease is a consideration given the tick bite.', 'Lyme disease', 'possible'],
    ]);
  });
});

describe('history', () => {
  it('"in the past week" is a recent span of time; "in the past" alone opens a history', () => {
    check([
      ['She has had fevers and night sweats in the past week.', 'night sweats', 'present'],
      ['Over the past 3 days he has noted worsening leg swelling.', 'leg swelling', 'present'],
      ['Cough in the past several days.', 'Cough', 'present'],
      ['Gout in the past.', 'Gout', 'historical'],
      ['In the past he has had two episodes of diverticulitis.', 'diverticulitis', 'historical'],
    ]);
  });
});

describe('conditions', () => {
  it('"monitored for" is a condition to watch for', () => {
    check([
      [
        'He will be monitored for signs of alcohol withdrawal.',
        'alcohol withdrawal',
        'hypothetical',
      ],
    ]);
  });

  it('a possessive pronoun does not end a condition (upstream "her"/"his" terminators dropped)', () => {
    const rules = compileContextRules([
      {
        phrase: 'her',
        category: 'hypothetical',
        direction: 'terminate',
        source: 'negex-hypothetical',
      },
      {
        phrase: 'his',
        category: 'hypothetical',
        direction: 'terminate',
        source: 'negex-hypothetical',
      },
    ]);
    check(
      [
        ['Should her dyspnea worsen, she will need an echocardiogram.', 'dyspnea', 'hypothetical'],
        ['Call if his chest pain recurs.', 'chest pain', 'hypothetical'],
      ],
      rules,
    );
  });
});
