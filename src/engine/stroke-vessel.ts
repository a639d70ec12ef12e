/**
 * An ischemic stroke by the artery and the mechanism the note names (I63.0-I63.5): "acute
 * ischemic stroke, R MCA territory, cardioembolic" is I63.411 (embolism of the right middle
 * cerebral artery), not I63.9. Only a stated mechanism (embolic, thrombotic) or a stated
 * occlusion or stenosis of the artery moves the code; a territory alone does not.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote, recode, type RuleDocument } from './rule-text.js';

/** Artery words → [cerebral or precerebral, the fifth character]. */
const ARTERIES: readonly [RegExp, 'cerebral' | 'precerebral', string][] = [
  [/\b(?:mca|middle cerebral)\b/i, 'cerebral', '1'],
  [/\b(?:aca|anterior cerebral)\b/i, 'cerebral', '2'],
  [/\b(?:pca|posterior cerebral)\b/i, 'cerebral', '3'],
  [/\b(?:pica|aica|sca|cerebellar arter(?:y|ies))\b/i, 'cerebral', '4'],
  [/\b(?:vertebral arter(?:y|ies)|va)\b/i, 'precerebral', '1'],
  [/\bbasilar\b/i, 'precerebral', '2'],
  [/\b(?:carotid|ica)\b/i, 'precerebral', '3'],
];

/** The fourth character by mechanism: [cerebral, precerebral]. */
function mechanism(sentence: string): [string, string] | undefined {
  if (/\b(?:cardio)?embol(?:ic|ism|us|i)\b/i.test(sentence)) return ['4', '1'];
  if (/\bthrombo(?:tic|sis|us)\b/i.test(sentence)) return ['3', '0'];
  if (/\b(?:occlu(?:sion|ded)|stenosis|stenotic)\b/i.test(sentence)) return ['5', '2'];
  return undefined;
}

const STROKE = /\b(?:stroke|cva|infarct(?:ion)?|ischemi[ac])\b/i;
const PAST = /\b(?:prior|previous|old|remote|history of|hx of|h\/o|s\/p|in (?:19|20)\d\d)\b/i;

/** The side of the artery: the letter or word right before it. */
function side(sentence: string, at: number): string {
  const before = sentence.slice(Math.max(0, at - 12), at);
  if (/\b(?:bilateral|bilat|b\/l)\s*$/i.test(before)) return '3';
  if (/\b(?:r|rt|right)\.?\s*$/i.test(before)) return '1';
  if (/\b(?:l|lt|left)\.?\s*$/i.test(before)) return '2';
  return '9';
}

/** The I63 code a sentence gives, if it names a current stroke's artery and mechanism. */
function strokeCode(onto: Ontology, sentence: string): string | undefined {
  if (!STROKE.test(sentence) || PAST.test(sentence)) return undefined;
  const how = mechanism(sentence);
  if (!how) return undefined;
  for (const [re, kind, fifth] of ARTERIES) {
    const m = re.exec(sentence);
    if (!m) continue;
    const fourth = kind === 'cerebral' ? how[0] : how[1];
    const base = `I63.${fourth}${fifth}`;
    const code = onto.isBillable(base) ? base : `${base}${side(sentence, m.index)}`;
    if (onto.isBillable(code)) return code;
  }
  return undefined;
}

/**
 * Recodes an unspecified cerebral infarction by the first sentence that names its artery; the
 * thrombosis or embolism that sentence names is the stroke's (no I82.9-, I74.- beside it).
 */
export function applyStrokeVessel(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  removed: CodeSuggestion[],
): void {
  const stroke = codes.find((c) => c.assertion === 'present' && /^I63\.(?:9|[0-5]0)$/.test(c.code));
  if (!stroke) return;
  for (const s of doc.sentences) {
    const code = strokeCode(onto, doc.text.slice(s.start, s.end));
    if (!code || codes.some((c) => c.code === code)) continue;
    recode(onto, stroke, code, `The artery and the mechanism the note names: ${code}.`);
    const inSentence = (c: CodeSuggestion): boolean =>
      /^I82\.9|^I74\./.test(c.code) &&
      c.evidence.every((e) => e.start >= s.start && e.end <= s.end);
    for (const c of codes.filter(inSentence)) {
      addNote(c, { rule: 'combination', message: `${code} names this occlusion.`, codes: [code] });
      codes.splice(codes.indexOf(c), 1);
      removed.push(c);
    }
    return;
  }
}
