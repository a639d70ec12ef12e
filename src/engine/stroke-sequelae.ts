/**
 * Deficits left by a past stroke are sequelae, I69.- (Guidelines I.C.9.d): "prior CVA with
 * residual R hemiparesis" is I69.351, not the history code Z86.73 (which says "without residual
 * deficits") beside a hemiplegia G81.91. The deficit's own code is inside the I69 code.
 *
 * Hemiplegia by side and dominance (hemiplegia-dominance.ts); speech and language deficits, dysphagia, facial weakness
 * and ataxia by their own I69.3- codes. A stroke of this encounter keeps its I63 code and the
 * deficit beside it: only a stroke the note places in the past (or whose deficit it calls
 * residual, or "following" it) is read this way.
 */
import type { Ontology } from '../ontology/ontology.js';
import { negatedInClauseBefore } from '../context/clause-negation.js';
import type { CodeSuggestion, EvidenceSpan } from './coding-types.js';
import { addNote, recode, ruleSuggestion, type RuleDocument } from './rule-text.js';
import { hemiplegiaSideCharacter } from './hemiplegia-dominance.js';

const STROKE = /\b(?:stroke|cva|cerebrovascular accident|cerebral infarct(?:ion)?)\b/i;
const PAST =
  /\b(?:prior|previous|old|remote|history of|hx of|h\/o|s\/p|status post|residual|sequelae?|following|post-?stroke|after (?:an? |his |her )?(?:stroke|cva)|(?:19|20)\d\d)\b/i;

/** Deficit words → the fifth and sixth characters after "I69.3", by side where it applies. */
const DEFICITS: readonly { words: RegExp; code: (side: string) => string; absorbs: RegExp }[] = [
  {
    words:
      /\b(?:hemi(?:paresis|plegia|paretic|plegic)|(?:right|left|r|l)[- ]sided weakness|weakness of the (?:right|left) side)\b/i,
    code: (side) => `5${side}`,
    absorbs: /^G81\.|^R53\.1$/,
  },
  { words: /\baphasia\b/i, code: () => '20', absorbs: /^R47\.01$/ },
  { words: /\bdysphasia\b/i, code: () => '21', absorbs: /^R47\.02$/ },
  { words: /\bdysarthria\b/i, code: () => '22', absorbs: /^R47\.1$/ },
  {
    words: /\bfacial (?:weakness|droop|palsy)\b/i,
    code: () => '92',
    absorbs: /^R29\.810$|^G51\.0$/,
  },
  { words: /\bataxia\b/i, code: () => '93', absorbs: /^R27\.0$/ },
];

export function applyStrokeSequelae(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  removed: CodeSuggestion[],
): void {
  for (const s of doc.sentences) {
    const line = doc.text.slice(s.start, s.end);
    const stroke = STROKE.exec(line);
    if (!stroke || !PAST.test(line)) continue;
    for (const d of DEFICITS) {
      const m = d.words.exec(line);
      if (!m || negatedInClauseBefore(doc.text, s.start + m.index)) continue;
      const code = `I69.3${d.code(hemiplegiaSideCharacter(line))}`;
      if (!onto.isBillable(code) || codes.some((c) => c.code === code)) continue;
      const evidence: EvidenceSpan[] = [stroke, m].map((x) => ({
        start: s.start + x.index,
        end: s.start + x.index + x[0].length,
        text: x[0],
      }));
      codes.push(
        ruleSuggestion(onto, code, evidence, 'present', 0.85, [
          { rule: 'sequela', message: `A deficit left by a past stroke: ${code}.` },
        ]),
      );
      dropInside(code, d.absorbs, codes, removed);
      dropInside(code, /^Z86\.73$/, codes, removed);
      // The stroke itself, named in this sentence, is the past event the sequela code names.
      const inSentence = (c: CodeSuggestion): boolean =>
        c.evidence.every((e) => e.start >= s.start && e.end <= s.end);
      dropInside(code, /^I63\./, codes, removed, inSentence);
    }
  }
}

/**
 * A facial palsy beside a stroke is the stroke's facial weakness (R29.810, the Index's "Weakness,
 * facial"), not Bell's palsy G51.0, unless the note names Bell.
 */
export function applyStrokeFacialWeakness(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): void {
  if (!codes.some((c) => c.assertion === 'present' && /^I6[0-3]\./.test(c.code))) return;
  for (const s of codes) {
    if (s.code !== 'G51.0' || s.evidence.some((e) => /\bbell/i.test(e.text))) continue;
    if (/\bbell'?s\b/i.test(doc.text)) continue;
    recode(onto, s, 'R29.810', 'A facial palsy beside a stroke is its facial weakness: R29.810.');
  }
}

function dropInside(
  by: string,
  re: RegExp,
  codes: CodeSuggestion[],
  removed: CodeSuggestion[],
  where: (c: CodeSuggestion) => boolean = () => true,
): void {
  for (const c of codes.filter((x) => re.test(x.code) && where(x))) {
    addNote(c, { rule: 'sequela', message: `${by} codes the stroke's deficit.`, codes: [by] });
    codes.splice(codes.indexOf(c), 1);
    removed.push(c);
  }
}
