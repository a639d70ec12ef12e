/**
 * Tabular instructional notes between suggested codes: Excludes1 pairs are flagged on both
 * codes (never silently reported together), and "code first" / "use additional code"
 * partners are noted, or suggested when the note documents the partner but it is missing.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeRef, NoteKind } from '../ontology/pack-format.js';
import { isCodeInRef } from '../ontology/parse-code-refs.js';
import { toDotless } from '../ontology/fold-text.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote } from './rule-text.js';

function refsOf(onto: Ontology, code: string, kind: NoteKind): readonly CodeRef[] {
  return onto.noteRefs(code, kind);
}

function matches(code: string, refs: readonly CodeRef[]): boolean {
  const d = toDotless(code);
  return refs.some((r) => isCodeInRef(d, r));
}

/**
 * Excludes1 pairs that describe one mention (their evidence overlaps): the code the note words
 * more fully is reported and the other removed ("ureteral calculus with hydronephrosis" is N13.2,
 * whose Excludes1 names N20.1). Returns the removed codes, each with the reason.
 */
export function resolveExcludes1SameMention(
  onto: Ontology,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  const removed: CodeSuggestion[] = [];
  const overlap = (a: CodeSuggestion, b: CodeSuggestion): boolean =>
    a.evidence.some((e) => b.evidence.some((f) => e.start < f.end && f.start < e.end));
  const extent = (s: CodeSuggestion): number => Math.max(...s.evidence.map((e) => e.end - e.start));
  for (const a of [...codes]) {
    if (!codes.includes(a) || a.source === 'rule') continue;
    const b = codes.find(
      (o) =>
        o !== a &&
        o.code !== a.code &&
        matches(a.code, refsOf(onto, o.code, 'excludes1')) &&
        overlap(a, o) &&
        extent(o) > extent(a),
    );
    if (!b) continue;
    addNote(a, {
      rule: 'excludes1',
      message: `Excludes1 at ${b.code}, which codes the same words more fully: not reported.`,
      codes: [b.code],
    });
    codes.splice(codes.indexOf(a), 1);
    removed.push(a);
  }
  return removed;
}

/** Adds an "excludes1" note on both codes of every Excludes1 pair among `codes`. */
export function flagExcludes1(onto: Ontology, codes: readonly CodeSuggestion[]): void {
  for (let i = 0; i < codes.length; i++) {
    for (let j = i + 1; j < codes.length; j++) {
      const a = codes[i]!;
      const b = codes[j]!;
      if (a.code === b.code) continue;
      if (
        matches(b.code, refsOf(onto, a.code, 'excludes1')) ||
        matches(a.code, refsOf(onto, b.code, 'excludes1'))
      ) {
        addNote(a, {
          rule: 'excludes1',
          message: `Excludes1 with ${b.code}: the two are not reported together unless the conditions are unrelated; review.`,
          codes: [b.code],
        });
        addNote(b, {
          rule: 'excludes1',
          message: `Excludes1 with ${a.code}: the two are not reported together unless the conditions are unrelated; review.`,
          codes: [a.code],
        });
      }
    }
  }
}

/**
 * Notes the code-first / use-additional pairs among `codes`; where a partner is missing but
 * a documented candidate in `pool` (present, not yet reported) fits the note, returns it so
 * that the caller can add it.
 */
export function pairPartners(
  onto: Ontology,
  codes: readonly CodeSuggestion[],
  pool: readonly CodeSuggestion[],
): CodeSuggestion[] {
  const added: CodeSuggestion[] = [];
  const all = (): CodeSuggestion[] => [...codes, ...added];
  for (const a of codes) {
    for (const kind of ['codeFirst', 'useAdditionalCode', 'codeAlso'] as const) {
      const refs = refsOf(onto, a.code, kind);
      if (!refs.length) continue;
      let partners = all().filter((b) => b !== a && b.code !== a.code && matches(b.code, refs));
      if (!partners.length && kind !== 'codeAlso') {
        const documented = pool.filter(
          (b) =>
            b.assertion === 'present' &&
            b.code !== a.code &&
            matches(b.code, refs) &&
            !all().some((c) => c.code === b.code),
        );
        const pick = documented.sort((x, y) => y.score - x.score)[0];
        if (pick && !/^R/.test(pick.code)) {
          const copy: CodeSuggestion = {
            ...pick,
            evidence: pick.evidence.map((e) => ({ ...e })),
            notes: [...pick.notes],
          };
          addNote(copy, {
            rule: 'partner-added',
            message: `Documented in the note and required by the ${kind === 'codeFirst' ? '"code first"' : '"use additional code"'} note of ${a.code}.`,
            codes: [a.code],
          });
          added.push(copy);
          partners = [copy];
        }
      }
      for (const b of partners) {
        if (kind === 'codeFirst') {
          addNote(a, {
            rule: 'code-first',
            message: `Code first ${b.code} (sequenced before ${a.code}).`,
            codes: [b.code],
          });
          addNote(b, {
            rule: 'code-first',
            message: `Sequenced before ${a.code}, whose note says "code first".`,
            codes: [a.code],
          });
        } else if (kind === 'useAdditionalCode') {
          addNote(a, {
            rule: 'use-additional',
            message: `Use additional code ${b.code}.`,
            codes: [b.code],
          });
        } else {
          addNote(a, { rule: 'code-also', message: `Code also ${b.code}.`, codes: [b.code] });
        }
      }
    }
  }
  return added;
}
