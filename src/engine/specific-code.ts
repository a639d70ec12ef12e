/**
 * The most specific code the note supports (Official Guidelines I.A.19, I.B.13): when the
 * engine completed a header with its unspecified child and the sentence of the evidence
 * documents laterality, acuity or a type, the child whose title says so is chosen instead;
 * the 7th character follows the sentence's own encounter and fracture words.
 */
import type { Ontology } from '../ontology/ontology.js';
import { foldTokens, toDotless, toDotted } from '../ontology/fold-text.js';
import type { CodeSuggestion } from './coding-types.js';
import { seventhCharacterOf } from './resolve-code.js';
import {
  addNote,
  recode,
  sentenceAround,
  sentenceIndexAt,
  type RuleDocument,
} from './rule-text.js';
import { matchKey } from './match-key.js';
import { TITLE_COMPARISON_NOISE } from '../text/function-words.js';

type Attribute =
  | 'right'
  | 'left'
  | 'bilateral'
  | 'acute'
  | 'chronic'
  | 'acute-on-chronic'
  | 'mild'
  | 'moderate'
  | 'severe';

const SEVERITIES = ['mild', 'moderate', 'severe'] as const;
/** Each severity as a word of its own, and as a word no "without"/"no" denies. */
const SEVERITY_WORD = SEVERITIES.map((w) => new RegExp(`\\b${w}\\b`, 'i'));
const SEVERITY_STATED = SEVERITIES.map(
  (w) => new RegExp(`(?<!\\b(?:without|w/o|no|not|non)[\\s-]+)\\b${w}\\b`),
);

/** The severities a text names ("mild or moderate severity" names two). */
function severitiesIn(text: string, words: readonly RegExp[] = SEVERITY_WORD): Attribute[] {
  return SEVERITIES.filter((_, k) => words[k]!.test(text));
}

const ATTRIBUTE_WORDS = new Set([
  'mild',
  'moderate',
  'severe',
  'severity',
  'right',
  'left',
  'bilateral',
  'acute',
  'chronic',
  'on',
  'unspecified',
  'side',
  'of',
]);

/** Words a more specific title may add without the note saying them: the classification's defaults. */
const DEFAULT_KEYS = new Set(
  ['unilateral', 'primary', 'closed', 'displaced', 'fracture', 'initial', 'routine', 'healing'].map(
    matchKey,
  ),
);

/**
 * The side a piece of text documents: "bilateral", "both knees", OU; "right"/"left", "rt."/"lt.",
 * a capital R or L before a word or an ordinal ("R 1st metatarsal"), sided abbreviations ("RUL",
 * "LLE", OD/OS). Undefined when it names none, or both right and left.
 */
