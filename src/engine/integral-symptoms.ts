/**
 * Signs and symptoms integral to a confirmed diagnosis are not coded (Official Guidelines
 * I.B.4-5): "chest pain due to acute MI" is I21.x alone. Two tests: a curated map of the
 * symptoms routinely part of a disease, and a generic one (a symptom linked to a definitive
 * diagnosis in the same sentence by "due to", "secondary to", "from", "with"…).
 */
import type { CodeSuggestion } from './coding-types.js';
import { codeIn, sentencesOf, type RuleDocument } from './rule-text.js';

/** Symptom code pattern (dotless) → diagnoses (dotless pattern) that include it. */
const INTEGRAL: readonly [RegExp, RegExp][] = [
  [/^R07/, /^I2[0-5]|^I26|^J18|^K21|^I30/],
  [
    /^R50/,
    /^J0[9]|^J1[0-8]|^J2[0-2]|^A4[01]|^N10|^N390|^N30|^J440|^K35|^K81|^L03|^A49|^U07|^B34|^J06|^J02|^J03|^G0[0-4]|^K57|^R652/,
  ],
  [/^R05/, /^J0[9]|^J1[0-8]|^J2[0-2]|^J4[0-7]|^U07|^J06|^C34|^J84|^I50/],
  [/^R06/, /^I50|^J4[4-5]|^J1[2-8]|^I26|^J81|^J96|^J80|^I21|^J9[01]|^D6[0-4]|^D5/],
  [/^R09/, /^J96|^J44|^J1[2-8]|^I50|^I26/],
  [/^R10/, /^K3[5-7]|^K8[0-5]|^K57|^K29|^K25|^K26|^K52|^N20|^N10|^K56|^O00|^N83/],
  [/^R11/, /^K3[5-7]|^K85|^K29|^A0[89]|^K8[01]|^K56|^E1[013]1|^S060/],
  [/^R19[7]/, /^A0[0-9]|^K5[0-2]|^K58/],
  [/^R30|^R35|^R39/, /^N39|^N30|^N10|^N4[01]/],
  [/^R31/, /^N20|^N30|^N39|^C67/],
  [/^R51/, /^G4[34]|^I6[01]|^G0[0-4]|^S060/],
  [/^R42/, /^H81|^I6[0-6]|^S060/],
  [/^R60/, /^I50|^N04|^I87/],
  [/^R53/, /^D5|^D6[0-4]|^E03|^C/],
  [/^R73/, /^E0[89]|^E1[0-3]/],
  [/^R00/, /^I4[7-9]|^E05/],
  [/^R56/, /^G40/],
  [/^R52$|^R5[2]/, /^./],
  [/^R68/, /^./],
  // Guidelines I.C.6.b.1: G89 is not used when the underlying definitive diagnosis is known;
  // neoplasm related pain (G89.3) is coded whatever else is (I.C.6.b.5).
  [/^G89[0-24-9]/, /^./],
];

/**
 * Findings (not symptom codes) that a note's heart failure accounts for wherever they are
 * written: limb swelling, a pleural effusion, cardiomegaly (Coding Clinic: an effusion with heart
 * failure is coded only when treated specifically).
 */
const FINDINGS: readonly [RegExp, RegExp][] = [
  [/^M7989|^J9[14]8|^J90|^I517|^R609|^R600|^I878/, /^I50|^I11|^I13|^I42|^I255/],
  // Sinus pauses and runs of atrial tachycardia are the sick sinus (tachy-brady) syndrome's.
  [/^I455|^I4719|^I471|^R001|^R000/, /^I495/],
  // Redness, swelling and a soft-tissue finding are the cellulitis's or the abscess's.
  [/^L539|^R21|^M799|^M7989|^M796|^R224|^R600/, /^L0[0-8]/],
  // Joint pain or effusion is the osteoarthritis's, the sprain's or the fracture's; neck pain
  // the neck strain's; radiculopathy the disc disorder's that includes it (M51.1-).
  [/^M25[45]/, /^M1[5-9]|^S[4-9][23]/],
  [/^M542/, /^S1[0-6]/],
  [/^M541/, /^M511|^M501/],
  // Visual symptoms are the migraine's (aura) or the dementia's; bone or back pain the bone
  // metastasis's.
  [/^H53[19]/, /^G43|^F0[123]/],
  [/^M898|^M54[59]/, /^C795/],
  // Hirsutism, acne and irregular menses are the polycystic ovary syndrome's.
  [/^L680|^L70|^N91[345]/, /^E282/],
  // An unspecified neuropathy is the diabetic neuropathy the note codes (E1x.4-).
  [/^G629|^G64|^G609|^G589/, /^E(?:0[89]|1[0-3])4/],
  // A headache is the migraine's or the headache disorder's.
  [/^R51/, /^G43|^G44/],
  // Chest pain is the acute coronary syndrome's.
  [/^R07[1-9]/, /^I2[0-4]/],
  // Hematemesis, melena and GI or rectal bleeding are the bleeding lesion's that the note codes
  // "with hemorrhage" or "with rectal bleeding" (ulcer, IBD, diverticula, varices, angiodysplasia).
  [/^K92[012]|^K625/, /^K2[5-8][0246]|^K5[01]\d11|^K57\d[13]|^I85[01]1|^K5521|^K31811/],
  // Low back pain is the lumbar disc disorder's.
  [/^M545/, /^M51[0-9][67]/],
  // Nasal obstruction is the deviated septum's or the nasal polyps'.
  [/^J3489/, /^J342|^J33/],
  // Nightmares are the post-traumatic stress disorder's.
  [/^F515/, /^F431/],
  // The arterial occlusion or embolism of a stroke or an infarction is that stroke's or that
  // infarction's; diabetic polyneuropathy is coded in E1x.42, never G63 beside it.
  [/^I74/, /^I6[0-6]|^I2[1-5]/],
  [/^G63/, /^E(?:0[89]|1[0-3])4/],
  // Muscle wasting and cachexia are the malnutrition's.
  [/^M625|^R64/, /^E4[0-6]/],
  // Hyponatremia is the SIADH's; hypotension the septic shock's (R65.21).
  [/^E871/, /^E222/],
  [/^I95/, /^R6521/],
  // Pain, unspecified: beside a diagnosis the pain is that diagnosis's, or a site's.
  [/^R52$/, /^[A-QS-Y]/],
];

