/**
 * Conditions of a pregnant patient (Official Guidelines I.C.15.a): chapter 15 codes have
 * sequencing priority and the trimester comes from the gestational age (I.C.15.a.3: under 14
 * weeks first, 14 to under 28 second, 28 on third).
 *
 * - Conditions the Tabular classifies in pregnancy: pre-existing essential hypertension I10 →
 *   O10.01- (O10 includes the I10); cystitis / urinary tract / kidney infection → O23.1- / O23.4-
 *   / O23.0- (in place of the N code); thyroid and other endocrine disease, obesity, anemia,
 *   tobacco → O99.28- / O99.21- / O99.01- / O99.33- beside the condition's own code.
 * - Supervision of high-risk pregnancy (I.C.15.b.2): history of preterm labor O09.21-, elderly
 *   primigravida / multigravida O09.51- / O09.52- from the obstetric history "G3P2002".
 * - A scar from a previous cesarean: O34.21- by the scar's type.
 * - A reported O code with "unspecified trimester" takes the trimester the note documents.
 *
 * Applies only when the note documents a current gestational age and no delivery or
 * postpartum stay (those have their own childbirth and puerperium codes).
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CareSetting, CodeSuggestion, EvidenceSpan } from './coding-types.js';
import { currentGestation } from './encounter-codes.js';
import { firstCurrent } from './delivery-codes.js';
import { addNote, codeIn, recode, ruleSuggestion, span, type RuleDocument } from './rule-text.js';

/** Words that say the patient is pregnant (a bare "28w3d" may be anything's age). */
const PREGNANT =
  /\b(?:pregnan\w*|prenatal|antepartum|gravida|G\d+\s*P\d|EGA|IUP|EDD|gestation\w*|trimester)\b/i;
const DELIVERED =
  /\b(?:delivered|delivery of|postpartum|post-partum|puerperium|s\/p (?:n?svd|c-?section|cesarean|delivery)|svd\b|nsvd\b)/i;

/** Reported condition → its chapter 15 code (prefix, the trimester appended) and whether it replaces it. */
const IN_PREGNANCY: readonly { code: RegExp; o: string; replaces: boolean }[] = [
  { code: /^I10$/, o: 'O10.01', replaces: true },
  { code: /^N30/, o: 'O23.1', replaces: true },
  { code: /^N390$/, o: 'O23.4', replaces: true },
  { code: /^N1[0-2]/, o: 'O23.0', replaces: true },
  { code: /^E0[0-7]/, o: 'O99.28', replaces: false },
  { code: /^E66/, o: 'O99.21', replaces: false },
  { code: /^D(?:5\d|6[0-4])/, o: 'O99.01', replaces: false },
  { code: /^F172/, o: 'O99.33', replaces: false },
];

const PRETERM_HISTORY =
  /\b(?:hx|history|h\/o)(?: of)? (?:spontaneous |s)?(?:preterm|pre-term) (?:birth|labor|delivery)\b|\bprior (?:spontaneous )?preterm (?:birth|labor|delivery)\b/i;
const ELDERLY = /\b(?:AMA|advanced maternal age|elderly (?:multi|primi)gravida)\b/;
const CESAREAN_SCAR =
  /\b(?:previous|prior|hx of|history of|h\/o)\s+(?:c-?sections?|cesareans?(?: deliver(?:y|ies))?|ltcs)\b|\bprior ltcs\b/i;

function trimesterOf(weeks: number): string {
  return weeks < 14 ? '1' : weeks < 28 ? '2' : '3';
}

/** Rewrites `codes` for a current pregnancy; returns the codes it replaced (for the flagged list). */
export function applyPregnancyCodes(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  setting: CareSetting = 'outpatient',
): CodeSuggestion[] {
  const ga = currentGestation(doc.text);
  if (!ga || !PREGNANT.test(doc.text) || firstCurrent(DELIVERED, doc.text)) return [];
  const t = trimesterOf(ga.weeks);
  const replaced: CodeSuggestion[] = [];
  const add = (code: string, evidence: EvidenceSpan[], message: string, with_?: string): void => {
    if (!onto.isBillable(code) || codes.some((c) => c.code === code)) return;
    codes.push(
      ruleSuggestion(onto, code, evidence, 'present', 0.8, [
        { rule: 'pregnancy', message, codes: with_ ? [with_] : undefined },
      ]),
    );
  };
  for (const s of [...codes]) {
    if (s.assertion !== 'present') continue;
    const rule = IN_PREGNANCY.find((r) => codeIn(s.code, r.code));
    if (rule) {
      const o = `${rule.o}${t}`;
      add(
        o,
        s.evidence,
        `${s.code} in a pregnant patient (${ga.weeks} weeks): ${o} (Guidelines I.C.15.a).`,
        s.code,
      );
      if (rule.replaces && codes.some((c) => c.code === o)) {
        codes.splice(codes.indexOf(s), 1);
        addNote(s, { rule: 'pregnancy', message: `Classified in pregnancy as ${o}.`, codes: [o] });
        replaced.push(s);
      }
    }
    if (/^O/.test(s.code) && /unspecified trimester/i.test(s.title)) {
      const sibling = s.code.slice(0, -1) + t;
      if (onto.isBillable(sibling)) {
        s.code = sibling;
        s.title = onto.title(sibling) ?? s.title;
        addNote(s, {
          rule: 'pregnancy',
          message: `Trimester from ${ga.weeks} weeks of gestation.`,
        });
      }
    }
  }
  addHighRiskSupervision(doc, t, add);
  replaced.push(...superviseNormalPregnancy(onto, doc, codes, t, setting));
  // The pregnancy codes say it all: no incidental pregnant state, no second urinary infection code.
  const drop = (c: CodeSuggestion, by: string): void => {
    codes.splice(codes.indexOf(c), 1);
    addNote(c, { rule: 'pregnancy', message: `${by} codes this in pregnancy.`, codes: [by] });
    replaced.push(c);
  };
  const o = codes.find((c) => /^O/.test(c.code) && c.assertion === 'present');
  for (const c of codes.filter((x) => x.code === 'Z33.1')) if (o) drop(c, o.code);
  const bladder = codes.find((c) => /^O23\.1/.test(c.code));
  for (const c of codes.filter((x) => /^N39\.0$|^O23\.4/.test(x.code)))
    if (bladder) drop(c, bladder.code);
  return replaced;
}

