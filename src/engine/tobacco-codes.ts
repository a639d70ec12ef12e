/**
 * Tobacco, coded once per note the way the Index and the Tabular lead a coder (Guidelines
 * I.C.5.b.1, the tobacco notes at I10-I16, I20-I25, J44-J45 and the like):
 *
 * - current use: "Smoker" / "Dependence, drug, nicotine" → F17.2-, by product (cigarettes
 *   F17.21-, chewing tobacco F17.22-, other products such as cigars, pipes and vapes F17.29-,
 *   unspecified F17.20-) and status (in remission -1, with withdrawal -3, else uncomplicated -0);
 *   "tobacco use" without any sign of dependence → Z72.0;
 * - former use only ("former smoker", "quit in 2010") → Z87.891;
 * - never, denied, a family member's or a secondhand exposure: nothing here (exposure is
 *   Z77.22, from the Index).
 *
 * The dictionary's own tobacco candidates (any F17, Z72.0, Z87.891) are replaced by this one.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion, EvidenceSpan } from './coding-types.js';
import { codeIn, ruleSuggestion, sectionAt, type RuleDocument } from './rule-text.js';

const TOBACCO =
  /\b(?:smok(?:er|es|ing|ed)?|tobacco|cigarettes?|cigs?|cigars?|pipe smok\w*|nicotine|vap(?:e|es|ing|er)|e-?cig(?:arette)?s?|chew(?:s|ing)? tobacco|snuff|dip|ppd|pk[- ]?yrs?|pack[- ]?years?)\b/gi;
const NEVER = /\b(?:never|non|no|denies|denied|without)[- ]?(?:\w+[- ]){0,2}$/i;
const OTHER_PERSON =
  /\b(?:mom|mother|dad|father|parents?|brother|sister|spouse|wife|husband|partner|caregiver|household|secondhand|second-hand|environmental|passive|exposure)\b/i;
const FORMER =
  /\b(?:former|ex-|ex |past|prior|previous|remote|quit|quitting|stopped|h\/o|hx|history of)\b/i;
const ACTIVE =
  /\b(?:current(?:ly)?|active|still|daily|ppd|per day|a day|dependence|disorder|trying to quit|smokes|vapes|chews|uses)\b/i;
const REMISSION = /\bin (?:early |sustained )?remission\b/i;
const WITHDRAWAL = /\bnicotine withdrawal\b|\bwith withdrawal\b/i;

type Status = 'current' | 'former' | 'use';

interface Statement {
  span: EvidenceSpan;
  status: Status;
  product: 0 | 1 | 2 | 9;
  clause: string;
}

/** The clause around a mention: from the previous to the next stop (sentence, semicolon, line). */
function clauseAround(text: string, start: number, end: number): { from: number; text: string } {
  const from =
    Math.max(
      text.lastIndexOf('\n', start - 1),
      text.lastIndexOf(';', start - 1),
      text.lastIndexOf('. ', start - 1),
    ) + 1;
  const stops = [text.indexOf('\n', end), text.indexOf(';', end), text.indexOf('. ', end)].filter(
    (k) => k >= 0,
  );
  const to = stops.length ? Math.min(...stops) : text.length;
  return { from, text: text.slice(from, to) };
}

function productOf(clause: string): 0 | 1 | 2 | 9 {
  if (/\bchew|\bsnuff\b|\bdip\b|smokeless/i.test(clause)) return 2;
  // "e-cigarette" is a vape, not a cigarette.
  if (/\bcigars?\b|\bpipe\b|\bvap|\be-?cig|hookah|\bnicotine pouch/i.test(clause)) return 9;
  if (/\bcigarettes?\b|\bcigs?\b|\bppd\b|pk[- ]?yr|pack[- ]?year|packs?\b/i.test(clause)) return 1;
  return 0;
}

