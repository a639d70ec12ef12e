/**
 * Status codes that the Tabular's "use additional code" notes ask for when the note documents
 * them, and that a dictionary rarely reaches from clinical wording ("on insulin glargine" is not
 * the Index's "Long-term (current) drug therapy, insulin"):
 *
 * - beside diabetes due to an underlying condition, drug-induced, type 2 or other specified
 *   diabetes (E08, E09, E11, E13): long-term insulin Z79.4, oral hypoglycemic drugs Z79.84,
 *   injectable non-insulin antidiabetic drugs Z79.85; one of each documented kind (Official
 *   Guidelines I.C.4.a.3: both insulin and an oral drug → both codes). Type 1 (E10) gets none:
 *   insulin is inherent to it.
 * - beside chronic kidney disease (N18) or hypertensive CKD (I12, I13): dependence on renal
 *   dialysis Z99.2 (N18.6: "use additional code to identify dialysis status").
 *
 * A mention counts when it is current: not negated or stopped in its clause ("not on insulin",
 * "insulin was discontinued"), not hypothetical ("may need dialysis", "consider insulin"), not
 * in the family history, and not sliding-scale insulin or a course given during a stay ("x 4
 * days", "in house", "a short course of glargine": the guideline's temporary use, which Z79.4
 * does not code).
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion, EvidenceSpan } from './coding-types.js';
import {
  addNote,
  codeIn,
  dedupeSpans,
  ruleSuggestion,
  sectionAt,
  type RuleDocument,
} from './rule-text.js';

interface StatusRule {
  code: string;
  /** What the note must say (case-insensitive, global). */
  mention: RegExp;
  /** Codes the status code goes with (dotless prefixes); null: reported on its own (I.C.21.c.3). */
  with: RegExp | null;
  what: string;
}

