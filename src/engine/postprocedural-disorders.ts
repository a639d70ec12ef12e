/**
 * A chapter's "other postprocedural complications and disorders" code (K91.89, N99.89, J95.89,
 * ...) says that a procedure caused the condition but not what the condition is; its Tabular
 * note says "use additional code, if applicable, to further specify disorder". Where the
 * code's own words name the condition beside the postprocedural word ("postoperative ileus"),
 * the Index's main term for it gives the additional code (Ileus K56.7), sequenced after.
 */
import type { Ontology } from '../ontology/ontology.js';
import { toDotless } from '../ontology/fold-text.js';
import type { CodeSuggestion, EvidenceSpan } from './coding-types.js';
import { resolveCode } from './resolve-code.js';
import { recode, ruleSuggestion } from './rule-text.js';

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

/** The Index's subterms that say a procedure caused the condition. */
const AFTER_CARE = /^(?:postoperative|postprocedural|postsurgical|iatrogenic)\b/;
/** The same words as a note writes them, next to the condition. */
const AFTER_CARE_WORD = /\b(?:post-?op(?:erative)?|post-?procedural|post-?surgical|iatrogenic)\b/i;

/** Dotless code of a condition → its Index subterms "postoperative" etc. and their codes. */
const afterCareByCode = new WeakMap<Ontology, Map<string, Map<string, string>>>();

function afterCareSubterms(onto: Ontology): Map<string, Map<string, string>> {
  let m = afterCareByCode.get(onto);
  if (m) return m;
  m = new Map();
  const { level, term, code } = onto.pack.index;
  const parents: number[] = [];
  for (let r = 0; r < term.length; r++) {
    parents.length = level[r]!;
    const parent = parents.at(-1);
    parents.push(r);
    const word = AFTER_CARE.exec(term[r]!)?.[0];
    if (!word || parent === undefined || !code[parent] || !code[r]) continue;
    const byWord = m.get(code[parent]!) ?? new Map<string, string>();
    if (!byWord.has(word)) byWord.set(word, code[r]!);
    m.set(code[parent]!, byWord);
  }
  afterCareByCode.set(onto, m);
  return m;
}

/** The Index word for what the note wrote ("post-op" is "postoperative"), then its kin. */
function variantsOf(written: string): string[] {
  const w = written.toLowerCase().replace(/-/g, '');
  const first = w.startsWith('postop')
    ? 'postoperative'
    : w.startsWith('postproc')
      ? 'postprocedural'
      : w.startsWith('postsurg')
        ? 'postsurgical'
        : 'iatrogenic';
  return [first, 'postprocedural', 'postoperative', 'postsurgical'];
}

/**
 * A condition written with "postoperative", "post-op", "postsurgical" or "iatrogenic" right
 * beside it is coded by the Index's subterm of that name ("Hypothyroidism, postsurgical" E89.0;
 * "Pneumothorax, postprocedural" J95.811 for an iatrogenic one), in place of the plain code.
 */
export function recodeAfterCare(
  onto: Ontology,
  text: string,
  codes: readonly CodeSuggestion[],
): void {
  const subterms = afterCareSubterms(onto);
  for (const s of codes) {
    const byWord = subterms.get(toDotless(s.code));
    if (!byWord || s.assertion !== 'present') continue;
    const written = s.evidence.map((e) => afterCareWordBeside(text, e)).find(Boolean);
    if (!written) continue;
    const word = variantsOf(written).find((v) => byWord.has(v));
    const code = word && resolveCode(onto, byWord.get(word)!, 'initial')?.code;
    if (!code || code === s.code) continue;
    recode(
      onto,
      s,
      code,
      `"${written}" beside it: ${code}, Index: ${s.title.split(',')[0]}, ${word}.`,
      'complication-of-care',
    );
  }
}

/** "Postoperative ileus", "ileus post-op": the word right before or after the mention. */
function afterCareWordBeside(text: string, e: EvidenceSpan): string | undefined {
  const before = /([A-Za-z-]+)[\s-]*$/.exec(text.slice(Math.max(0, e.start - 20), e.start));
  const after = /^[\s,-]*([A-Za-z-]+)/.exec(text.slice(e.end, e.end + 20));
  for (const m of [before, after]) if (m && AFTER_CARE_WORD.test(m[1]!)) return m[1];
  return AFTER_CARE_WORD.exec(e.text)?.[0];
}
