import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  assertContext,
  assertDocumentContext,
  compileContextRules,
  readLexiconPack,
  type CompiledContextRules,
} from '../../src/context/index.js';
import { compileSectionPatterns, preprocessDocument, tokenize } from '../../src/text/index.js';
import { CLAUSE_NEGATION_CUES } from '../../src/context/clause-negation.js';

const PACK = 'dist/packs/lexicons.json';
const pack = existsSync(PACK) ? readLexiconPack(JSON.parse(readFileSync(PACK, 'utf8'))) : null;
const withPack = compileContextRules(pack?.context.rules ?? []);
const curatedOnly = compileContextRules([]);

function assertOne(
  rules: CompiledContextRules,
  sentence: string,
  mention: string,
): ReturnType<typeof assertContext>[number] {
  const i = sentence.indexOf(mention);
  if (i < 0) throw new Error(`"${mention}" not in "${sentence}"`);
  return assertContext(sentence, [{ start: i, end: i + mention.length }], rules)[0] as ReturnType<
    typeof assertContext
  >[number];
}

const CASES: [string, string, string][] = [
  ['No evidence of pneumonia.', 'pneumonia', 'negated'],
  ['Mother with breast cancer.', 'breast cancer', 'family'],
  ['Mother who had breast cancer.', 'breast cancer', 'family'],
  ['Breast cancer in her mother.', 'Breast cancer', 'family'],
  ['h/o MI', 'MI', 'historical'],
  ['s/p CABG', 'CABG', 'historical'],
  ['? PNA', 'PNA', 'possible'],
  ['PNA?', 'PNA', 'possible'],
  ['possible pneumonia', 'pneumonia', 'possible'],
  ['r/o PE', 'PE', 'possible'],
  ['Cannot rule out PE.', 'PE', 'possible'],
  ['PE was ruled out.', 'PE', 'negated'],
  ['if symptoms worsen', 'symptoms', 'hypothetical'],
  ['Return if chest pain recurs.', 'chest pain', 'hypothetical'],
  ['Patient denies chest pain.', 'chest pain', 'negated'],
  ['Negative for fever.', 'fever', 'negated'],
  ['Free of metastatic disease.', 'metastatic disease', 'negated'],
  ['Without edema.', 'edema', 'negated'],
  ["Patient doesn't have diabetes.", 'diabetes', 'negated'],
  ['Chest pain: none', 'Chest pain', 'negated'],
  ['Pneumonia, now resolved.', 'Pneumonia', 'historical'],
  ['No family history of colon cancer.', 'colon cancer', 'negated'],
  ['No increase in edema.', 'edema', 'present'],
  ['Gram negative rods.', 'rods', 'present'],
  ['3 day history of cough.', 'cough', 'present'],
  ['65 year old male with HTN.', 'HTN', 'present'],
  ['Presents with pneumonia.', 'pneumonia', 'present'],
  ['No fever. Has cough.', 'cough', 'present'],
  // A trailing "neg" after a test is the test's result, not the condition's.
  ['MSSA bacteremia - cefazolin, TTE neg.', 'bacteremia', 'present'],
  ['Septic shock, urinary source, cultures neg.', 'Septic shock', 'present'],
  ['CAP, organism not identified.', 'CAP', 'present'],
  ['Pneumonia was ruled out by CXR.', 'Pneumonia', 'negated'],
  ['COVID-19 PCR was negative.', 'COVID-19', 'negated'],
];

