/**
 * Reportable selection, step 1: which candidates the documentation supports as the patient's
 * conditions for this encounter, decided the way a coder reads a note.
 *
 * - Where a coder reads: in a note with a diagnostic statement (assessment, impression,
 *   diagnoses, problem list), signs and symptoms count only where the provider lists them as
 *   a diagnosis there; review of systems, examination, results, medication and instruction
 *   sections never make a code on their own (Guidelines IV.D, III.B: abnormal findings are
 *   not coded unless the provider documents their significance).
 * - What counts as documented: a term of the classification written out (contiguous, every
 *   content word of the evidence belongs to the term). The learned ranker may vouch for a
 *   looser match; it never vetoes a written-out term.
 * - One mention, one code: when several codes come from the very same words, the Index's
 *   entry (the coder's locator) wins over a title or a learned phrase, then the ranker.
 */
import { foldTokens } from '../ontology/fold-text.js';
import type { SectionCategory } from '../text/section-headers.js';
import type { CodeSuggestion, EvidenceSpan } from './coding-types.js';
import {
  codeIn,
  lineAround,
  sectionAt,
  sentenceAround,
  sentenceIndexAt,
  type RuleDocument,
} from './rule-text.js';
import { matchKey } from './match-key.js';
import { DOCUMENTED_FILLER } from '../text/function-words.js';

/** One candidate as the selection sees it. */
export interface SelectionCandidate {
  suggestion: CodeSuggestion;
  /** Ranker probability; undefined when no ranker ran. */
  probability?: number;
  sources: readonly string[];
  density: number;
  requiredWords: number;
}

/** Sections where the provider states diagnoses. */
const DIAGNOSTIC: ReadonlySet<SectionCategory> = new Set<SectionCategory>([
  'assessment_and_plan',
  'diagnoses',
  'discharge_diagnoses',
  'problem_list',
]);

/** Sections a coder does not code from: findings, results, lists of drugs, instructions. */
const NOT_CODED_FROM: ReadonlySet<SectionCategory> = new Set<SectionCategory>([
  'review_of_systems',
  'physical_exam',
  'labs_and_studies',
  'imaging',
  'medications',
  'allergies',
  'patient_instructions',
  'signature',
]);

/** A unit of a dose or a rate ("mL/h", "mg/dL", "L/min"): never a condition ("H disease"). */
const UNIT =
  /^(?:m?l|d?l|c?c|mc?g|g|kg|m?eq|mmol|i?u|units?|gtts?|mg)\s*\/\s*(?:h|hr|hrs|min|d|day|kg|dl|l|ml|m2)$/i;

/** Evidence text that is only an assertion cue, never a condition. */
const CUE_ONLY = /^(?:h\/o|s\/p|r\/o|c\/o|hx|pmh|fhx?|\?)$/i;

/** A side letter or a vertebral level ("L", "L5", "S1"): where, not what. */
const SIDE_OR_LEVEL = /^(?:[a-z]|[ctls]\d{1,2})$/;

/** Distinct content words: "aorta, aortic" or "vertebra, vertebral" is one word written twice. */
function contentWords(text: string): number {
  return contentKeys(text).length;
}

function contentKeys(text: string): string[] {
  const keys = new Set<string>();
  // A parenthesis elaborates ("multiple sites (hands, wrists, R knee)"); it adds no term words.
  for (const w of foldTokens(text.replace(/\([^()]*\)/g, ' ')))
    if (!DOCUMENTED_FILLER.has(w) && !SIDE_OR_LEVEL.test(w)) keys.add(matchKey(w));
  return [...keys];
}

/**
 * True when the note writes a classification term out: contiguous, every content word of one
 * evidence span belongs to the term (or fewer words than the term has: an abbreviation).
 */
/** What joins two phrases, not the words of one: punctuation or a linking word. */
const SCATTERED = /[,;:/]|\b(?:with|without|and|or|to|from|after|before|for|due)\b/i;

