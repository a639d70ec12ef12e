/**
 * Adverse effects, poisonings and underdosing from the Table of Drugs and Chemicals (Official
 * Guidelines I.C.19.e.5): "steroid-induced hyperglycemia", "ulcer due to ibuprofen", "adverse
 * effect of ibuprofen" → the drug's adverse-effect code (T38.0X5-, T39.315-); "accidental
 * poisoning by clonidine", "overdose of …" → the poisoning column by intent (accidental when none
 * is stated); "underdosing of insulin" → the underdosing column. The 7th character is A (active
 * treatment), or S where the note calls the condition a late effect or sequela.
 *
 * The drug is looked up in the pack's Table of Drugs (main terms, nonessential modifiers
 * dropped) or named by its class ("chemotherapy", "steroid"). A statement counts where a coder
 * codes from (not the medication list, allergies, family or social history, findings or
 * results) and when nothing negates it in its clause.
 */
import type { Ontology } from '../ontology/ontology.js';
import { negatedInClauseBefore } from '../context/clause-negation.js';
import type { CodeSuggestion, EvidenceSpan } from './coding-types.js';
import {
  addNote,
  ruleSuggestion,
  sectionAt,
  sentenceIndexAt,
  type RuleDocument,
} from './rule-text.js';
import type { SectionCategory } from '../text/section-headers.js';

/** The Table of Drugs' columns, in the pack's order. */
const COLUMN = {
  accidental: 0,
  intentional: 1,
  assault: 2,
  undetermined: 3,
  adverse: 4,
  underdosing: 5,
} as const;
type Column = keyof typeof COLUMN;

/**
 * Cytotoxic, targeted and immune-checkpoint agents the FY2025 Table of Drugs does not list by
 * name: a coder codes them to "Antineoplastic NEC" (T45.1X-). Hormonal agents (letrozole,
 * enzalutamide…) are not here: the Table files them elsewhere.
 */
const NEWER_ANTINEOPLASTICS = [
  'palbociclib',
  'ribociclib',
  'abemaciclib',
  'pembrolizumab',
  'nivolumab',
  'atezolizumab',
  'durvalumab',
  'ipilimumab',
  'trastuzumab',
  'osimertinib',
  'ibrutinib',
  'lenalidomide',
  'pomalidomide',
  'olaparib',
  'capecitabine',
  'oxaliplatin',
  'paclitaxel',
  'docetaxel',
  'gemcitabine',
  'bevacizumab',
  'rituximab',
  'imatinib',
  'dasatinib',
  'nilotinib',
  'cetuximab',
  'pemetrexed',
  'irinotecan',
  'venetoclax',
  'sacituzumab',
  'brentuximab',
  'daratumumab',
  'bortezomib',
  'carfilzomib',
  'temozolomide',
  'sunitinib',
  'sorafenib',
  'lenvatinib',
  'cabozantinib',
  'regorafenib',
  'erlotinib',
  'gefitinib',
  'alectinib',
  'dabrafenib',
  'trametinib',
  'vemurafenib',
  'bendamustine',
] as const;

/** Class words a note writes for a Table of Drugs main term. */
const CLASS_WORDS: Readonly<Record<string, string>> = {
  chemotherapy: 'antineoplastic nec',
  chemo: 'antineoplastic nec',
  antineoplastic: 'antineoplastic nec',
  'antineoplastic chemotherapy': 'antineoplastic nec',
  immunotherapy: 'antineoplastic nec',
  steroid: 'steroid',
  steroids: 'steroid',
  corticosteroid: 'corticosteroid',
  corticosteroids: 'corticosteroid',
  nsaid: 'ibuprofen',
  nsaids: 'ibuprofen',
  opioid: 'opioid nec',
  opioids: 'opioid nec',
  anticoagulant: 'anticoagulant nec',
  anticoagulation: 'anticoagulant nec',
  ...Object.fromEntries(NEWER_ANTINEOPLASTICS.map((d) => [d, 'antineoplastic nec'])),
};

const NOT_CODED_FROM: ReadonlySet<SectionCategory | undefined> = new Set<
  SectionCategory | undefined