function statusOf(clause: string, before: string): Status | undefined {
  if (NEVER.test(before) || /\bnever\b|\bnonsmoker|\bnon-smoker|\bdenies\b/i.test(clause))
    return undefined;
  if (OTHER_PERSON.test(clause)) return undefined;
  if (
    FORMER.test(clause) &&
    !/\btrying to quit\b|\bnot ready to quit\b|\bdiscussed quitting\b|\badvised to quit\b/i.test(
      clause,
    )
  )
    return 'former';
  if (
    /\btobacco use\b/i.test(clause) &&
    !/\bdisorder\b|\bdependence\b|\bsmok|\bppd\b|\bcigarettes?\b/i.test(clause)
  )
    return 'use';
  if (
    ACTIVE.test(clause) ||
    /\bsmoker\b|\bsmok(?:es|ing)\b|\bnicotine dependence\b|\btobacco dependence\b|\bcigarettes?\b/i.test(
      clause,
    )
  )
    return 'current';
  return undefined;
}

/** Every tobacco statement about the patient in the note. */
export function findTobaccoStatements(doc: RuleDocument): Statement[] {
  const out: Statement[] = [];
  for (const m of doc.text.matchAll(TOBACCO)) {
    const start = m.index;
    const end = start + m[0].length;
    if (sectionAt(doc, start) === 'family_history' || sectionAt(doc, start) === 'medications')
      continue;
    if (
      /^nicotine$/i.test(m[0]) &&
      /^\s*(?:patch|gum|lozenge|replacement)/i.test(doc.text.slice(end, end + 14))
    )
      continue;
    const clause = clauseAround(doc.text, start, end);
    const status = statusOf(clause.text, doc.text.slice(clause.from, start));
    if (!status) continue;
    out.push({
      span: { start, end, text: m[0] },
      status,
      product: productOf(clause.text),
      clause: clause.text,
    });
  }
  return out;
}

/** The one tobacco code the statements support, if any. */
function tobaccoCode(
  statements: readonly Statement[],
): { code: string; evidence: Statement[] } | undefined {
  const current = statements.filter((s) => s.status === 'current');
  if (current.length) {
    const product =
      current.find((s) => s.product)?.product ??
      statements.find((s) => s.product && s.status !== 'former')?.product ??
      0;
    const clauses = current.map((s) => s.clause).join(' ');
    const status = REMISSION.test(clauses) ? 1 : WITHDRAWAL.test(clauses) ? 3 : 0;
    return { code: `F17.2${product === 9 ? 9 : product}${status}`, evidence: current };
  }
  const use = statements.filter((s) => s.status === 'use');
  if (use.length) return { code: 'Z72.0', evidence: use };
  const former = statements.filter((s) => s.status === 'former');
  if (former.length) return { code: 'Z87.891', evidence: former };
  return undefined;
}

const TOBACCO_CODE = /^F17|^Z720|^Z87891/;

/**
 * Replaces the tobacco candidates in `codes` by the one code the note supports. Returns the
 * candidates it removed (for the flagged list).
 */
export function applyTobaccoCode(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  const removed: CodeSuggestion[] = [];
  for (let i = codes.length - 1; i >= 0; i--) {
    if (codeIn(codes[i]!.code, TOBACCO_CODE)) removed.push(...codes.splice(i, 1));
  }
  const found = tobaccoCode(findTobaccoStatements(doc));
  if (!found || !onto.isBillable(found.code)) return removed;
  const what =
    found.code === 'Z87.891'
      ? 'former use only'
      : found.code === 'Z72.0'
        ? 'use without dependence'
        : 'current use, by product and status';
  const assertion = found.code === 'Z87.891' ? 'historical' : 'present';
  codes.push(
    ruleSuggestion(
      onto,
      found.code,
      found.evidence.map((s) => s.span),
      assertion,
      0.85,
      [
        {
          rule: 'tobacco',
          message: `Tobacco: ${what} (Index: Smoker / Dependence, drug, nicotine; History, personal, nicotine dependence).`,
        },
      ],
    ),
  );
  return removed.filter((r) => r.code !== found.code);
}
