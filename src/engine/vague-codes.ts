/**
 * Codes that say less than the note: a malignant neoplasm of unspecified site (C80.1) beside the
 * primary the note names; "lung nodules" (R91.8) for a single nodule, which the Index files as
 * solitary (R91.1); and, on a stay, an aftercare or device-fitting encounter (Z43-Z48) the
 * narrative mentions ("dressing change", "catheter removed"), which is care given during the stay,
 * not its reason (Guidelines I.C.21.c.7: aftercare codes are not for the acute treatment).
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CareSetting, CodeSuggestion } from './coding-types.js';
import { addNote, codeIn, recode, sectionAt, type RuleDocument } from './rule-text.js';

const PRIMARY = /^C(?:[0-6]\d|7[0-6])/;
const REASON_SECTIONS = new Set(['chief_complaint', 'diagnoses', 'discharge_diagnoses']);

/** Removes the codes that say less; returns them for the flagged list. */
export function dropVagueCodes(
  onto: Ontology,
  doc: RuleDocument,
  setting: CareSetting,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  const dropped: CodeSuggestion[] = [];
  const drop = (s: CodeSuggestion, message: string): void => {
    addNote(s, { rule: 'specificity', message });
    codes.splice(codes.indexOf(s), 1);
    dropped.push(s);
  };
  const primary = codes.find((c) => c.assertion === 'present' && codeIn(c.code, PRIMARY));
  for (const s of codes.filter((c) => c.code === 'C80.1' && primary))
    drop(s, `${primary!.code} names the primary site.`);
  for (const s of codes.filter((c) => c.code === 'R91.8')) {
    if (s.evidence.every((e) => /\bnodule\b/i.test(e.text) && !/\bnodules\b/i.test(e.text)))
      recode(onto, s, 'R91.1', 'One nodule: the Index files a lung nodule as solitary (R91.1).');
  }
  if (setting !== 'inpatient') return dropped;
  for (const s of codes.filter((c) => codeIn(c.code, /^Z4[3-8]/) && c.source !== 'rule')) {
    if (s.evidence.some((e) => REASON_SECTIONS.has(sectionAt(doc, e.start) ?? ''))) continue;
    drop(s, 'Care given during the stay, not the reason for it (Guidelines I.C.21.c.7).');
  }
  return dropped;
}