export function writesTermOut(text: string, c: SelectionCandidate): boolean {
  const s = c.suggestion;
  if (!s.billable || !c.requiredWords) return false;
  // A scattered Neoplasm-table match is no written-out term; "carcinoma of the lung" is one,
  // "cancer, left, with bone [mets]" is not.
  if (
    c.density < 0.99 &&
    c.sources.every((x) => x === 'neoplasm') &&
    s.evidence.some((e) => SCATTERED.test(e.text) || contentWords(e.text) > c.requiredWords)
  )
    return false;
  if (c.sources.length && c.sources.every((x) => x === 'learned')) return false;
  // "Other specified …" titles hide their specificity in stop words.
  const otherTitle = /^other\b|\bother specified\b/i.test(s.title) && !saysOther(text, s);
  if (otherTitle && c.sources.every((x) => x === 'title' || x === 'inclusion' || x === 'learned'))
    return false;
  if (s.evidence.every((e) => CUE_ONLY.test(e.text.trim()) || UNIT.test(e.text.trim())))
    return false;
  // A lone letter ("30 h") is never a written-out term.
  const worded = s.evidence.filter((e) => e.text.replace(/[^A-Za-z]/g, '').length >= 2);
  // Every content word of the evidence is a word of the code's title: written out, even where
  // the Index reached it by fewer words ("Strain of muscles of posterior neck", S16.1).
  let titleKeys: Set<string> | undefined;
  const inTitle = (k: string): boolean =>
    (titleKeys ??= new Set(foldTokens(s.title).map((w) => matchKey(w)))).has(k);
  return worded.some(
    (e) => contentWords(e.text) <= c.requiredWords || contentKeys(e.text).every(inTitle),
  );
}

/**
 * A one-word term stands as its own phrase ("Hallucinosis.", "HLD, GERD", "Cough x 2 weeks"),
 * not as a word inside another phrase ("stress test", "h" for hours).
 */
function standsAlone(text: string, e: EvidenceSpan): boolean {
  if (e.text.replace(/[^A-Za-z]/g, '').length < 3) return false;
  const before = /([A-Za-z]+)[ \t]+$/.exec(text.slice(Math.max(0, e.start - 20), e.start));
  const after = /^[ \t]+([A-Za-z]+)/.exec(text.slice(e.end, e.end + 20));
  const joins = (w: string | undefined): boolean =>
    w === undefined ||
    /^(?:x|and|or|with|w|without|on|in|of|due|to|from|since|for|status|s|h|hx|history|known|chronic|acute|stable|controlled|uncontrolled|mild|moderate|severe|new|recurrent|likely|possible|probable)$/i.test(
      w,
    );
  return joins(before?.[1]) || joins(after?.[1]);
}

/** Written out, and a one-word term stands alone. */
function documentsCondition(doc: RuleDocument, c: SelectionCandidate): boolean {
  if (!writesTermOut(doc.text, c)) return false;
  if (!isOneWord(c)) return true;
  if (catchAllAlone(doc.text, c)) return false;
  return c.suggestion.evidence.some((e) => standsAlone(doc.text, e));
}

function isOneWord(c: SelectionCandidate): boolean {
  return c.requiredWords <= 1 && !c.sources.includes('abbreviation');
}

/** Titles that only name a chapter-level catch-all ("Unspecified infectious disease", "Disorder of bone"). */
const CATCH_ALL =
  /^unspecified (?:\w+ )?(?:diseases?|disorders?|conditions?|illness)\b|\b(?:disorders?|diseases?) of\b|^other specified\b|\bnot elsewhere classified\b|^persons encountering|^counseling\b|^central pain|^illness, unspecified/i;

/** Titles that name no condition at all: a lone word never stands for them. */
const NO_CONDITION =
  /^unspecified (?:\w+ )?(?:diseases?|disorders?|conditions?|illness)\b|^persons encountering|^counseling\b|^central pain|^illness, unspecified/i;