>([
  'medications',
  'allergies',
  'patient_instructions',
  'family_history',
  'social_history',
  'review_of_systems',
  'physical_exam',
  'labs_and_studies',
  'imaging',
  'signature',
  'ruled_out',
  'differential',
]);

const DRUG = String.raw`([a-z][a-z-]*(?: [a-z][a-z-]*){0,2})`;
const PARENS = String.raw`(?: \(([a-z][a-z -]*)\))?`;
/** Statements that name a drug and what it did, the drug in group 1 (group 2: a parenthesis). */
const STATEMENTS: readonly { re: RegExp; column: Column | 'intent'; drugFirst?: true }[] = [
  { re: new RegExp(String.raw`\b${DRUG}${PARENS}[- ]induced\b`, 'gi'), column: 'adverse' },
  {
    re: new RegExp(
      String.raw`\badverse (?:effect|reaction)s? (?:of|to|from) ${DRUG}${PARENS}`,
      'gi',
    ),
    column: 'adverse',
    drugFirst: true,
  },
  {
    re: new RegExp(
      // "2/2 blood bottles" counts culture bottles, not a cause.
      String.raw`\b(?:due to|d/t|secondary to|2/2(?! blood (?:bottles|cultures|sets))|caused by|related to) ${DRUG}${PARENS}`,
      'gi',
    ),
    column: 'adverse',
    drugFirst: true,
  },
  {
    re: new RegExp(String.raw`\bunderdos(?:ing|ed) (?:of|on) ${DRUG}${PARENS}`, 'gi'),
    column: 'underdosing',
    drugFirst: true,
  },
  {
    re: new RegExp(
      String.raw`\b(?:poisoning|overdose|intoxication) (?:by|of|with|on) ${DRUG}${PARENS}`,
      'gi',
    ),
    column: 'intent',
    drugFirst: true,
  },
  {
    re: new RegExp(String.raw`\b${DRUG}${PARENS} (?:overdose|poisoning)\b`, 'gi'),
    column: 'intent',
  },
];

const LATE_EFFECT = /\blate effects?\b|\bsequela[e]?\b|\bresidual\b/i;

/** Drug main terms of the pack's Table of Drugs, by folded name, with their six codes. */
function drugNames(onto: Ontology): Map<string, readonly string[]> {
  const cached = namesByOntology.get(onto);
  if (cached) return cached;
  const table = onto.pack.drug;
  const names = new Map<string, readonly string[]>();
  table.term.forEach((term, i) => {
    if (table.level[i] !== 0) return;
    const key = term
      .toLowerCase()
      .replace(/\s*\([^)]*\)/g, '')
      .trim();
    const codes = table.codes[i];
    if (key && codes && codes.length === 6 && !names.has(key)) names.set(key, codes);
  });
  namesByOntology.set(onto, names);
  return names;
}
const namesByOntology = new WeakMap<Ontology, Map<string, readonly string[]>>();

/**
 * The table row a written drug phrase names: after a cue ("due to ibuprofen use") its longest
 * known opening words; before one ("DM with steroid-induced") its longest known closing words.
 */
function lookupDrug(
  names: Map<string, readonly string[]>,
  phrase: string,
  drugFirst: boolean,
): readonly string[] | undefined {
  const words = phrase.toLowerCase().split(/[ -]+/).filter(Boolean);
  for (let k = words.length; k >= 1; k--) {
    const part = (drugFirst ? words.slice(0, k) : words.slice(words.length - k)).join(' ');
    const row = names.get(CLASS_WORDS[part] ?? part);
    if (row) return row;
  }
  return undefined;
}

function intentOf(sentence: string): Column {
  if (/\bintentional(?:ly)? (?:self[- ]harm|overdose)|\bsuicid|\bself[- ]harm\b/i.test(sentence))
    return 'intentional';
  if (/\bassault\b/i.test(sentence)) return 'assault';
  if (/\bundetermined\b|\bunknown intent\b/i.test(sentence)) return 'undetermined';
  return 'accidental';
}

