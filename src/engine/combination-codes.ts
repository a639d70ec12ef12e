/**
 * Combination codes and the "with" presumption (Official Guidelines I.A.15, I.C.4.a, I.C.9.a):
 * diabetes with CKD is E08-E13 .22 plus N18.x; hypertension with CKD is I12.-, with heart
 * failure I11.0, with both I13.-, each with the N18.x stage and the I50.x type as additional
 * codes. The separate components are not suggested when the combination applies.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion, EvidenceSpan } from './coding-types.js';
import {
  addNote,
  codeIn,
  ruleSuggestion,
  sectionAt,
  type RuleDocument,
  span,
} from './rule-text.js';

/** CKD stage written in the note → N18 code. */
const STAGE_CODE: Readonly<Record<string, string>> = {
  '1': 'N18.1',
  '2': 'N18.2',
  '3': 'N18.30',
  '3a': 'N18.31',
  '3b': 'N18.32',
  '4': 'N18.4',
  '5': 'N18.5',
  i: 'N18.1',
  ii: 'N18.2',
  iii: 'N18.30',
  iiia: 'N18.31',
  iiib: 'N18.32',
  iv: 'N18.4',
  v: 'N18.5',
  esrd: 'N18.6',
};

const HYPERTENSION = /\b(?:hypertension|htn|hypertensive|high blood pressure)\b/gi;
const SECONDARY_HTN =
  /\b(?:pulmonary|portal|intracranial|ocular|gestational|pregnancy[- ]induced|white[- ]coat|renovascular|secondary|no|denies|without)\s*$/i;

const CKD_STAGE =
  /\b(?:ckd|chronic kidney disease|chronic renal (?:disease|failure|insufficiency))[ \t]*(?:,[ \t]*)?(?:stage|stg\.?)?[ \t]*(iiia|iiib|iii|iv|ii|v|i|[1-5][ab]?)\b|\bckd([1-5][ab]?)\b|\bstage[ \t]*([1-5][ab]?|iiia|iiib|iii|iv|ii|v|i)[ \t]+(?:ckd|chronic kidney disease)\b/gi;
const ESRD = /\b(?:esrd|eskd|end[- ]stage (?:renal|kidney) (?:disease|failure))\b/gi;

const STATEMENT_SECTIONS = new Set<string | undefined>([
  'assessment_and_plan',
  'diagnoses',
  'discharge_diagnoses',
  'problem_list',
]);

/** Where and at what stage the note documents CKD, most severe first. */
export function documentedCkdStage(
  doc: RuleDocument,
  allowed: (pos: number) => boolean,
): { code: string; evidence: EvidenceSpan } | undefined {
  const found: { code: string; evidence: EvidenceSpan }[] = [];
  for (const m of doc.text.matchAll(ESRD))
    if (allowed(m.index))
      found.push({ code: 'N18.6', evidence: span(doc.text, m.index, m.index + m[0].length) });
  for (const m of doc.text.matchAll(CKD_STAGE)) {
    const stage = (m[1] ?? m[2] ?? m[3] ?? '').toLowerCase();
    const code = STAGE_CODE[stage];
    if (code && allowed(m.index))
      found.push({ code, evidence: span(doc.text, m.index, m.index + m[0].length) });
  }
  const rank = (c: string): number =>
    ['N18.6', 'N18.5', 'N18.4', 'N18.32', 'N18.31', 'N18.30', 'N18.2', 'N18.1'].indexOf(c);
  // The stage the assessment states is today's ("CKD stage 3a of transplanted kidney" after
  // "ESRD … HD 2015-2018" in the history).
  const stated = found.filter((f) => STATEMENT_SECTIONS.has(sectionAt(doc, f.evidence.start)));
  return (stated.length ? stated : found).sort((a, b) => rank(a.code) - rank(b.code))[0];
}

/**
 * Applies the combination rules to the reportable codes in place (removes components, adds
 * combinations and additional codes). `pool` holds every candidate, for evidence.
 */