/**
 * A lone word read as a catch-all code. The Index's own one-word entries ("Tenesmus" R19.8,
 * "Hemopericardium" I31.2, "Enteropathy" K63.9) name their condition even where the Tabular
 * files it under "other specified" or "not elsewhere classified", when written as a phrase of
 * their own.
 */
function catchAllAlone(text: string, c: SelectionCandidate): boolean {
  const title = c.suggestion.title;
  if (!CATCH_ALL.test(title)) return false;
  return (
    !c.sources.includes('index') ||
    NO_CONDITION.test(title) ||
    !c.suggestion.evidence.some((e) => standsAlone(text, e))
  );
}

/**
 * Outside the diagnostic statement of a note that has one, a lone word is a diagnosis only when
 * it stands as its own phrase, the ranker vouches for it, and its code is more than a catch-all.
 */
function strongOutsideStatement(
  doc: RuleDocument,
  c: SelectionCandidate,
  vouched: boolean,
): boolean {
  if (!isOneWord(c)) return true;
  if (!vouched || CATCH_ALL.test(c.suggestion.title)) return false;
  return c.suggestion.evidence.some((e) => standsAlone(doc.text, e));
}

/** Some evidence of the suggestion lies in the note's diagnostic statement. */
export function inDiagnosticStatement(doc: RuleDocument, s: CodeSuggestion): boolean {
  return s.evidence.some((e) => DIAGNOSTIC.has(sectionAt(doc, e.start) as SectionCategory));
}

/** True when the note has a diagnostic statement (assessment, diagnoses, problem list). */
export function hasDiagnosticStatement(doc: RuleDocument): boolean {
  return doc.sections.some((s) => DIAGNOSTIC.has(s.category));
}

/**
 * Codes for the reason of the encounter itself, reported only where the note says the encounter
 * is that: Z09 is the follow-up examination after completed treatment, not a plan to follow up.
 */
const ENCOUNTER_REASONS: Readonly<Record<string, RegExp>> = {
  Z09: /\bcomplet(?:ed|ion of) (?:\w+ )?(?:treatment|therapy|course|chemo\w*|radiation|antibiotics)\b|\bafter (?:treatment|surgery|chemotherapy|radiation)\b|\bsurveillance\b|\btreatment (?:is |was )?(?:finished|complete)\b/i,
};

/** A time still to come ("staple removal in 7-10 days", "next week"): a plan, not this visit. */
const LATER =
  /\bin (?:\d+(?:\s*-\s*\d+)?|a|one|two) (?:days?|weeks?|wks?|months?)\b|\bnext (?:week|visit|month)\b/i;

function encounterIsDocumented(doc: RuleDocument, s: CodeSuggestion): boolean {
  if (
    /^Encounter for\b/i.test(s.title) &&
    s.evidence.every((e) => LATER.test(sentenceAround(doc, e)))
  )
    return false;
  // A plan names the next encounter ("Wound check 48 h w/ PCP"), not this one's reason.
  if (/^Encounter for\b/i.test(s.title) && s.evidence.every((e) => inPlan(doc, e.start)))
    return false;
  // A problem list lists the patient's problems, not what this encounter was for.
  if (
    /^Encounter for\b/i.test(s.title) &&
    s.evidence.every((e) => sectionAt(doc, e.start) === 'problem_list')
  )
    return false;
  const cue = ENCOUNTER_REASONS[s.code];
  if (!cue) return true;
  return s.evidence.some((e) => cue.test(doc.text.slice(Math.max(0, e.start - 80), e.end + 80)));
}

/** Diseases that notes name almost only for their vaccine or prophylaxis (tetanus, rabies). */
const VACCINE_PREVENTABLE = /^A3[3-7]|^A8[02]|^B0[56]|^B26|^R29\.0/;
const VACCINE_WORDS =
  /\b(?:vaccin\w*|immuniz\w*|tdap|td|dtap|booster|pep|prophyla\w*|immune globulin|rig|tig|shots?|doses?|up to date|utd)\b/i;