const STATUS_RULES: readonly StatusRule[] = [
  {
    code: 'Z79.4',
    mention:
      /\b(?:insulin(?! resistance| resistant| pump)|lantus|glargine|humalog|lispro|novolog|aspart|detemir|levemir|degludec|tresiba|humulin|novolin)\b/gi,
    with: /^E(?:08|09|11|13)/,
    what: 'long-term (current) use of insulin',
  },
  {
    code: 'Z79.84',
    mention:
      /\b(?:metformin|glucophage|glipizide|glyburide|glimepiride|gliclazide|sitagliptin|januvia|saxagliptin|linagliptin|alogliptin|pioglitazone|rosiglitazone|dapagliflozin|empagliflozin|jardiance|canagliflozin|ertugliflozin|repaglinide|nateglinide|acarbose|oral (?:hypoglycemic|hypoglycaemic|antidiabetic|diabetic) (?:agents?|drugs?|medications?))\b/gi,
    with: /^E(?:08|09|11|13)/,
    what: 'long-term (current) use of oral hypoglycemic drugs',
  },
  {
    code: 'Z79.85',
    mention:
      /\b(?:semaglutide|ozempic|liraglutide|victoza|dulaglutide|trulicity|exenatide|byetta|tirzepatide|mounjaro|pramlintide)\b/gi,
    with: /^E(?:08|09|11|13)/,
    what: 'long-term (current) use of injectable non-insulin antidiabetic drugs',
  },
  {
    code: 'Z99.2',
    mention: /\b(?:(?:hemo|haemo|peritoneal )?dialysis|hemodialysis|haemodialysis)\b/gi,
    with: /^(?:N18|I12|I13)/,
    what: 'dependence on renal dialysis',
  },
  // Long-term drug therapy reported on its own (Guidelines I.C.21.c.3), when the drug is taken
  // regularly: listed among the patient's medications, or "on" / "takes" / "daily" beside it.
  {
    code: 'Z79.01',
    mention:
      /\b(?:warfarin|coumadin|apixaban|eliquis|rivaroxaban|xarelto|dabigatran|pradaxa|edoxaban|savaysa|anticoagula(?:nt|tion))\b/gi,
    with: null,
    what: 'long-term (current) use of anticoagulants',
  },
  {
    code: 'Z79.02',
    mention:
      /\b(?:clopidogrel|plavix|prasugrel|effient|ticagrelor|brilinta|cilostazol|dipyridamole|antiplatelets?)\b/gi,
    with: null,
    what: 'long-term (current) use of antithrombotics/antiplatelets',
  },
  {
    code: 'Z79.82',
    mention: /\b(?:aspirin|asa)(?: 81| 325)?\b/gi,
    with: null,
    what: 'long-term (current) use of aspirin',
  },
  {
    code: 'Z79.52',
    mention:
      /\b(?:prednisone|prednisolone|methylprednisolone|medrol|hydrocortisone|dexamethasone|budesonide ec)\b/gi,
    with: null,
    what: 'long-term (current) use of systemic steroids',
  },
  {
    code: 'Z79.891',
    mention:
      /\b(?:oxycodone|hydrocodone|morphine|hydromorphone|oxycontin|percocet|norco|fentanyl patch|tramadol|tapentadol|opioids?)\b/gi,
    with: null,
    what: 'long-term (current) use of opiate analgesic',
  },
  {
    code: 'Z79.621',
    mention: /\b(?:tacrolimus|prograf|cyclosporine)\b/gi,
    with: null,
    what: 'long-term (current) use of calcineurin inhibitor',
  },
  {
    code: 'Z79.620',
    mention:
      /\b(?:adalimumab|humira|infliximab|remicade|inflectra|etanercept|enbrel|certolizumab|cimzia|golimumab|simponi|ustekinumab|stelara|secukinumab|cosentyx|ixekizumab|taltz|vedolizumab|entyvio|tocilizumab|actemra|abatacept|orencia|risankizumab|skyrizi|guselkumab|tremfya|rituximab|natalizumab|ocrelizumab|ocrevus)\b/gi,
    with: null,
    what: 'long-term (current) use of immunosuppressive biologic',
  },
  {
    code: 'Z79.624',
    mention: /\b(?:mycophenolate|cellcept|myfortic|azathioprine|leflunomide)\b/gi,
    with: null,
    what: 'long-term (current) use of inhibitors of nucleotide synthesis',
  },
  {
    code: 'Z79.623',
    mention: /\b(?:sirolimus|everolimus)\b/gi,
    with: null,
    what: 'long-term (current) use of mTOR inhibitor',
  },
  {
    code: 'Z79.622',
    mention: /\b(?:tofacitinib|baricitinib|upadacitinib|ruxolitinib)\b/gi,
    with: null,
    what: 'long-term (current) use of Janus kinase inhibitor',
  },
  {
    code: 'Z79.631',
    mention: /\bmethotrexate\b/gi,
    with: null,
    what: 'long-term (current) use of antimetabolite agent',
  },
  {
    code: 'Z79.811',
    mention: /\b(?:anastrozole|arimidex|letrozole|femara|exemestane)\b/gi,
    with: null,
    what: 'long-term (current) use of aromatase inhibitors',
  },
  {
    code: 'Z79.810',
    mention: /\b(?:tamoxifen|raloxifene)\b/gi,
    with: null,
    what: 'long-term (current) use of SERMs',
  },
  {
    code: 'Z79.83',
    mention:
      /\b(?:alendronate|fosamax|risedronate|ibandronate|zoledronic acid|bisphosphonates?)\b/gi,
    with: null,
    what: 'long-term (current) use of bisphosphonates',
  },
  {
    code: 'Z79.3',
    mention:
      /\b(?:oral contraceptives?|ocps?|combined hormonal contraceptives?|birth control pills?)\b/gi,
    with: null,
    what: 'long-term (current) use of hormonal contraceptives',
  },
];