export function applyCombinationCodes(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  removed: CodeSuggestion[],
  allowed: (pos: number) => boolean,
): void {
  const find = (re: RegExp): CodeSuggestion[] => codes.filter((c) => codeIn(c.code, re));
  const remove = (s: CodeSuggestion, rule: string, message: string, partner: string[]): void => {
    const i = codes.indexOf(s);
    if (i < 0) return;
    codes.splice(i, 1);
    addNote(s, { rule, message, codes: partner });
    removed.push(s);
  };
  const ensure = (
    code: string,
    evidence: EvidenceSpan[],
    rule: string,
    message: string,
    partners: string[],
  ): CodeSuggestion => {
    let s = codes.find((c) => c.code === code);
    if (!s) {
      s = ruleSuggestion(onto, code, evidence, 'present', 0.8, []);
      codes.push(s);
    } else {
      s.evidence = mergeEvidence(s.evidence, evidence);
    }
    addNote(s, { rule, message, codes: partners });
    return s;
  };

  // CKD: one N18 code, at the stage the note documents.
  const stage = documentedCkdStage(doc, allowed);
  const ckdCodes = find(/^N18/);
  const impliedCkd = find(/^(?:I12|I13[12]|E(?:0[89]|1[0-3])22)/);
  let ckd: CodeSuggestion | undefined;
  if (stage) {
    ckd = ensure(
      stage.code,
      [stage.evidence, ...ckdCodes.flatMap((c) => c.evidence)],
      'ckd-stage',
      `CKD stage from "${stage.evidence.text}".`,
      [],
    );
  } else if (ckdCodes.length) {
    ckd = ckdCodes.sort((a, b) => b.code.localeCompare(a.code))[0];
  } else if (impliedCkd.length) {
    ckd = ensure(
      'N18.9',
      impliedCkd[0]!.evidence,
      'use-additional',
      'Use additional code to identify the stage of chronic kidney disease (N18.-).',
      [impliedCkd[0]!.code],
    );
  }
  for (const c of find(/^N18/))
    if (ckd && c !== ckd)
      remove(c, 'ckd-stage', `${ckd.code} documents the CKD stage.`, [ckd.code]);

  // Diabetes with CKD (the "with" presumption), and E1x.9 ("without complications") beside a complication.
  for (const cat of ['E08', 'E09', 'E10', 'E11', 'E13']) {
    const dm = find(new RegExp(`^${cat}`));
    if (!dm.length) continue;
    if (ckd) {
      const combo = `${cat}.22`;
      if (!dm.some((c) => c.code === combo)) {
        ensure(
          combo,
          [...dm.flatMap((c) => c.evidence), ...ckd.evidence],
          'combination',
          `Diabetes with chronic kidney disease: the "with" presumption links them (${combo} + ${ckd.code}).`,
          [ckd.code],
        );
      }
      addNote(
        codes.find((c) => c.code === combo)!,
        {
          rule: 'use-additional',
          message: `Use additional code for the CKD stage: ${ckd.code}.`,
          codes: [ckd.code],
        },
      );
      addNote(ckd, {
        rule: 'use-additional',
        message: `Additional code for the stage of the diabetic CKD (${combo}).`,
        codes: [combo],
      });
    }
    const all = find(new RegExp(`^${cat}`));
    const complicated = all.filter((c) => !/\.(?:9|8)$/.test(c.code));
    if (complicated.length) {
      for (const c of all)
        if (/\.(?:9|8)$/.test(c.code))
          remove(
            c,
            'combination',
            `${complicated.map((x) => x.code).join(', ')} already codes the diabetes with its complication.`,
            complicated.map((x) => x.code),
          );
    }
  }
  // Type 1 stated: the default type 2 code of an untyped "diabetes" mention goes.
  if (find(/^E10/).length) {
    for (const c of find(/^E11/))
      if (!c.evidence.some((e) => /\b(?:type\s*(?:2|ii)|t2|dm\s*2|dm2|dmii|niddm)/i.test(e.text)))
        remove(
          c,
          'combination',
          'Type 1 diabetes is documented; the untyped mention is the same condition.',
          find(/^E10/).map((x) => x.code),
        );
  }

  // Hypertension with heart failure and/or CKD.
  const htn = find(/^I1[0-3]/);
  if (!htn.length) {
    // "Hypertension" the dictionary folded into a longer match the ranker did not keep.
    const m = [...doc.text.matchAll(HYPERTENSION)].find(
      (x) =>
        allowed(x.index) && !SECONDARY_HTN.test(doc.text.slice(Math.max(0, x.index - 25), x.index)),
    );
    if (!m || !(find(/^I50/).length || ckd)) return;
    htn.push(
      ruleSuggestion(
        onto,
        'I10',
        [span(doc.text, m.index, m.index + m[0].length)],
        'present',
        0.8,
        [],
      ),
    );
    codes.push(htn[0]!);
  }
  const hf = find(/^I50/);
  const hasHf =
    hf.length > 0 || htn.some((c) => /^I(?:110|130|132)$/.test(c.code.replace('.', '')));
  const hasHeart = htn.some((c) => codeIn(c.code, /^I11|^I13/));
  const hasCkd = !!ckd;
  const stage5 = !!ckd && /^N18\.[56]$/.test(ckd.code);
  let combo: string;
  if (hasHf && hasCkd) combo = stage5 ? 'I13.2' : 'I13.0';
  else if (hasCkd) combo = hasHeart ? (stage5 ? 'I13.11' : 'I13.10') : stage5 ? 'I12.0' : 'I12.9';
  else if (hasHf) combo = 'I11.0';
  else return;
  const partners = [...(hasHf ? hf.map((c) => c.code) : []), ...(ckd ? [ckd.code] : [])];
  const what = [hasHf || hasHeart ? 'heart' : '', hasCkd ? 'chronic kidney disease' : '']
    .filter(Boolean)
    .join(' and ');
  const comboS = ensure(
    combo,
    [...htn.flatMap((c) => c.evidence), ...hf.flatMap((c) => c.evidence), ...(ckd?.evidence ?? [])],
    'combination',
    `Hypertension with ${what}: the guidelines presume the link (${combo}).`,
    partners,
  );
  for (const c of find(/^I1[0-3]/))
    if (c !== comboS)
      remove(c, 'combination', `${combo} combines the hypertension with its ${what}.`, [combo]);
  // Resistant hypertension is reported beside the combination only where the note says so.
  for (const c of find(/^I1A/))
    if (!c.evidence.some((e) => /resistant/i.test(e.text)))
      remove(c, 'combination', `${combo} codes the hypertension; "resistant" is not written.`, [
        combo,
      ]);
  if (hasHf) {
    const hfCode =
      hf[0] ??
      ensure(
        'I50.9',
        comboS.evidence,
        'use-additional',
        `Use additional code to identify the type of heart failure (${combo}).`,
        [combo],
      );
    for (const h of find(/^I50/))
      addNote(h, {
        rule: 'use-additional',
        message: `Additional code for the type of heart failure with ${combo}.`,
        codes: [combo],
      });
    addNote(comboS, {
      rule: 'use-additional',
      message: `Use additional code for the type of heart failure: ${hfCode.code}.`,
      codes: [hfCode.code],
    });
  }
  if (ckd) {
    addNote(comboS, {
      rule: 'use-additional',
      message: `Use additional code for the CKD stage: ${ckd.code}.`,
      codes: [ckd.code],
    });
    addNote(ckd, {
      rule: 'use-additional',
      message: `Additional code for the CKD stage with ${combo}.`,
      codes: [combo],
    });
  }
}

function mergeEvidence(a: EvidenceSpan[], b: EvidenceSpan[]): EvidenceSpan[] {
  const out = [...a];
  for (const e of b)
    if (!out.some((x) => x.start === e.start && x.end === e.end)) out.push({ ...e });
  return out.sort((x, y) => x.start - y.start);
}