/** "Rabies PEP not indicated", "Tetanus: >10 y -> Tdap given": the vaccine, not the disease. */
function aboutTheVaccine(doc: RuleDocument, s: CodeSuggestion): boolean {
  if (!VACCINE_PREVENTABLE.test(s.code)) return false;
  return s.evidence.every((e) => {
    const k = sentenceIndexAt(doc, e.start);
    const sent = k < 0 ? undefined : doc.sentences[k];
    const text = sent ? doc.text.slice(sent.start, sent.end) : e.text;
    return (
      VACCINE_WORDS.test(text) ||
      /\blast\s*$/i.test(doc.text.slice(Math.max(0, e.start - 8), e.start))
    );
  });
}

/** Nouns after a condition's name that make it the name of something else ("rabies vaccine", "stress test"). */
const NOT_THE_CONDITION_AFTER =
  /^[\s-]*(?:vaccines?|vaccinations?|shots?|boosters?|immunizations?|immune globulin|immune\b|non-?immune|ig\b|prophylaxis|ppx|pep|prevention|safety|wait ?list(?:ed)?|candidacy|evaluation|eval\b|work-?up|referral|screen(?:ing)?|tests?|testing|titers?|panel|swab|pcr|antigen|precautions|protocol|risk|education|counseling|clinic|service|team|consult(?:ation)?s?|medicine)\b/i;

/** The mention names a vaccine, a test, a screening or a service, not the patient's condition. */
function namesSomethingElse(text: string, e: EvidenceSpan): boolean {
  return (
    NOT_THE_CONDITION_AFTER.test(text.slice(e.end, e.end + 24)) ||
    NOT_THE_CONDITION_BEFORE.test(text.slice(Math.max(0, e.start - 50), e.start))
  );
}

/** A disease named in a list of vaccines, titers or screenings ("Vaccines today: MMR, varicella, Hep A"). */
const NOT_THE_CONDITION_BEFORE =
  /\b(?:vaccines?|vaccinations?|immunizations?|vaccinated (?:for|against)|immune (?:to)?|titers?|screen(?:ed|ing)? for|tested for|exposed to|exposure to|anticipatory guidance|counsel(?:ed|ing) (?:on|about|re)|education (?:on|about))\b[^.;\n]{0,40}$/i;

/** A plan's instructions name symptoms to watch for, not the patient's symptoms ("prn fever", "return for chest pain"). */
const INSTRUCTION_BEFORE =
  /\b(?:prn|as needed for|return (?:for|if)|call (?:for|if)|monitor(?:ing)? for|watch for|precautions?(?: for)?|seek care (?:for|if)|if (?:any|new|worsening))\b[^.;:\n]*$/i;

/** The section holding `pos` is headed as a plan or instructions ("PLAN:", "Disposition:"). */
function inPlan(doc: RuleDocument, pos: number): boolean {
  let heading = '';
  for (const sec of doc.sections)
    if (pos >= sec.start && pos < Math.max(sec.end, sec.start + 1))
      heading = doc.text.slice(sec.start, sec.start + 16);
  return /^\s*(?:plan|disposition|instructions|return precautions|discharge instructions)\b/i.test(
    heading,
  );
}

/** Whether an evidence span sits where a coder would take this kind of code from. */
function codedFrom(
  doc: RuleDocument,
  code: string,
  e: EvidenceSpan,
  diagnosticNote: boolean,
): boolean {
  const section = sectionAt(doc, e.start);
  if (section && NOT_CODED_FROM.has(section)) return false;
  if (
    codeIn(code, /^R/) &&
    (inPlan(doc, e.start) ||
      INSTRUCTION_BEFORE.test(doc.text.slice(Math.max(0, e.start - 60), e.start)))
  )
    return false;
  // The chief complaint is the patient's words for why they came; the assessment answers it.
  if (diagnosticNote && section === 'chief_complaint') return false;
  if (!diagnosticNote || !codeIn(code, /^R/)) return true;
  return section !== undefined && DIAGNOSTIC.has(section);
}