export function documentedSide(text: string): 'right' | 'left' | 'bilateral' | undefined {
  const t = text.toLowerCase();
  if (
    /\bbilateral(?:ly)?\b|\bbilat\b|\bb\/l\b|\bboth (?:sides|knees|hips|eyes|ears|legs|lungs)\b/.test(
      t,
    ) ||
    // Eyes: OU both, OD right, OS left (written in capitals).
    /\bOU\b/.test(text)
  )
    return 'bilateral';
  // "L femoral neck", "R lower leg": a capital L or R before a word is a side in clinical notes.
  const right =
    /\bright\b|\brt\.?\s/.test(t) ||
    /(?:^|[\s(])R\s+(?:[A-Za-z]{3}|[1-5](?:st|nd|rd|th)\b)/.test(text) ||
    /\bR(?:UL|ML|LL|LE|UE|LQ|UQ)\b|\bOD\b/.test(text);
  const left =
    /\bleft\b|\blt\.?\s/.test(t) ||
    /(?:^|[\s(])L\s+(?:[A-Za-z]{3}|[1-5](?:st|nd|rd|th)\b)/.test(text) ||
    /\bL(?:UL|LL|LE|UE|LQ|UQ)\b|\bOS\b/.test(text);
  return right === left ? undefined : right ? 'right' : 'left';
}

/** The attributes documented in a piece of text. */
export function documentedAttributes(text: string): Set<Attribute> {
  const t = text.toLowerCase();
  const out = new Set<Attribute>();
  const side = documentedSide(text);
  if (side) out.add(side);
  if (/\bacute[- ]on[- ]chronic\b|\ba\/c\b/.test(t)) out.add('acute-on-chronic');
  else {
    if (/\bacute\b/.test(t)) out.add('acute');
    if (/\bchronic\b/.test(t)) out.add('chronic');
  }
  // One severity, written as a word of its own ("MDD, recurrent, severe"); "mild to moderate"
  // names none.
  // "pre-eclampsia without severe features" is no severe one.
  const severities = severitiesIn(t, SEVERITY_STATED);
  if (severities.length === 1) out.add(severities[0]!);
  return out;
}

const UNSPECIFIED_KEY = matchKey('unspecified');

function isSeverity(a: Attribute): boolean {
  return (SEVERITIES as readonly string[]).includes(a);
}

/**
 * A child title says every side or acuity the note documents; a severity it says only where the
 * Tabular divides by severity (never another severity), so that "R ankle effusion, mild" still
 * finds the right ankle.
 */
function meetsAttributes(title: string, missing: readonly Attribute[]): boolean {
  const core = missing.filter((a) => !isSeverity(a));
  if (!core.every((a) => titleHas(title, a))) return false;
  const severity = missing.find(isSeverity);
  if (!severity) return true;
  if (severitiesIn(title).length && !titleHas(title, severity)) return false;
  return core.length > 0 || titleHas(title, severity);
}

function titleHas(title: string, a: Attribute): boolean {
  const t = title.toLowerCase();
  switch (a) {
    case 'right':
      return /\bright\b/.test(t);
    case 'left':
      return /\bleft\b/.test(t);
    case 'bilateral':
      return /\bbilateral\b/.test(t);
    case 'acute':
      return /\bacute\b/.test(t) && !/\bchronic\b/.test(t);
    case 'chronic':
      return /\bchronic\b/.test(t) && !/\bacute\b/.test(t);
    case 'acute-on-chronic':
      return /\bacute on chronic\b/.test(t);
    default:
      // "mild or moderate severity" names neither.
      return severitiesIn(t).join() === a;
  }
}

/** Body regions that the Tabular names as limbs ("cellulitis of right lower limb" for a leg). */
const LOWER_LIMB = /\b(?:legs?|thighs?|calf|calves|shins?|knees?|ankles?|feet|foot|hips?)\b/i;
const UPPER_LIMB = /\b(?:arms?|forearms?|elbows?|wrists?|hands?|shoulders?)\b/i;

function keys(text: string): Set<string> {
  const out = new Set(
    foldTokens(text)
      .filter((w) => !TITLE_COMPARISON_NOISE.has(w) && !ATTRIBUTE_WORDS.has(w))
      .map(matchKey),
  );
  const limb = LOWER_LIMB.test(text) ? 'lower' : UPPER_LIMB.test(text) ? 'upper' : undefined;
  if (limb) for (const w of ['limb', limb]) out.add(matchKey(w));
  return out;
}

/** Whether the code's 7th character names a side or an eye rather than an encounter. */
function sidedSeventh(onto: Ontology, dotless: string): boolean {
  const def = seventhCharacterOf(onto, dotless.slice(0, 6));
  return (
    def !== undefined &&
    Object.values(def.chars).some((l) => /\b(?:right|left|bilateral)\b/i.test(l))
  );
}

/**
 * Replaces unspecified codes by the specific child the evidence sentence supports, in place;
 * leaves a note where laterality is documented but no child says it.
 */
export function refineSpecificity(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): void {
  for (const s of codes) {
    const title = onto.title(s.code) ?? s.title;
    if (!/\bunspecified\b/i.test(title) && !s.notes.some((n) => n.rule === 'unspecified')) continue;
    const sentence = evidenceSentences(doc, s);
    const attrs = documentedAttributes(evidenceWindow(doc, s));
    if (!attrs.size) continue;
    const laterality = [...attrs].some((a) => a === 'right' || a === 'left' || a === 'bilateral');
    // Attributes the current title does not say yet.
    const missing = [...attrs].filter((a) => !titleHas(title, a));
    if (!missing.length) continue;
    // A side documented by an abbreviation or a phrase ("OU", "both eyes") supports the word.
    const sentenceKeys = keys(`${sentence} ${[...attrs].join(' ')}`);
    const origKeys = keys(title);
    const dotless = toDotless(s.code);
    const seventh =
      dotless.length === 7 && seventhCharacterOf(onto, dotless.slice(0, 6))
        ? dotless[6]
        : undefined;
    // A 7th character that says the eye or side (E11.35-: right, left, bilateral) is what moves.
    const keepsSeventh = seventh !== undefined && !sidedSeventh(onto, dotless);
    let best: { code: string; score: number } | undefined;
    for (
      let up = onto.parent(s.code), depth = 0;
      up && depth < 2 && !best;
      up = onto.parent(up), depth++
    ) {
      for (const cand of onto.billableDescendants(up)) {
        const cd = toDotless(cand);
        if (cd === dotless) continue;
        if (
          keepsSeventh
            ? cd.length !== 7 || cd[6] !== seventh
            : seventh === undefined &&
              cd.length === 7 &&
              seventhCharacterOf(onto, cd.slice(0, 6)) !== undefined
        )
          continue;
        const ct = onto.title(cand) ?? '';
        if (!meetsAttributes(ct, missing)) continue;
        // Attributes the note does not document must not appear either (no "left" for "right",
        // no "acute right heart failure" for an acute heart failure of no stated side).
        const others: Attribute[] = ['right', 'left', 'bilateral'];
        if (others.some((a) => !attrs.has(a) && titleHas(ct, a))) continue;
        // "without psychotic features" is what a severity says when nothing more is written.
        const ck = keys(ct.replace(/\bwithout psychotic (?:features|symptoms)\b/i, ''));
        let extra = 0;
        let supported = 0;
        for (const k of ck) {
          if (origKeys.has(k)) continue;
          if (sentenceKeys.has(k)) supported++;
          else if (!DEFAULT_KEYS.has(k)) extra++;
        }
        let lost = 0;
        // "unspecified eye" → "bilateral": the word that goes is what the note specifies.
        for (const k of origKeys) if (!ck.has(k) && k !== UNSPECIFIED_KEY) lost++;
        const unspecifiedLeft = (ct.match(/\bunspecified\b/gi) ?? []).length;
        const severe = missing.some((a) => isSeverity(a) && titleHas(ct, a)) ? 3 : 0;
        const score = supported * 3 + severe - extra * 2 - lost * 2 - unspecifiedLeft * 0.5;
        if (extra > 0 || lost > 1) continue;
        if (!best || score > best.score) best = { code: toDotted(cd), score };
      }
    }
    if (best) {
      const from = s.code;
      s.code = best.code;
      s.title = onto.title(best.code) ?? s.title;
      s.billable = onto.isBillable(best.code);
      s.notes = s.notes.filter((n) => n.rule !== 'unspecified');
      addNote(s, {
        rule: 'specificity',
        message: `${from} refined to ${best.code}: the note documents ${missing.join(', ')}.`,
        codes: [from],
      });
    } else if (
      laterality &&
      missing.some((a) => a === 'right' || a === 'left' || a === 'bilateral')
    ) {
      addNote(s, {
        rule: 'unspecified-laterality',
        message:
          'Unspecified code while the note documents laterality; no more specific code found.',
      });
    }
  }
}

/**
 * The 7th character per sentence: an "open fracture", "delayed healing", "nonunion",
 * "malunion", "subsequent encounter" or "sequela" written beside the evidence wins over
 * the note-wide default.
 */
export function refineSeventhCharacter(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): void {
  for (const s of codes) {
    const d = toDotless(s.code);
    if (d.length !== 7) continue;
    const def = seventhCharacterOf(onto, d.slice(0, 6));
    if (!def) continue;
    const sentence = evidenceSentences(doc, s).toLowerCase();
    const stage = /\bsequela/.test(sentence)
      ? 'sequela'
      : /\b(?:subsequent encounter|follow[- ]?up|routine healing|healing well|delayed healing|nonunion|non-union|malunion|post[- ]?op(?:erative)? visit)\b/.test(
            sentence,
          )
        ? 'subsequent'
        : /\b(?:initial encounter|acute|ed visit|presents?|presented|today)\b/.test(sentence)
          ? 'initial'
          : undefined;
    const open = /\bopen fracture\b|\bcompound fracture\b|\bopen\b[^.]{0,30}\bfracture\b/.test(
      sentence,
    );
    const healing = /\bdelayed healing\b/.test(sentence)
      ? 'delayed healing'
      : /\bnon-?union\b/.test(sentence)
        ? 'nonunion'
        : /\bmalunion\b/.test(sentence)
          ? 'malunion'
          : 'routine healing';
    const chars = def.chars;
    // Open fractures: Gustilo type III (A, B or C) has its own characters; type I, II or an
    // open fracture of no stated type takes "type I or II" (Guidelines I.C.19.c.1).
    const typeIII = /\btype\s*(?:iii|3)[abc]?\b/.test(sentence);
    const openMatches = (t: string): boolean =>
      !/open|closed/.test(t) ||
      (open ? /open/.test(t) && (!/type/.test(t) || /iii/.test(t) === typeIII) : /closed/.test(t));
    const want = (ch: string): boolean => {
      const t = (chars[ch] ?? '').toLowerCase();
      if (stage === 'sequela') return /sequela/.test(t);
      if (stage === 'subsequent')
        return (
          /subsequent/.test(t) &&
          (!/healing|union/.test(t) || t.includes(healing)) &&
          openMatches(t)
        );
      if (stage === 'initial' || open) return /initial/.test(t) && openMatches(t);
      return false;
    };
    if (!stage && !open) continue;
    const pick = Object.keys(chars).find(want);
    if (!pick || pick === d[6]) continue;
    const next = d.slice(0, 6) + pick;
    if (!onto.has(next)) continue;
    const from = s.code;
    s.code = toDotted(next);
    s.title = onto.title(next) ?? s.title;
    s.notes = s.notes.filter((n) => n.rule !== 'seventh-character');
    addNote(s, {
      rule: 'seventh-character',
      message: `7th character "${pick}" (${chars[pick]}) from the sentence; was ${from}.`,
      codes: [from],
    });
  }
}

function evidenceSentences(doc: RuleDocument, s: CodeSuggestion): string {
  const parts: string[] = [];
  const seen = new Set<number>();
  for (const e of s.evidence) {
    const k = sentenceIndexAt(doc, e.start);
    if (k < 0 || seen.has(k)) continue;
    seen.add(k);
    const sent = doc.sentences[k]!;
    parts.push(doc.text.slice(sent.start, sent.end));
  }
  return parts.join(' ');
}

/** Text around each evidence span (within its sentence): where a modifier of it would be written. */
/** A clause that is only a side, closing the sentence after the mention (", right eye."). */
const SIDE_CLOSING_CLAUSE =
  /^[^,;.\n]{0,30},\s*((?:right|left|both)\s+(?:eyes?|ears?|sides?)|bilateral(?:ly)?|bilat|OU|OD|OS)\s*(?:[.;\n]|$)/i;

/** A severity among the comma-separated qualifiers right after the mention. */
const SEVERITY_AFTER = /^(?:,\s*[a-z ]{0,25}?)?,\s*(mild|moderate|severe)\b/i;

function evidenceWindow(doc: RuleDocument, s: CodeSuggestion): string {
  return s.evidence
    .map((e) => {
      const k = sentenceIndexAt(doc, e.start);
      const sent = k >= 0 ? doc.sentences[k]! : { start: 0, end: doc.text.length };
      const before = doc.text.slice(Math.max(sent.start, e.start - 40), e.start);
      // Only this mention's words: stop at a list separator before it.
      const cut = Math.max(
        before.lastIndexOf(','),
        before.lastIndexOf(';'),
        before.lastIndexOf(' and '),
      );
      // A side written right after the mention belongs to it ("otitis media, bilateral").
      const after = doc.text.slice(e.end, Math.min(sent.end, e.end + 60));
      const side =
        /^,?\s*(?:bilateral(?:ly)?|bilat|right|left|both (?:sides|ears|eyes))\b/i.exec(
          after,
        )?.[0] ??
        // "rotator cuff tear, R shoulder": a side letter before the site.
        /^,?\s*(?:[RL]|rt|lt)\.?\s+[A-Za-z]{3,}\b/.exec(after)?.[0] ??
        // …or closing the clause after the mention's own qualifiers ("NPDR w/o DME, right eye").
        SIDE_CLOSING_CLAUSE.exec(after)?.[1] ??
        // …or a severity among the qualifiers after a comma ("MDD, recurrent, severe").
        SEVERITY_AFTER.exec(after)?.[1] ??
        '';
      return [
        before.slice(cut + 1),
        // The mention's own words, then what follows up to the next list separator.
        doc.text.slice(e.start, e.end),
        // ("AFib on chronic anticoagulation": what follows "on" or "for" is another thing's).
        doc.text
          .slice(e.end, Math.min(sent.end, e.end + 25))
          .split(/[,;]| and | on | for | after | since | from /)[0],
        side,
      ].join(' ');
    })
    .join(' ');
}

/** Codes whose children divide a symptom by how long it has lasted, in days (R05 cough). */
const DURATION_BANDS: Readonly<Record<string, readonly [number, string][]>> = {
  'R05.9': [
    [21, 'R05.1'],
    [56, 'R05.2'],
    [Infinity, 'R05.3'],
  ],
};

const DURATION =
  /\b(?:x|for|since|over|past|last|×)\s*(?:~|about |the past |the last )?(\d+(?:\.\d+)?)\s*(d|days?|wks?|weeks?|mo|mos|months?|yrs?|years?)\b/i;

/** Days written beside a mention ("cough x 2 weeks", "cough for 3 months"). */
function durationDays(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  return unit.startsWith('d')
    ? n
    : unit.startsWith('w')
      ? n * 7
      : unit.startsWith('m')
        ? n * 30
        : n * 365;
}

/**
 * An exacerbation or a decompensation of systolic, diastolic or combined heart failure is an
 * acute on chronic heart failure (I50.23, I50.33, I50.43): the exacerbation is the acute part of
 * a chronic failure (Coding Clinic).
 */
export function refineHeartFailureExacerbation(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): void {
  for (const s of codes) {
    const m = /^I50\.([234])[01]$/.exec(s.code);
    if (!m || s.assertion !== 'present') continue;
    const said = s.evidence.some((e) =>
      /\b(?:exacerbat\w*|decompensat\w*)\b/i.test(sentenceAround(doc, e)),
    );
    const code = `I50.${m[1]}3`;
    if (said && onto.isBillable(code))
      recode(onto, s, code, `An exacerbation of a chronic heart failure: ${code}.`);
  }
}

/** Refines duration-divided symptom codes from the duration written in the mention's sentence. */
export function refineDuration(onto: Ontology, doc: RuleDocument, codes: CodeSuggestion[]): void {
  for (const s of codes) {
    const bands = DURATION_BANDS[s.code];
    if (!bands) continue;
    const days = durationDays(evidenceSentences(doc, s));
    if (days === undefined) continue;
    const code = bands.find(([limit]) => days < limit)![1];
    if (!onto.isBillable(code)) continue;
    addNote(s, {
      rule: 'specificity',
      message: `${s.code} refined to ${code}: the note gives a duration of ${days} days.`,
      codes: [s.code],
    });
    s.code = code;
    s.title = onto.title(code) ?? s.title;
  }
}
