/**
 * A diagnosis written as a code's official title is that code: EHR problem lists and
 * diagnosis pick-lists often carry the Tabular's long title verbatim ("Type 2 diabetes mellitus
 * with diabetic chronic kidney disease"). This is the Tabular verification step done exactly:
 * a sentence or list item whose words are a billable code's full title reports that code, and
 * the candidates of the same category inside it give way.
 */
import type { Ontology } from '../ontology/ontology.js';
import { foldText, foldTokens, toDotted } from '../ontology/fold-text.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote, ruleSuggestion, type RuleDocument } from './rule-text.js';

const titleMaps = new WeakMap<Ontology, Map<string, string>>();

/** Folded title words → dotless billable code, built once per terminology. */
function titleMap(onto: Ontology): Map<string, string> {
  let map = titleMaps.get(onto);
  if (map) return map;
  map = new Map();
  const { codes, titles, billable } = onto.pack;
  for (let i = 0; i < codes.length; i++) {
    if (billable[i] !== '1') continue;
    // foldTokens(title).join(' '): folded text is already single-spaced and trimmed.
    const key = foldText(titles[i]!);
    if (!map.has(key)) map.set(key, codes[i]!);
  }
  titleMaps.set(onto, map);
  return map;
}

/** A list item's own words: no section label, list number or bullet before it. */
const ITEM_PREFIX = /^\s*(?:[A-Za-z][A-Za-z /&-]{1,40}:\s*)?(?:\d{1,2}[.)]\s*|[-*•#]\s*)?/;

/** Reports the codes whose full title a sentence is; returns the candidates they replace. */
export function applyExactTitles(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  const map = titleMap(onto);
  const removed: CodeSuggestion[] = [];
  for (const sent of doc.sentences) {
    const raw = doc.text.slice(sent.start, sent.end);
    const prefix = ITEM_PREFIX.exec(raw)?.[0].length ?? 0;
    const words = foldTokens(raw.slice(prefix));
    if (words.length < 2) continue;
    const code = map.get(words.join(' '));
    if (!code) continue;
    const start = sent.start + prefix;
    const end = sent.start + raw.replace(/[\s.;]+$/, '').length;
    const dotted = toDotted(code);
    const inside = (s: CodeSuggestion): boolean =>
      s.evidence.every((e) => e.start >= start && e.end <= end);
    for (const s of [...codes]) {
      if (s.code === dotted || !inside(s) || s.code.slice(0, 3) !== dotted.slice(0, 3)) continue;
      addNote(s, {
        rule: 'exact-title',
        message: `The note writes the official title of ${dotted}.`,
        codes: [dotted],
      });
      codes.splice(codes.indexOf(s), 1);
      removed.push(s);
    }
    if (codes.some((s) => s.code === dotted)) continue;
    const note = {
      rule: 'exact-title',
      message: `The note writes the official title of ${dotted} (Tabular List).`,
    };
    codes.push(
      ruleSuggestion(
        onto,
        dotted,
        [{ start, end, text: doc.text.slice(start, end) }],
        'present',
        0.95,
        [note],
      ),
    );
  }
  return removed;
}