/** The candidate's evidence restricted to where a coder reads; false when none is left. */
function keepCodedEvidence(
  doc: RuleDocument,
  c: SelectionCandidate,
  diagnosticNote: boolean,
): boolean {
  const s = c.suggestion;
  const kept = s.evidence.filter((e) => codedFrom(doc, s.code, e, diagnosticNote));
  if (!kept.length) return false;
  s.evidence = kept;
  return true;
}

const SOURCE_RANK: Record<string, number> = {
  index: 5,
  abbreviation: 4,
  neoplasm: 4,
  title: 3,
  inclusion: 2,
  learned: 1,
};

/** The note says "other" (or "other specified") where the mention starts, or within it. */
function saysOther(text: string, s: CodeSuggestion): boolean {
  return s.evidence.some(
    (e) =>
      /\bother\b/i.test(e.text) ||
      /\bother(?: specified)?\s*$/i.test(text.slice(Math.max(0, e.start - 18), e.start)),
  );
}

/** How well a title's "other" / "unspecified" agrees with the words of the note. */
function titleAgreement(text: string, s: CodeSuggestion): number {
  const other = /^other\b|\bother specified\b/i.test(s.title);
  if (other) return saysOther(text, s) ? 2 : -1;
  return /\bunspecified\b/i.test(s.title) && saysOther(text, s) ? -1 : 0;
}

/** Written-out terms first, then the Index before titles before learned phrases, then the ranker. */
function strength(
  text: string,
  c: SelectionCandidate,
  written: ReadonlySet<SelectionCandidate>,
): number {
  const source = Math.max(0, ...c.sources.map((x) => SOURCE_RANK[x] ?? 0));
  const agreement = titleAgreement(text, c.suggestion) - (contradicts(c.suggestion) ? 20 : 0);
  return (written.has(c) ? 10 : 0) + source + (c.probability ?? 0) + agreement;
}

/**
 * A "without X" title for evidence that says "with X" (I11.9 for "hypertension with heart
 * failure"), or a "with X" title for evidence that says "without X" or "no X".
 */
function contradicts(s: CodeSuggestion): boolean {
  const without = /\bwithout (?:other )?(\w+)/i.exec(s.title)?.[1];
  const withWord = /\bwith (?:other |unspecified )?(?!out)(\w+)/i.exec(s.title)?.[1];
  const says = (cue: string, word: string): boolean =>
    s.evidence.some((e) =>
      new RegExp(`\\b(?:${cue})\\s+(?:\\w+\\s+){0,2}${word}`, 'i').test(e.text),
    );
  if (
    (without !== undefined && says('with|w/', without)) ||
    (withWord !== undefined && says('without|w/o|no', withWord))
  )
    return true;
  return disagreesOnNot(s) || acuteOfSomethingElse(s);
}

/**
 * An "Acute X" title where the note's "acute" qualifies something else ("Acute upper GI bleed
 * from gastric ulcer" says nothing of an acute ulcer): none of the three words after "acute"
 * is a word of X.
 */
function acuteOfSomethingElse(s: CodeSuggestion): boolean {
  const rest = /^(?:acute|subacute)\s+(.+)$/i.exec(s.title)?.[1];
  if (!rest) return false;
  const stem = (w: string): string => w.toLowerCase().slice(0, 5);
  const titleWords = new Set(
    rest
      .split(/[^A-Za-z]+/)
      .filter((w) => w.length >= 4)
      .map(stem),
  );
  const hasTitleWord = (text: string): boolean =>
    text.split(/[^A-Za-z]+/).some((w) => titleWords.has(stem(w)));
  return s.evidence.some((e) => {
    const after = /\b(?:sub)?acute\s+((?:[\w/-]+[\s,]+){0,2}[\w/-]+)/i.exec(e.text)?.[1];
    // The title written out elsewhere in the words ("acute MI" abbreviates it: no judgement).
    return after !== undefined && !hasTitleWord(after) && hasTitleWord(e.text);
  });
}

