/**
 * Specificity the Tabular gives by site where the Index entry the note reaches stops short:
 *
 * - Sinusitis by the sinuses the line names (J32.-, J01.-): one sinus is its own code, several
 *   but not all four "other" (J32.8, J01.80: "involving more than one sinus but not
 *   pansinusitis"), all four or "pansinusitis" the pansinusitis code.
 * - Peripheral arterial disease of native arteries (the words "native arteries" or
 *   "atherosclerotic" say it is atherosclerosis) is I70.2- by what it causes (intermittent
 *   claudication, rest pain) and by leg.
 * - A deep vein thrombosis of an arm (I82.62-, I82.72-) where the Index's "DVT" stops at the leg.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { lineAround, recode, type RuleDocument } from './rule-text.js';

/** Sinus words, each with its digit in J01.- / J32.-. */
const SINUSES: readonly [RegExp, string][] = [
  [/\bmaxillary\b/, '0'],
  [/\bfrontal\b/, '1'],
  [/\bethmoid(?:al)?\b/, '2'],
  [/\bsphenoid(?:al)?\b/, '3'],
];

/** The sinusitis code the sinuses named on the line give, from the unspecified one. */
function sinusitisCode(code: string, line: string): string | undefined {
  if (!/^J32\.[0-39]$|^J01\.[0-39]0$/.test(code)) return undefined;
  const chronic = code.startsWith('J32');
  const named = SINUSES.filter(([re]) => re.test(line)).map(([, d]) => d);
  const pan = /\bpansinusitis\b/.test(line) && !/\bnot pansinusitis\b/.test(line);
  const digit = pan || named.length === 4 ? '4' : named.length > 1 ? '8' : named[0];
  if (digit === undefined) return undefined;
  return chronic ? `J32.${digit}` : `J01.${digit}0`;
}

/** I73.9 "Peripheral vascular disease" the note calls atherosclerosis of native arteries. */
function nativeArteriesCode(code: string, line: string): string | undefined {
  if (code !== 'I73.9' || !/\bnative arter|\bathero|\barterio/.test(line)) return undefined;
  const kind = /\brest pain\b/.test(line) ? '2' : /\bclaudication\b/.test(line) ? '1' : '0';
  const leg = /\bbilat|\bboth\b|\bbilateral\b/.test(line)
    ? '3'
    : /\bright\b|\br\b/.test(line)
      ? '1'
      : /\bleft\b|\bl\b/.test(line)
        ? '2'
        : '9';
  return `I70.2${kind}${leg}`;
}

/** An arm named by word or abbreviation ("LUE", "upper extremity", "arm"). */
const UPPER_LIMB = /\b(?:[lrb]?ue|upper (?:extremit(?:y|ies)|limbs?)|arms?|forearms?)\b/;

/**
 * A deep vein thrombosis the Index reached without a site ("DVT" is the lower extremity's
 * I82.40-, chronic I82.50-) on a line that names an arm is the upper extremity's (I82.62-,
 * chronic I82.72-), the side digit kept.
 */
function upperLimbDvtCode(code: string, line: string): string | undefined {
  const m = /^I82\.([45])0([1239])$/.exec(code);
  if (!m || !UPPER_LIMB.test(line) || /\b(?:[lrb]le|lower|legs?|calf)\b/.test(line))
    return undefined;
  return `I82.${m[1] === '4' ? '6' : '7'}2${m[2]}`;
}

/** Moves each code the rules above apply to, with a note naming the words that decided it. */
export function applySiteSpecificity(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): void {
  for (const s of codes) {
    if (s.assertion !== 'present') continue;
    for (const e of s.evidence) {
      const line = lineAround(doc.text, e).toLowerCase();
      const code =
        sinusitisCode(s.code, line) ??
        nativeArteriesCode(s.code, line) ??
        upperLimbDvtCode(s.code, line);
      if (!code || code === s.code || !onto.isBillable(code)) continue;
      recode(onto, s, code, `The site the note names: ${code}.`);
      break;
    }
  }
}
