/**
 * Pressure ulcers at the stage the note writes (Guidelines I.C.12.a): "Stage 3 pressure ulcer
 * of sacrum", "sacral decubitus, stage IV", "unstageable", "deep tissue (pressure) injury" choose
 * the sibling of the site's code whose title says that stage (L89.153, not L89.159). The stage
 * is read in the mention's own clause, before or after it.
 */
import type { Ontology } from '../ontology/ontology.js';
import { toDotless, toDotted } from '../ontology/fold-text.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote, codeIn, type RuleDocument } from './rule-text.js';

const ROMAN: Readonly<Record<string, string>> = { i: '1', ii: '2', iii: '3', iv: '4' };

/** The stage words of a clause, as the L89 titles say them. */
function stageIn(clause: string): RegExp | undefined {
  if (/\bdeep[- ]tissue\b|\bdti\b/i.test(clause)) return /deep tissue damage/i;
  if (/\bunstageable\b|\bunable to stage\b/i.test(clause)) return /\bunstageable\b/i;
  const m = /\bstage\s*(iv|iii|ii|i|[1-4])\b/i.exec(clause);
  if (!m) return undefined;
  const n = ROMAN[m[1]!.toLowerCase()] ?? m[1]!;
  return new RegExp(`\\bstage ${n}\\b`, 'i');
}

/** The clause around a mention: from the last sentence or list break before it to the next after it. */
function clauseOf(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 50), start);
  const after = text.slice(end, end + 50);
  return (
    (before.split(/[.;\n]|\d\.\s/).at(-1) ?? '') +
    text.slice(start, end) +
    (after.split(/[.;\n]/)[0] ?? '')
  );
}

export function applyPressureUlcerStage(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): void {
  for (const s of codes) {
    if (!codeIn(s.code, /^L89/)) continue;
    const stage = s.evidence
      .map((e) => stageIn(clauseOf(doc.text, e.start, e.end)))
      .find((x) => x !== undefined);
    const parent = onto.parent(toDotless(s.code));
    if (!stage || !parent || stage.test(s.title)) continue;
    const sibling = onto
      .children(parent)
      .find((k) => onto.isBillable(k) && stage.test(onto.title(k) ?? ''));
    if (!sibling) continue;
    addNote(s, {
      rule: 'specificity',
      message: `The note gives the stage: ${toDotted(sibling)}.`,
      codes: [s.code],
    });
    s.code = toDotted(sibling);
    s.title = onto.title(sibling) ?? s.title;
  }
}