/** "T39315" + "A" → "T39.315A"; "T380X5" + "S" → "T38.0X5S". */
function withSeventh(code: string, seventh: string): string {
  return `${code.slice(0, 3)}.${code.slice(3)}${seventh}`;
}

/** The drug-effect codes the note's statements document, not yet among `codes`. */
export function addDrugEffectCodes(
  onto: Ontology,
  doc: RuleDocument,
  codes: readonly CodeSuggestion[],
): CodeSuggestion[] {
  const names = drugNames(onto);
  const found = new Map<string, { evidence: EvidenceSpan[]; column: Column }>();
  for (const s of doc.sentences) {
    if (NOT_CODED_FROM.has(sectionAt(doc, s.start))) continue;
    const sentence = doc.text.slice(s.start, s.end);
    for (const { re, column, drugFirst = false } of STATEMENTS) {
      for (const m of sentence.matchAll(re)) {
        // Negated in its clause, the words inside the match too ("no steroid-induced …").
        const at = s.start + m.index + (drugFirst ? 0 : m[1]!.length);
        if (negatedInClauseBefore(doc.text, at)) continue;
        const row =
          (m[2] !== undefined ? lookupDrug(names, m[2], true) : undefined) ??
          lookupDrug(names, m[1]!, drugFirst);
        if (!row) continue;
        const col = column === 'intent' ? intentOf(sentence) : column;
        const seventh = col === 'adverse' && LATE_EFFECT.test(sentence) ? 'S' : 'A';
        const code = withSeventh(row[COLUMN[col]]!, seventh);
        if (!onto.isBillable(code) || codes.some((c) => c.code === code)) continue;
        const start = s.start + m.index;
        const ev = { start, end: start + m[0].length, text: m[0] };
        const entry = found.get(code) ?? { evidence: [], column: col };
        entry.evidence.push(ev);
        found.set(code, entry);
      }
    }
  }
  return [...found].map(([code, { evidence, column }]) =>
    ruleSuggestion(onto, code, evidence, 'present', 0.8, [
      {
        rule: 'drug-effect',
        message: `Table of Drugs and Chemicals, ${column === 'adverse' ? 'adverse effect' : column === 'underdosing' ? 'underdosing' : `poisoning (${column})`}: ${code} (Guidelines I.C.19.e.5).`,
      },
    ]),
  );
}

const DRUG_INDUCED =
  /\bdrug[- ]induced\b|\bdue to (?:drugs?|antineoplastic chemotherapy)\b|\bsecondary to (?:cancer )?chemotherapy\b/i;

/**
 * The condition's own drug-induced code beside its adverse effect (G62.9 → G62.0 "Drug-induced
 * polyneuropathy", D70.9 → D70.1 beside an antineoplastic's adverse effect): a sibling in the
 * condition's category whose title says the drug caused it, where the statement names the drug
 * in the condition's sentence or right next to it.
 */
export function specifyDrugInduced(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  effects: readonly CodeSuggestion[],
): void {
  for (const s of codes) {
    if (s.source === 'rule' || /^T/.test(s.code) || DRUG_INDUCED.test(s.title)) continue;
    const near = effects.find(
      (t) =>
        /5[AS]$/.test(t.code) &&
        t.evidence.some((f) =>
          s.evidence.some(
            (e) =>
              Math.abs(e.start - f.start) < 60 &&
              sentenceIndexAt(doc, e.start) === sentenceIndexAt(doc, f.start),
          ),
        ),
    );
    if (!near) continue;
    const chemo = /^T45\.1/.test(near.code);
    const sibling = onto.billableDescendants(s.code.slice(0, 3)).find((c) => {
      const title = onto.title(c) ?? '';
      return DRUG_INDUCED.test(title) && (chemo || !/chemotherapy/i.test(title));
    });
    if (!sibling || codes.some((c) => c.code === sibling)) continue;
    addNote(s, {
      rule: 'drug-effect',
      message: `Caused by the drug (${near.code}): ${sibling}.`,
      codes: [near.code],
    });
    s.code = sibling;
    s.title = onto.title(sibling) ?? s.title;
  }
}