/** "not intractable" in the title but "intractable" alone in the note, or the other way round. */
function disagreesOnNot(s: CodeSuggestion): boolean {
  const word =
    /\bnot (\w+)/i.exec(s.title)?.[1] ??
    /\b(intractable|displaced|pregnant|elsewhere)\b/i.exec(s.title)?.[1];
  if (!word) return false;
  const titleNot = new RegExp(`\\bnot ${word}\\b`, 'i').test(s.title);
  const text = s.evidence.map((e) => e.text).join(' ');
  if (!new RegExp(`\\b${word}\\b`, 'i').test(text)) return false;
  return titleNot !== new RegExp(`\\b(?:not|non-?)\\s*${word}\\b`, 'i').test(text);
}

function spanKey(s: CodeSuggestion): string {
  return s.evidence.map((e) => `${e.start}:${e.end}`).join(',');
}

/** One code per set of words: the strongest candidate of each identical evidence set. */
function oneCodePerMention(
  text: string,
  list: SelectionCandidate[],
  written: ReadonlySet<SelectionCandidate>,
): SelectionCandidate[] {
  const best = new Map<string, SelectionCandidate>();
  for (const c of list) {
    const key = spanKey(c.suggestion);
    const prev = best.get(key);
    if (!prev || strength(text, c, written) > strength(text, prev, written)) best.set(key, c);
  }
  const winners = new Set(best.values());
  const kept = list.filter((c) => winners.has(c));
  // A catch-all ("Disorder of kidney and ureter, unspecified") on words a specific code covers;
  // not one that says more ("urinary incontinence, reflex" N39.498 beside R32).
  const overlaps = (a: CodeSuggestion, b: CodeSuggestion): boolean =>
    a.evidence.every((e) =>
      b.evidence.some(
        (f) => e.start < f.end && f.start < e.end && e.end - e.start <= f.end - f.start,
      ),
    );
  return kept.filter(
    (c) =>
      !CATCH_ALL.test(c.suggestion.title) ||
      !kept.some(
        (o) =>
          o !== c && !CATCH_ALL.test(o.suggestion.title) && overlaps(c.suggestion, o.suggestion),
      ),
  );
}

/** Step 1 of reportable selection: the candidates the documentation supports. */
export function selectDocumented(
  doc: RuleDocument,
  candidates: readonly SelectionCandidate[],
  threshold: number,
): { kept: SelectionCandidate[]; written: Set<SelectionCandidate> } {
  const diagnosticNote = hasDiagnosticStatement(doc);
  const written = new Set<SelectionCandidate>();
  const kept: SelectionCandidate[] = [];
  for (const c of candidates) {
    if (!namesTheCondition(doc, c)) continue;
    const writes = documentsCondition(doc, c);
    if (writes) written.add(c);
    const vouched = c.probability === undefined || c.probability >= threshold;
    if (!vouched && !writes) continue;
    if (c.suggestion.assertion === 'present' && !keepCodedEvidence(doc, c, diagnosticNote))
      continue;
    if (
      diagnosticNote &&
      !inDiagnosticStatement(doc, c.suggestion) &&
      !strongOutsideStatement(doc, c, vouched)
    )
      continue;
    kept.push(c);
  }
  return { kept: preferTheStatement(doc, oneCodePerMention(doc.text, kept, written)), written };
}

/**
 * Whether the candidate's words name its code's condition at all: not a lone catch-all word,
 * not a vaccine or test named after a disease, not an encounter reason the note does not state,
 * and at least one evidence span that does not contradict the title ("w/o aura" for a "with
 * aura" code); contradicting spans are dropped from the evidence.
 */
