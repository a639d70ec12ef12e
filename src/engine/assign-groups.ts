/**
 * The panel's groups and the reported order, for both scopes: the principal diagnosis (the first
 * definitive diagnosis of the discharge diagnoses, diagnoses, assessment or problem list, its
 * "code first" etiology before it), other conditions, then status and encounter Z codes, then
 * history. The mentions scope keeps its ranked order (`keepOrder`) and takes the groups only.
 */
import type { CodeGroup, CodeSuggestion } from './coding-types.js';
import { codeIn, sectionAt, type RuleDocument } from './rule-text.js';

const PRINCIPAL_SECTIONS = [
  'discharge_diagnoses',
  'diagnoses',
  'assessment_and_plan',
  'problem_list',
] as const;

/** T36-T50 with 6th character 5 (adverse effect) or 6 (underdosing). */
const ADVERSE_OR_UNDERDOSING = /^T(?:3[6-9]|4\d|50)\.[0-9A-Z]{2}[56]/;

/**
 * Principal: the first definitive diagnosis listed in Discharge Diagnoses / Diagnoses /
 * Assessment (a "code first" partner before its manifestation), else the highest ranked;
 * then secondary by score; history (Z codes and past conditions) last.
 */
export function assignGroups(
  doc: RuleDocument,
  codes: CodeSuggestion[],
  keepOrder = false,
): CodeSuggestion[] {
  const isHistory = (c: CodeSuggestion): boolean =>
    c.assertion === 'historical' ||
    c.assertion === 'family' ||
    codeIn(c.code, /^Z8[0-7]|^Z9[0-9]|^I252/);
  // An adverse effect or underdosing code follows the condition it caused (I.C.19.e.5.a, c).
  const definitive = codes.filter(
    (c) => !isHistory(c) && !codeIn(c.code, /^[RZ]/) && !ADVERSE_OR_UNDERDOSING.test(c.code),
  );
  const firstAt = (c: CodeSuggestion): number => Math.min(...c.evidence.map((e) => e.start));
  const sectionRank = (c: CodeSuggestion): number => {
    const sec = sectionAt(doc, firstAt(c));
    const k = PRINCIPAL_SECTIONS.indexOf(sec as (typeof PRINCIPAL_SECTIONS)[number]);
    return k < 0 ? PRINCIPAL_SECTIONS.length : k;
  };
  const byRank = [...codes].sort((a, b) => b.score - a.score || firstAt(a) - firstAt(b));
  let principal: CodeSuggestion | undefined;
  const inSections = definitive.filter((c) => sectionRank(c) < PRINCIPAL_SECTIONS.length);
  if (inSections.length)
    principal = inSections.sort(
      (a, b) => sectionRank(a) - sectionRank(b) || firstAt(a) - firstAt(b),
    )[0];
  else principal = byRank.find((c) => definitive.includes(c));
  // "Code first": the etiology goes before its manifestation.
  const first = principal?.notes.find(
    (n) => n.rule === 'code-first' && n.message.startsWith('Code first'),
  )?.codes?.[0];
  const etiology = first
    ? codes.find((c) => c.code === first && definitive.includes(c))
    : undefined;
  if (etiology) principal = etiology;
  // A routine examination (I.C.21.c.13) or the supervision of a normal pregnancy (I.C.15.b.1) is
  // the reason for the visit.
  principal = codes.find((c) => /^Z00\.[01]|^Z34\./.test(c.code)) ?? principal;
  const ordered: CodeSuggestion[] = [];
  if (principal) ordered.push(principal);
  // Conditions, then status and encounter Z codes, then history: never a status code ahead of
  // the condition it qualifies.
  for (const c of byRank)
    if (c !== principal && !isHistory(c) && !codeIn(c.code, /^Z/)) ordered.push(c);
  for (const c of byRank)
    if (c !== principal && !isHistory(c) && codeIn(c.code, /^Z/)) ordered.push(c);
  for (const c of byRank) if (c !== principal && isHistory(c)) ordered.push(c);
  for (const c of ordered) {
    let group: CodeGroup = 'secondary';
    if (c === principal) group = 'principal';
    else if (isHistory(c)) group = 'history';
    c.group = group;
  }
  return keepOrder ? codes : ordered;
}
