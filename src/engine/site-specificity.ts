/**
 * Specificity the Tabular gives by site where the Index entry the note reaches stops short:
 *
 * - Sinusitis by the sinuses the line names (J32.-, J01.-): one sinus is its own code, several
 *   but not all four "other" (J32.8, J01.80: "involving more than one sinus but not
 *   pansinusitis"), all four or "pansinusitis" the pansinusitis code.
 * - Peripheral arterial disease of native arteries (the words "native arteries" or
 *   "atherosclerotic" say it is atherosclerosis) is I70.2- by what it causes (intermittent
 *   claudication, rest pain) and by leg.
 * - A chronic ulcer of the leg or foot by the site the line names (L97.1-L97.8).
 * - A lung cancer by the lobe the line names (C34.1- upper, C34.2 middle, C34.3- lower).
 * - A deep vein thrombosis of an arm (I82.62-, I82.72-) where the Index's "DVT" stops at the leg.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { lineAround, recode, sentenceAround, type RuleDocument } from './rule-text.js';
import { documentedSide } from './specific-code.js';

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

/** A lobe of the lung named by word or abbreviation, with the side the abbreviation says. */
const LOBES: readonly [RegExp, string, string?][] = [
  [/\b(?:rul|right upper lobe)\b/, '1', '1'],
  [/\b(?:lul|left upper lobe)\b/, '1', '2'],
  [/\b(?:rml|(?:right )?middle lobe)\b/, '2', '1'],
  [/\b(?:rll|right lower lobe)\b/, '3', '1'],
  [/\b(?:lll|left lower lobe)\b/, '3', '2'],
  [/\bupper lobe\b/, '1'],
  [/\blower lobe\b/, '3'],
  [/\bmain(?:stem)? bronchus\b/, '0'],
];

/** A lung cancer the Index reached as "lung" (C34.9-) in a sentence that names its lobe: C34.0-C34.3. */
function lungLobeCode(code: string, line: string): string | undefined {
  const m = /^C34\.9([0-29])$/.exec(code);
  const lobe = m && LOBES.find(([re]) => re.test(line));
  if (!m || !lobe) return undefined;
  if (lobe[1] === '2') return 'C34.2';
  return `C34.${lobe[1]}${m[1] === '0' ? (lobe[2] ?? '0') : m[1]}`;
}

/** Sites of a non-pressure chronic ulcer of the lower limb: the fourth character of L97.-. */
const LOWER_LIMB_ULCER_SITES: readonly [RegExp, string][] = [
  [/\b(?:heel|midfoot|mid-foot|calcaneal)\b/, '4'],
  [/\b(?:ankle|malleol\w*)\b/, '3'],
  [/\b(?:toes?|forefoot|metatarsal|hallux|plantar|dorsum of (?:the )?foot|foot)\b/, '5'],
  [/\bcalf\b/, '2'],
  [/\bthigh\b/, '1'],
  [/\b(?:shin|lower leg|pretibial)\b/, '8'],
];

/**
 * A non-pressure chronic ulcer of an "unspecified part of the lower leg" (L97.9-) or of "other
 * part of foot" (L97.5-) on a line that names the heel, the midfoot or the ankle: the site's own
 * code (L97.4- heel and midfoot), side and depth kept.
 */
function lowerLimbUlcerCode(code: string, line: string): string | undefined {
  const m = /^L97\.[59](\d{2})$/.exec(code);
  const site = m && LOWER_LIMB_ULCER_SITES.find(([re]) => re.test(line));
  if (!m || !site) return undefined;
  return `L97.${site[1]}${m[1]}`;
}

/** Joint words → the 5th character of idiopathic gout by site (M10.0-). */
const GOUT_SITES: readonly [RegExp, string][] = [
  [/\b(?:podagra|toes?|mtp|metatarsophalangeal|foot|feet|ankles?|midfoot)\b/, '7'],
  [/\bknees?\b/, '6'],
  [/\bhips?\b/, '5'],
  [/\b(?:hands?|fingers?|mcp|pip|dip)\b/, '4'],
  [/\bwrists?\b/, '3'],
  [/\belbows?\b/, '2'],
  [/\bshoulders?\b/, '1'],
];

/**
 * Gout of no stated kind, on a line that names the joint ("acute gout flare R 1st MTP
 * (podagra)"): "Gout, gouty (acute) (attack) (flare) - see also Gout, idiopathic" by site and side
 * (M10.07-); the side as documentedSide reads the line, else unspecified (9).
 */
function goutCode(code: string, line: string, rawLine: string): string | undefined {
  // "Gout, in (due to) renal impairment" by site (M10.3-) wants the renal impairment written:
  // the Index file lost those words, and a "gout, left knee" would otherwise land there.
  const renalWithoutCause = /^M10\.3/.test(code) && !/\b(?:renal|kidney|ckd|esrd)\b/.test(line);
  if (code !== 'M10.9' && !renalWithoutCause) return undefined;
  const site = GOUT_SITES.find(([re]) => re.test(line));
  if (!site) return undefined;
  const documented = documentedSide(rawLine);
  const side = documented === 'right' ? '1' : documented === 'left' ? '2' : '9';
  return `M10.0${site[1]}${side}`;
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
        upperLimbDvtCode(s.code, line) ??
        lowerLimbUlcerCode(s.code, line) ??
        goutCode(s.code, line, lineAround(doc.text, e)) ??
        lungLobeCode(s.code, sentenceAround(doc, e).toLowerCase());
      if (!code || code === s.code || !onto.isBillable(code)) continue;
      recode(onto, s, code, `The site the note names: ${code}.`);
      break;
    }
  }
}