function namesTheCondition(doc: RuleDocument, c: SelectionCandidate): boolean {
  const s = c.suggestion;
  if (
    isOneWord(c) &&
    (catchAllAlone(doc.text, c) ||
      s.evidence.every((e) => NOT_A_CONDITION_ALONE.test(e.text.trim())))
  )
    return false;
  if (s.evidence.every((e) => notAWord(doc.text, e) || readsOtherwise(doc.text, s.code, e)))
    return false;
  if (s.code === 'L90.5' && s.evidence.some((e) => HEALED.test(lineAround(doc.text, e))))
    return false;
  if (
    s.code === 'Z92.82' &&
    !s.evidence.some((e) => THROMBOLYTIC_GIVEN.test(sentenceAround(doc, e)))
  )
    return false;
  if (!encounterIsDocumented(doc, s) || aboutTheVaccine(doc, s)) return false;
  if (s.evidence.every((e) => namesSomethingElse(doc.text, e))) return false;
  if (c.sources.every((x) => x === 'neoplasm') && s.evidence.every((e) => saysCause(doc.text, e)))
    return false;
  const agreeing = s.evidence.filter((e) => !contradicts({ ...s, evidence: [e] }));
  if (!agreeing.length) return false;
  s.evidence = agreeing;
  return true;
}

/**
 * A Neoplasm-table match that ends on "secondary to" or "2/2" reads a cause as a behaviour:
 * "AKI secondary to dehydration" is no secondary neoplasm of the kidney.
 */
function saysCause(text: string, e: EvidenceSpan): boolean {
  return (
    /\b2\/2$|^2\/2\b|\bsecondary to\b/i.test(e.text) ||
    (/\bsecondary$/i.test(e.text) && /^\s+to\b/i.test(text.slice(e.end, e.end + 6)))
  );
}

/**
 * Evidence that is no word of a diagnosis: a lone letter ("H&P", "30 h" read as "H disease"),
 * a unit ("mL/h"), or a word that names a condition only in capitals ("hearing aids" is no AIDS).
 */
function notAWord(text: string, e: EvidenceSpan): boolean {
  const t = e.text.trim();
  if (t.replace(/[^A-Za-z]/g, '').length <= 1 || UNIT.test(t)) return true;
  return CAPITALS_ONLY.has(t.toLowerCase()) && t !== t.toUpperCase();
}
const CAPITALS_ONLY = new Set(['aids']);

/** The evidence's words and what stands right around them. */
interface Wording {
  /** The evidence text, trimmed. */
  words: string;
  /** Up to 14 characters before it. */
  before: string;
  /** Up to 24 characters after it. */
  after: string;
}

/**
 * Words that name a disease in the Index and something else in a note, by the codes they would
 * wrongly give (dotless prefixes).
 */
