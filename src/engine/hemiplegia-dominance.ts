/**
 * Hemiplegia and monoplegia by side and dominance (Guidelines I.C.6.a): the code's last
 * character says right or left and dominant or nondominant (G81.-, G83.1-G83.3, I69.-3-/-4-/-5-).
 * Where the note states the patient's handedness, the side of that hand is dominant and the other
 * nondominant; otherwise an ambidextrous patient's side is dominant, and without either a right
 * side is dominant and a left side nondominant.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { recode, sentenceAround, type RuleDocument } from './rule-text.js';

/** Handedness written out ("right-handed", "RHD", "left hand dominant", "ambidextrous"). */
const HANDED =
  /\b(?:(right|left|r|l)[- ]?hand(?:ed(?:ness)?|[- ]dominant)|(r|l)hd|(ambidextrous))\b/gi;

/** Codes whose last character is 1-4 for right/left, dominant/nondominant. */
const BY_DOMINANCE = /^(?:G81\.[019]|G83\.[123]|I69\.\d[345])[1-4]$/;

type Hand = 'r' | 'l' | 'both';

/** The patient's dominant hand as the text states it, if it does. */
function handedness(text: string): Hand | undefined {
  HANDED.lastIndex = 0;
  const m = HANDED.exec(text);
  if (!m) return undefined;
  return m[3] ? 'both' : ((m[1] ?? m[2])!.toLowerCase()[0] as 'r' | 'l');
}

/** The last character for a side: by the stated hand, else the guideline's default. */
function sideDigit(right: boolean, hand: Hand | undefined, dominantSaid = false): string {
  const dominant =
    hand === undefined ? dominantSaid || right : hand === 'both' || (hand === 'r') === right;
  return right ? (dominant ? '1' : '3') : dominant ? '2' : '4';
}

/**
 * The sixth character of a sequela hemiplegia from its line: 1-4, or 9 when the line names no
 * side (or both). Handedness words are not a side.
 */
export function hemiplegiaSideCharacter(line: string): string {
  const rest = line.replace(HANDED, ' ');
  const right = /\b(?:right|r)\b/i.test(rest);
  const left = /\b(?:left|l)\b/i.test(rest);
  if (right === left) return '9';
  if (/\bnon-?dominant\b/i.test(rest)) return right ? '3' : '4';
  return sideDigit(right, handedness(line), /\bdominant\b/i.test(rest));
}

/** Hemiplegia and monoplegia of unspecified side (G81.00, G81.10, G81.90, G83.10-G83.30). */
const UNSIDED = /^(?:G81\.[019]|G83\.[123])0$/;

/**
 * Gives an unspecified-side hemiplegia the side its line names ("R hemiparesis (R-handed pt)"):
 * the side words there are no title word, so the specificity rule cannot move it.
 */
function sideFromLine(onto: Ontology, doc: RuleDocument, s: CodeSuggestion): void {
  const line = s.evidence.map((e) => sentenceAround(doc, e)).join(' ');
  const char = hemiplegiaSideCharacter(line);
  const code = s.code.slice(0, -1) + char;
  if (char === '9' || !onto.isBillable(code)) return;
  recode(onto, s, code, `The note names the side: ${code}.`);
}

/** Recodes side-and-dominance codes by the side and handedness the note states, with a note. */
export function applyHandedness(onto: Ontology, doc: RuleDocument, codes: CodeSuggestion[]): void {
  for (const s of codes) if (UNSIDED.test(s.code)) sideFromLine(onto, doc, s);
  const hand = handedness(doc.text);
  if (hand === undefined) return;
  for (const s of codes) {
    if (!BY_DOMINANCE.test(s.code)) continue;
    const right = s.code.endsWith('1') || s.code.endsWith('3');
    const code = s.code.slice(0, -1) + sideDigit(right, hand);
    if (code === s.code || !onto.isBillable(code)) continue;
    recode(onto, s, code, `The note states the patient's handedness: ${code}.`);
  }
}