/** A visit for prenatal care ("routine prenatal visit", "new OB visit", "prenatal care"). */
const PRENATAL_VISIT =
  /\b(?:(?:routine|new|return|initial)\s+)?(?:prenatal|antenatal|OB|obstetric)\s+(?:visit|care|check|follow[- ]?up|appointment|appt|intake)\b/i;

/** The number of pregnancies the obstetric history gives ("G3P2002" → 3). */
function gravida(text: string): number | undefined {
  const g = /\bG(\d+)\s*P\d/.exec(text);
  return g ? Number(g[1]) : undefined;
}

/** The fourth character of Z34.-: first pregnancy 0, a later one 8, not said 9. */
function gravidityCharacter(text: string): string {
  const g = gravida(text);
  if (g !== undefined) return g > 1 ? '8' : '0';
  if (/\b(?:primigravida|first pregnancy|primigravid|nulliparous)\b/i.test(text)) return '0';
  return /\bmultigravida\b/i.test(text) ? '8' : '9';
}

/**
 * Supervision of a normal pregnancy (Z34.-, Guidelines I.C.15.b.1): only without a chapter 15
 * code (a complication or a high-risk supervision O09 says the pregnancy is not normal), by first
 * or later pregnancy and by trimester; a prenatal visit with nothing else to code is one.
 * Returns the Z34 codes it removed.
 */
function superviseNormalPregnancy(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  t: string,
  setting: CareSetting,
): CodeSuggestion[] {
  const complicated = codes.find((c) => c.assertion === 'present' && /^O/.test(c.code));
  const normal = codes.filter((c) => /^Z34\./.test(c.code));
  if (complicated) {
    for (const z of normal) {
      codes.splice(codes.indexOf(z), 1);
      addNote(z, {
        rule: 'pregnancy',
        message: `${complicated.code} codes this pregnancy: not a normal pregnancy (Z34).`,
        codes: [complicated.code],
      });
    }
    return normal;
  }
  const code = `Z34.${gravidityCharacter(doc.text)}${t}`;
  if (!onto.isBillable(code)) return [];
  for (const z of normal.filter((c) => c.code !== code))
    recode(
      onto,
      z,
      code,
      `First or later pregnancy and trimester as written: ${code}.`,
      'pregnancy',
    );
  const visit = PRENATAL_VISIT.exec(doc.text);
  if (normal.length === 0 && visit && setting === 'outpatient')
    codes.push(
      ruleSuggestion(
        onto,
        code,
        [span(doc.text, visit.index, visit.index + visit[0].length)],
        'present',
        0.8,
        [
          {
            rule: 'pregnancy',
            message: `A prenatal visit with no complication documented: ${code} (I.C.15.b.1).`,
          },
        ],
      ),
    );
  return [];
}

function addHighRiskSupervision(
  doc: RuleDocument,
  t: string,
  add: (code: string, evidence: EvidenceSpan[], message: string) => void,
): void {
  const at = (m: RegExpExecArray | null): EvidenceSpan[] =>
    m ? [span(doc.text, m.index, m.index + m[0].length)] : [];
  const preterm = PRETERM_HISTORY.exec(doc.text);
  if (preterm)
    add(
      `O09.21${t}`,
      at(preterm),
      'History of preterm labor: supervision of high-risk pregnancy (I.C.15.b.2).',
    );
  const elderly = ELDERLY.exec(doc.text);
  if (elderly) {
    const g = gravida(doc.text);
    const multi = g !== undefined ? g > 1 : /multigravida/i.test(elderly[0]);
    add(
      `O09.5${multi ? '2' : '1'}${t}`,
      at(elderly),
      'Elderly gravida (35 or older at delivery): supervision of high-risk pregnancy.',
    );
  }
  const scar = CESAREAN_SCAR.exec(doc.text);
  if (scar) {
    const around = doc.text.slice(scar.index, scar.index + 80);
    const type = /low transverse|ltcs/i.test(around)
      ? '1'
      : /vertical|classical/i.test(around)
        ? '2'
        : '9';
    add(
      `O34.21${type}`,
      at(scar),
      'Scar from a previous cesarean delivery: maternal care (O34.21-).',
    );
  }
}
