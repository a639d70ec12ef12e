/**
 * A chapter's "other postprocedural complications and disorders" code (K91.89, N99.89, J95.89,
 * ...) says that a procedure caused the condition but not what the condition is; its Tabular
 * note says "use additional code, if applicable, to further specify disorder". Where the
 * code's own words name the condition beside the postprocedural word ("postoperative ileus"),
 * the Index's main term for it gives the additional code (Ileus K56.7), sequenced after.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { resolveCode } from './resolve-code.js';
import { ruleSuggestion } from './rule-text.js';

const FURTHER_SPECIFY = /\bfurther specify (?:the )?disorder\b/i;
/** The words that say "after a procedure"; what is left names the condition. */
const POSTPROCEDURAL =
  /\b(?:post-?op(?:erative(?:ly)?)?|post-?procedural|post-?surgical|after\s+(?:the\s+)?(?:surgery|procedure|operation)|following\s+(?:the\s+)?(?:surgery|procedure|operation))\b/gi;

/** The additional codes the postprocedural codes among `codes` ask for, not yet reported. */
export function specifyPostproceduralDisorders(
  onto: Ontology,
  codes: readonly CodeSuggestion[],
): CodeSuggestion[] {
  const out: CodeSuggestion[] = [];
  for (const s of codes) {
    if (s.assertion !== 'present' || !/\bpostprocedural\b/i.test(s.title)) continue;
    const notes = onto.lookup(s.code)?.notes.useAdditionalCode ?? [];
    if (!notes.some((n) => FURTHER_SPECIFY.test(n.text))) continue;
    for (const e of s.evidence) {
      const condition = e.text.replace(POSTPROCEDURAL, ' ').replace(/\s+/g, ' ').trim();
      if (condition === e.text.trim() || !/^[a-z][a-z -]{2,40}$/i.test(condition)) continue;
      const code = conditionCode(onto, condition);
      if (!code || code.slice(0, 3) === s.code.slice(0, 3)) continue;
      if (codes.some((c) => c.code === code) || out.some((c) => c.code === code)) continue;
      out.push(
        ruleSuggestion(onto, code, [e], 'present', Math.max(0, s.score - 0.05), [
          {
            rule: 'use-additional',
            message: `${s.code} says "use additional code to further specify disorder": ${code}, Index: ${condition}.`,
            codes: [s.code],
          },
        ]),
      );
    }
  }
  return out;
}

/** The code of the Index main term the words name, completed; undefined when none does. */
function conditionCode(onto: Ontology, words: string): string | undefined {
  const row = onto.resolveIndexReference(words);
  const raw = row === undefined ? '' : (onto.indexEntry(row)?.code ?? '');
  return raw ? resolveCode(onto, raw, 'initial')?.code : undefined;
}