/** Sections that list the drugs the patient takes. */
const MEDICATION_SECTIONS = new Set(['medications']);
/** Words beside a drug that say it is taken regularly ("on ASA/Plavix": a slash joins two drugs). */
const REGULAR_BEFORE =
  /\b(?:on|takes|taking|continue[sd]?|cont|chronic|long[- ]term|maintained on|remains on)\s+(?:[^\s/]+(?:\s+|\s*\/\s*)){0,3}$/i;
const REGULAR_AFTER =
  /^[^.;\n]{0,40}\b(?:daily|qd|bid|tid|qhs|qam|weekly|nightly|every day|twice a day|long[- ]term|chronic(?:ally)?)\b/i;
/** A course or a dose given during the encounter is not long-term therapy. */
const TEMPORARY =
  /^(?:[^.;\n]|\.(?=\d)){0,40}\b(?:x\s*\d+\s*(?:more\s+)?(?:d|days?|wk|weeks?|tabs?)|to complete|more days?|taper|burst|course|prn|as needed|given|iv\b|once|stat|in[- ]house|protocol|then (?:stop|discontinue|d\/c))\b/i;
/** Words before a drug that make it this stay's treatment or a cause, not long-term therapy. */
const TEMPORARY_BEFORE =
  /\b(?:while on|given|received|iv|in[- ]house|(?:short |brief )?course of|temporar(?:y|ily)|during (?:the )?(?:stay|admission)|d\/t|due to|induced by|secondary to)\s+(?:\S+\s+){0,2}$/i;

/** A course or a dose of this encounter: "x 4 days", "in house", "a short course of glargine". */
function isTemporary(doc: RuleDocument, start: number, end: number): boolean {
  return (
    TEMPORARY.test(doc.text.slice(end, end + 50)) ||
    TEMPORARY_BEFORE.test(doc.text.slice(Math.max(0, start - 40), start))
  );
}

function isRegular(doc: RuleDocument, start: number, end: number): boolean {
  const after = doc.text.slice(end, end + 50);
  if (isTemporary(doc, start, end)) return false;
  // A drug given during the stay is not therapy the patient takes long term.
  if (sectionAt(doc, start) === 'hospital_course') return false;
  if (MEDICATION_SECTIONS.has(sectionAt(doc, start) ?? '')) return true;
  return (
    REGULAR_BEFORE.test(doc.text.slice(Math.max(0, start - 40), start)) || REGULAR_AFTER.test(after)
  );
}

/** Cues in the clause before a mention that make it not current. */
const NOT_CURRENT_BEFORE =
  /\b(?:no|not|never|denies|denied|without|off|stopped|discontinued|declined|refused|may need|might need|will need|would need|may require|consider(?:ing)?|if|should|plan(?:ned|s)? to|candidate for|evaluat(?:e|ed|ion) for|discuss(?:ed)?|avoid(?:ing)?|sliding[- ]scale|correctional)\b[^.;:!?]*$/i;
/** Words right after a mention that make it not current ("insulin was stopped"). */
const NOT_CURRENT_AFTER =
  /^[^.;:!?]{0,30}\b(?:stopped|discontinued|held|not indicated|not continued|not started|not initiated|not resumed|deferred|declined|refused|sliding[- ]scale|titration protocol|in[- ]house|(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2})\b/i;

function isCurrent(doc: RuleDocument, start: number, end: number): boolean {
  const section = sectionAt(doc, start);
  // A relative's drug, or a drug the patient is allergic to, is not the patient's therapy.
  if (section === 'family_history' || section === 'allergies') return false;
  const before = doc.text.slice(Math.max(0, start - 60), start);
  // "T2DM (non-insulin)": the drug named as what the patient is not on.
  if (NOT_CURRENT_BEFORE.test(before) || /\bnon-?\s*$/i.test(before)) return false;
  return !NOT_CURRENT_AFTER.test(doc.text.slice(end, end + 40));
}