describe('assertContext', () => {
  it.each(CASES)('%s → %s is %s (with pack)', (sentence, mention, expected) => {
    expect(assertOne(withPack, sentence, mention).assertion).toBe(expected);
  });

  it.each(CASES.filter(([, , e]) => e !== 'present'))(
    '%s → %s is %s (curated rules only)',
    (sentence, mention, expected) => {
      expect(assertOne(curatedOnly, sentence, mention).assertion).toBe(expected);
    },
  );

  it('has every cue of the clause-level check as a negation trigger', () => {
    for (const cue of CLAUSE_NEGATION_CUES)
      expect(assertOne(withPack, `Patient ${cue} pneumonia.`, 'pneumonia').assertion, cue).toBe(
        'negated',
      );
  });

  it('closes negation at "but": chest pain negated, SOB present', () => {
    const s = 'denies chest pain but reports SOB';
    const [cp, sob] = assertContext(
      s,
      [
        { start: 7, end: 17 },
        { start: 30, end: 33 },
      ],
      withPack,
    );
    expect(cp?.assertion).toBe('negated');
    expect(cp?.triggers[0]).toMatchObject({
      phrase: 'denies',
      direction: 'forward',
      start: 0,
      end: 6,
    });
    expect(s.slice(cp?.triggers[0]?.scopeStart, cp?.triggers[0]?.scopeEnd)).toBe('chest pain');
    expect(sob?.assertion).toBe('present');
  });

  it('reports trigger, direction and scope for backward triggers', () => {
    const s = 'PE was ruled out.';
    const a = assertContext(s, [{ start: 0, end: 2 }], withPack)[0];
    expect(a?.triggers[0]?.direction).toBe('backward');
    expect(s.slice(a?.triggers[0]?.start, a?.triggers[0]?.end)).toBe('was ruled out');
  });

  it('accepts tokens in document coordinates', () => {
    const doc = 'Stable. No evidence of pneumonia.';
    const tokens = tokenize(doc).filter((t) => t.start >= 8);
    expect(assertContext(tokens, [{ start: 23, end: 32 }], withPack)[0]?.assertion).toBe('negated');
  });

  it('applies section defaults and flags non-diagnostic sections', () => {
    const doc =
      'HPI: cough x3 days.\nPMH: HTN, DM2\nFamily History: diabetes in father.\nMedications: metformin for DM.\nFH: colon cancer\nA/P: pneumonia.';
    const spans = ['cough', 'HTN', 'diabetes', 'DM.', 'colon cancer', 'pneumonia'].map((m) => {
      const i = doc.indexOf(m);
      return { start: i, end: i + m.length };
    });
    const pre = preprocessDocument(doc, {
      sectionPatterns: compileSectionPatterns(pack?.sections.patterns ?? []),
    });
    const res = assertDocumentContext(pre, spans, withPack);
    expect(res.map((r) => r.assertion)).toEqual([
      'present',
      'historical',
      'family',
      'present',
      'family',
      'present',
    ]);
    expect(res.map((r) => r.section)).toEqual([
      'history_of_present_illness',
      'past_medical_history',
      'family_history',
      'medications',
      'family_history',
      'assessment_and_plan',
    ]);
    expect(res[3]?.isNonDiagnostic).toBe(true);
    expect(res[1]?.triggers[0]?.source).toBe('section');
  });

  it("asserts each span on its own: a span's assertion does not depend on the other spans asked", () => {
    // The linker asks for the assertion of only the phrases that bring a new code
    // (src/engine/model-coder.ts), so one span alone must get what it gets among the others.
    const doc =
      'HPI: no chest pain, denies fever or cough.\nPMH: HTN, DM2, h/o MI.\nFamily History: mother with breast cancer.\nA/P: r/o PE; possible pneumonia, not sepsis.';
    const spans = [
      ...doc.matchAll(/chest pain|fever|cough|HTN|MI|breast cancer|PE|pneumonia|sepsis/g),
    ].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    const pre = preprocessDocument(doc, {
      sectionPatterns: compileSectionPatterns(pack?.sections.patterns ?? []),
    });
    const together = assertDocumentContext(pre, spans, withPack);
    expect(new Set(together.map((r) => r.assertion)).size).toBeGreaterThan(2);
    spans.forEach((span, k) =>
      expect(assertDocumentContext(pre, [span], withPack)[0]).toEqual(together[k]),
    );
    const reversed = assertDocumentContext(pre, [...spans].reverse(), withPack);
    expect(reversed.reverse()).toEqual(together);
  });

  it('is fast: tokenize + context for a 10 KB note well under a few ms', () => {
    const sentence =
      'Patient denies chest pain but reports SOB; h/o MI, mother with breast cancer, r/o PE. ';
    const note = sentence.repeat(Math.ceil(10240 / sentence.length));
    const mentions = [...note.matchAll(/chest pain|SOB|MI|breast cancer|PE/g)].map((m) => ({
      start: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
    }));
    for (let i = 0; i < 20; i++) assertDocumentContext(note, mentions, withPack); // warm-up
    const runs = 50;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) {
      const pre = preprocessDocument(note);
      assertDocumentContext(pre, mentions, withPack);
    }
    const perNote = (performance.now() - t0) / runs;
    expect(perNote).toBeLessThan(10); // generous for CI; typically ~1 ms on one core
  });
});

describe('labelled lines', () => {
  it('reads a negation after a "Label:" prefix, and still reads "Finding: no."', () => {
    const rules = compileContextRules();
    const a = (text: string, word: string) => {
      const i = text.indexOf(word);
      return assertContext(text, [{ start: i, end: i + word.length }], rules)[0]!.assertion;
    };
    expect(a('CXR: No evidence of pneumonia.', 'pneumonia')).toBe('negated');
    expect(a('Chest x-ray: no infiltrate or effusion.', 'effusion')).toBe('negated');
    expect(a('Fever: no.', 'Fever')).toBe('negated');
  });
});