/**
 * Whether the curated map names `symptom` as routinely part of `diagnosis` (the catch-all rows
 * that let any diagnosis absorb a pain or a general symptom in its own sentence excluded).
 */
export function routinelyPartOf(symptom: string, diagnosis: string): boolean {
  const s = symptom.replace('.', '');
  const d = diagnosis.replace('.', '');
  return INTEGRAL.some(([sym, dx]) => dx.source !== '^.' && sym.test(s) && dx.test(d));
}

/**
 * The deficits an acute stroke leaves (aphasia, dysarthria, facial weakness, dysphagia, neglect,
 * ataxia) are coded beside it: no stroke routinely has any one of them (Coding Clinic).
 */
const STROKE_DEFICIT = /^R47|^R29810|^R131|^R414|^R270|^H5346|^R482/;

/** A link that only says what caused what ("due to", "2/2", "from"). */
const CAUSE_ONLY =
  /^(?:[,-]\s*)?(?:likely\s+)?(?:due to|secondary to|2\/2|caused by|because of|attributed to|as a result of|resulting from|from)$/i;

/** Words that tie a symptom to its cause in one sentence. */
const LINK =
  /\b(?:due to|secondary to|2\/2|from|with|caused by|because of|attributed to|related to|consistent with|c\/w|from|likely|in the setting of|as a result of|resulting from)\b/i;

/**
 * Splits the reportable codes into those kept and the symptoms a confirmed diagnosis in
 * `explainers` accounts for, each noted with the diagnosis that explains it.
 */
export function findIntegralSymptoms(
  doc: RuleDocument,
  codes: readonly CodeSuggestion[],
  explainers: readonly CodeSuggestion[],
): Map<CodeSuggestion, CodeSuggestion> {
  const out = new Map<CodeSuggestion, CodeSuggestion>();
  for (const s of codes) {
    // Severe sepsis and septic shock are coded beside their infection and organ dysfunction,
    // never absorbed by them (Guidelines I.C.1.d.1.b).
    if (codeIn(s.code, /^R652/)) continue;
    const dx = FINDINGS.filter(([f]) => codeIn(s.code, f))
      .map(([, by]) => explainers.find((d) => d !== s && codeIn(d.code, by)))
      .find((d) => d !== undefined);
    if (dx) {
      out.set(s, dx);
      continue;
    }
    if (!codeIn(s.code, /^R|^G89/) || s.code === 'G89.3') continue;
    const sSent = sentencesOf(doc, s);
    for (const d of explainers) {
      if (d === s || codeIn(d.code, /^R|^Z|^G89/)) continue;
      if (codeIn(s.code, STROKE_DEFICIT) && codeIn(d.code, /^I6[0-4]/)) continue;
      const shared = [...sentencesOf(doc, d)].some((k) => sSent.has(k) && k >= 0);
      if (!shared) continue;
      const dotless = s.code.replace('.', '');
      const curated = INTEGRAL.some(
        ([sym, dx]) => sym.test(dotless) && dx.test(d.code.replace('.', '')),
      );
      if (curated || linked(doc.text, s, d)) {
        out.set(s, d);
        break;
      }
    }
  }
  return out;
}

/** A linking phrase between the symptom and the diagnosis (either order), same sentence. */
function linked(text: string, s: CodeSuggestion, d: CodeSuggestion): boolean {
  for (const a of s.evidence) {
    for (const b of d.evidence) {
      const [from, to] =
        a.end <= b.start ? [a.end, b.start] : b.end <= a.start ? [b.end, a.start] : [0, 0];
      if (to <= from) continue;
      const between = text.slice(from, to);
      if (between.length > 80 || !LINK.test(between) || /[.;]/.test(between)) continue;
      // "hypokalemia due to diarrhea": the symptom after a causal link is the cause, not a part.
      if (b.end <= a.start && CAUSE_ONLY.test(between.trim())) continue;
      return true;
    }
  }
  return false;
}
