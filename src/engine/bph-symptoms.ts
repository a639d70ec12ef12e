/**
 * Benign prostatic hyperplasia with its urinary symptoms: N40.1 ("with lower urinary tract
 * symptoms"), N40.3 when nodular, not N40.0 / N40.2 ("without"), where the note documents a
 * symptom N40.1's "use additional code" note lists (nocturia R35.1, frequency R35.0, weak
 * stream R39.12, retention R33.8...): the symptom codes stay beside it, as the note asks.
 */
import type { Ontology } from '../ontology/ontology.js';
import { isCodeInRef } from '../ontology/parse-code-refs.js';
import { toDotless } from '../ontology/fold-text.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote } from './rule-text.js';

const WITH_SYMPTOMS: Readonly<Record<string, string>> = { 'N40.0': 'N40.1', 'N40.2': 'N40.3' };

export function applyBphSymptoms(onto: Ontology, codes: CodeSuggestion[]): void {
  const bph = codes.find((c) => WITH_SYMPTOMS[c.code] && c.assertion === 'present');
  if (!bph) return;
  const target = WITH_SYMPTOMS[bph.code]!;
  const refs = onto.noteRefs(target, 'useAdditionalCode');
  const symptoms = codes.filter(
    (c) => c.assertion === 'present' && refs.some((r) => isCodeInRef(toDotless(c.code), r)),
  );
  if (!symptoms.length || !onto.isBillable(target)) return;
  addNote(bph, {
    rule: 'combination',
    message: `${symptoms.map((s) => s.code).join(', ')} documented: benign prostatic hyperplasia with lower urinary tract symptoms is ${target}, with the symptoms as additional codes.`,
    codes: symptoms.map((s) => s.code),
  });
  bph.code = target;
  bph.title = onto.title(target) ?? bph.title;
}
