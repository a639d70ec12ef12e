/**
 * Codes that say less than the note: a suicide attempt of unknown nature (T14.91) beside the
 * self-harm poisoning that names it; a malignant neoplasm of unspecified site (C80.1) beside the
 * primary the note names; "lung nodules" (R91.8) for a single nodule, which the Index files as
 * solitary (R91.1); and, on a stay, an aftercare or device-fitting encounter (Z43-Z48) the
 * narrative mentions ("dressing change", "catheter removed"), which is care given during the stay,
 * not its reason (Guidelines I.C.21.c.7: aftercare codes are not for the acute treatment).
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CareSetting, CodeSuggestion } from './coding-types.js';
import { addNote, codeIn, recode, sectionAt, type RuleDocument } from './rule-text.js';

const PRIMARY = /^C(?:[0-6]\d|7[0-6])/;
/** T36-T65 with 6th character 2: poisoning, intentional self-harm (dotless, as codeIn reads it). */
const SELF_HARM_POISONING = /^T(?:3[6-9]|[45]\d|6[0-5])\w{2}2/;
const REASON_SECTIONS = new Set(['chief_complaint', 'diagnoses', 'discharge_diagnoses']);

/** Removes the codes that say less; returns them for the flagged list. */
export function dropVagueCodes(
  onto: Ontology,
  doc: RuleDocument,
  setting: CareSetting,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  const dropped: CodeSuggestion[] = [];
  const drop = (s: CodeSuggestion, message: string, rule = 'specificity'): void => {
    addNote(s, { rule, message });
    codes.splice(codes.indexOf(s), 1);
    dropped.push(s);
  };
  // "Suicide attempt" (T14.91) codes an injury of unknown nature: a self-harm poisoning names it.
  const selfHarm = codes.find((c) => codeIn(c.code, SELF_HARM_POISONING));
  for (const s of codes.filter((c) => codeIn(c.code, /^T1491/) && selfHarm))
    drop(s, `${selfHarm!.code} names the self-harm.`, 'integral-symptom');
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