/**
 * A long-term drug therapy code the dictionary or a learned phrase found ("insulin" → Z79.4)
 * stands only where the drug is taken regularly and currently, as the rules above require.
 */
function dropNotTakenRegularly(doc: RuleDocument, codes: CodeSuggestion[]): CodeSuggestion[] {
  const dropped: CodeSuggestion[] = [];
  for (const c of [...codes]) {
    if (c.source === 'rule' || !/^Z79\./.test(c.code)) continue;
    if (!STATUS_RULES.some((r) => r.code === c.code)) continue;
    if (c.evidence.some((e) => isCurrent(doc, e.start, e.end) && isRegular(doc, e.start, e.end)))
      continue;
    addNote(c, {
      rule: 'long-term-drug',
      message:
        'Not taken regularly and currently (a course, a drug given in house, an allergy or a stopped drug): not reported.',
    });
    codes.splice(codes.indexOf(c), 1);
    dropped.push(c);
  }
  return dropped;
}

/**
 * Drug-therapy status codes the note does not support as current long-term therapy, removed
 * from `codes` and returned with their reason (for the flagged list).
 */
export function dropUnsupportedDrugStatus(
  doc: RuleDocument,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  return [...dropUnpartneredAntidiabetics(codes), ...dropNotTakenRegularly(doc, codes)];
}

/**
 * Adds (or extends with evidence) the status codes the coded conditions ask for. Returns the
 * suggestions to add; existing ones in `codes` get the evidence and a note in place.
 */
export function addDrugStatusCodes(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  const added: CodeSuggestion[] = [];
  for (const rule of STATUS_RULES) {
    if (!onto.isBillable(rule.code)) continue;
    const withRule = rule.with;
    const partners = withRule
      ? codes.filter((c) => c.assertion === 'present' && codeIn(c.code, withRule))
      : [];
    if (withRule && partners.length === 0) continue;
    const evidence: EvidenceSpan[] = [];
    for (const m of doc.text.matchAll(rule.mention)) {
      const start = m.index;
      const end = start + m[0].length;
      const taken = withRule ? !isTemporary(doc, start, end) : isRegular(doc, start, end);
      if (isCurrent(doc, start, end) && taken) evidence.push({ start, end, text: m[0] });
    }
    if (evidence.length === 0) continue;
    const partnerCodes = partners.map((p) => p.code);
    const note = withRule
      ? {
          rule: 'use-additional',
          message: `Use additional code for ${rule.what} with ${partnerCodes.join(', ')}: the note documents it.`,
          codes: partnerCodes,
        }
      : {
          rule: 'long-term-drug',
          message: `The patient takes it regularly: ${rule.what} (Guidelines I.C.21.c.3).`,
        };
    const existing = codes.find((c) => c.code === rule.code);
    if (existing) {
      existing.evidence = dedupeSpans([...existing.evidence, ...evidence]);
      addNote(existing, note);
      continue;
    }
    added.push(ruleSuggestion(onto, rule.code, evidence, 'present', 0.8, [note]));
  }
  return added;
}

/**
 * Antidiabetic drug status codes belong beside E08, E09, E11 or E13 only: never beside type 1
 * (insulin is inherent) or gestational diabetes (Guidelines I.C.15.g: not with O24.4-), so one
 * the dictionary found on its own ("insulin") goes when no such partner is reported.
 */
function dropUnpartneredAntidiabetics(codes: CodeSuggestion[]): CodeSuggestion[] {
  if (codes.some((c) => c.assertion === 'present' && codeIn(c.code, /^E(?:08|09|11|13)/)))
    return [];
  const dropped = codes.filter((x) => codeIn(x.code, /^Z79(?:4|84|85)$/));
  for (const c of dropped) {
    addNote(c, {
      rule: 'long-term-drug',
      message: 'Reported beside a type 2 or other specified diabetes only (Guidelines I.C.4.a.3).',
    });
    codes.splice(codes.indexOf(c), 1);
  }
  return dropped;
}
