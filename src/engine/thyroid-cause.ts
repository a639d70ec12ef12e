/**
 * Hypothyroidism by the cause its line names: after ablation, radioactive iodine or a
 * thyroidectomy it is postprocedural (Alphabetic Index: "Hypothyroidism, postablative,
 * postsurgical" E89.0); Hashimoto's is autoimmune thyroiditis (E06.3), which the unspecified
 * E03.9 then says less well.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { lineAround, recode, type RuleDocument } from './rule-text.js';

const POSTPROCEDURAL =
  /\bpost[- ]?(?:ablat\w*|surgical|thyroidectomy|rai)\b|\b(?:s\/p|after|following|status post)\s+(?:\w+\s+){0,2}?(?:rai|radioactive iodine|i-?131|ablation|thyroidectomy)\b/i;
const HASHIMOTO = /\bhashimoto(?:'?s)?\b(?!\s*\?)/i;
/** "Hashimoto? - not known", "possible Hashimoto's": a cause supposed, not stated. */
const SUPPOSED =
  /(?:\?|\b(?:possible|probable|likely|suspected|r\/o|rule out))\s*hashimoto|hashimoto\S*\s*\?|not known|unknown/i;

/** Recodes an unspecified hypothyroidism whose line names its cause. */
export function applyThyroidCause(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): void {
  for (const s of [...codes]) {
    if (s.code !== 'E03.9' || s.assertion !== 'present') continue;
    const line = s.evidence.map((e) => lineAround(doc.text, e)).join(' ');
    const code = POSTPROCEDURAL.test(line)
      ? 'E89.0'
      : HASHIMOTO.test(line) && !SUPPOSED.test(line)
        ? 'E06.3'
        : undefined;
    if (!code || !onto.isBillable(code)) continue;
    if (codes.some((c) => c.code === code)) {
      codes.splice(codes.indexOf(s), 1);
      continue;
    }
    recode(onto, s, code, `E03.9 refined to ${code}: the note names the cause.`);
  }
}