const READS_OTHERWISE: readonly { code: RegExp; says: (w: Wording) => boolean }[] = [
  // "ST depressions" are an ECG finding, not a depressive disorder.
  { code: /^F3[23]/, says: (w) => /\bST[- ]?(?:segment\s*)?$/i.test(w.before.slice(-12)) },
  // "Hep B immune (vaccinated)": the immunity, not the disease.
  {
    code: /^[A-B]|^Z2[0-2]/,
    says: (w) => /^\s*(?:[a-e]\b\s*)?(?:immune|immunity|vaccinated|immunized)\b/i.test(w.after),
  },
  // "Wound care", "wound nurse", "wound vac": a service, not an open wound.
  {
    code: /^S|^T14/,
    says: (w) =>
      /^wounds?$/i.test(w.words) && /^\s*(?:care|nurse|clinic|team|vac|ostomy)\b/i.test(w.after),
  },
  // "GAS" is group A strep; "FIT" the stool test.
  { code: /^R14/, says: (w) => w.words === 'GAS' },
  { code: /^R56/, says: (w) => w.words === 'FIT' || /^\s*(?:kit|test)\b/i.test(w.after) },
  // "Great saphenous reflux" is a venous one.
  {
    code: /^K21/,
    says: (w) =>
      /\b(?:saphenous|venous|vein|valvular|vesicoureteral)\s*$/i.test(w.before.slice(-12)),
  },
  // Anaphylaxis in an allergy's parenthesis is what the allergy once did.
  { code: /^T78|^T886/, says: (w) => /\ballerg(?:y|ies|ic)\s*\(\s*$/i.test(w.before) },
  // "Using accessory muscles": a sign of respiratory distress, not a congenital muscle.
  { code: /^Q79/, says: (w) => /accessory muscles?/i.test(w.words) },
  // "Burning pain" is a sensation, not a burn.
  {
    code: /^T(?:2\d|3[0-2])/,
    says: (w) => /\bburning\b/i.test(w.words) && !/\bburn(?:s|ed)?\b|scald/i.test(w.words),
  },
];

function readsOtherwise(text: string, code: string, e: EvidenceSpan): boolean {
  const rules = READS_OTHERWISE.filter((r) => r.code.test(code));
  if (!rules.length) return false;
  const w: Wording = {
    words: e.text.trim(),
    before: text.slice(Math.max(0, e.start - 14), e.start),
    after: text.slice(e.end, e.end + 24),
  };
  return rules.some((r) => r.says(w));
}

/**
 * Z92.82 is a thrombolytic the patient was given elsewhere, not any sentence naming tPA
 * ("outside tPA window", "not a tPA candidate").
 */
const THROMBOLYTIC_GIVEN =
  /\b(?:given|received|administered|s\/p|status post)\b[^.;\n]{0,40}\b(?:r?tpa|alteplase|tenecteplase|tnk)\b|\b(?:r?tpa|alteplase|tenecteplase|tnk)\b[^.;\n]{0,40}\b(?:given|received|administered)\b/i;

/** A healed scar is the expected result of an operation, not a scar condition (L90.5). */
const HEALED = /\b(?:well[- ]?)?healed\b/i;

/** Words that name a body system, a function or a circumstance: alone, never a diagnosis. */
const NOT_A_CONDITION_ALONE =
  /^(?:old|endocrine|sleep|sleeps|sleeping|anesthesia|addiction|dependence|declined|declines|eating|feeding|feeds?|blood|bone|nasal|nose|skin|kidney|renal|liver|lungs?|pulmonary|pulm|heart|cardiac|brain|eyes?|ears?|joints?|muscles?|nerves?|stress|heat|cold|exposure|allergy|call|healing|heal|reading|freezing|pint|plus|benign|bleeding|calves|calf|infection|disease|illness|pain|encounter|counseling|counseled|screening|screens?|diuresis|diuresed|allergies|cardiorespiratory|decline|scale|alcohol|etoh|ischemic)$/i;

/** Categories where one patient legitimately has several codes at once. */
const MANY_PER_CATEGORY = /^E(?:0[89]|1[0-3])|^[OSTVWXYZ]|^C|^D[0-4]/;

/**
 * One code per condition: of two codes of one category, one stated in the assessment and the
 * other only in the history or narrative, the assessment's is the provider's diagnosis, unless
 * the assessment's is unspecified and the narrative's says what it is.
 */
function preferTheStatement(doc: RuleDocument, kept: SelectionCandidate[]): SelectionCandidate[] {
  if (!hasDiagnosticStatement(doc)) return kept;
  const stated = kept.filter((c) => inDiagnosticStatement(doc, c.suggestion));
  const sameCondition = (a: SelectionCandidate, b: SelectionCandidate): boolean =>
    a.suggestion.code.slice(0, 3) === b.suggestion.code.slice(0, 3) &&
    a.suggestion.assertion === b.suggestion.assertion;
  const narrative = kept.filter((c) => !stated.includes(c));
  return kept.filter((c) => {
    if (codeIn(c.suggestion.code, MANY_PER_CATEGORY)) return true;
    if (stated.includes(c))
      return !(isUnspecified(c) && narrative.some((o) => sameCondition(o, c) && !isUnspecified(o)));
    return !stated.some((o) => sameCondition(o, c) && !isUnspecified(o));
  });
}

/**
 * An "unspecified" code: where the statement says only "Emphysema" and the history says
 * "centrilobular emphysema", the coder takes the specificity the provider documented elsewhere.
 */
function isUnspecified(c: SelectionCandidate): boolean {
  return /\bunspecified\b/i.test(c.suggestion.title);
}
