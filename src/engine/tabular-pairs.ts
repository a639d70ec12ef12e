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
import { routinelyPartOf } from './integral-symptoms.js';
import { TITLE_CONTAINMENT_LINKS } from '../text/function-words.js';

function refsOf(onto: Ontology, code: string, kind: NoteKind): readonly CodeRef[] {
  return onto.noteRefs(code, kind);
}

function matches(code: string, refs: readonly CodeRef[]): boolean {
  const d = toDotless(code);
  return refs.some((r) => isCodeInRef(d, r));
}

/**
 * Excludes1 pairs (either code's note naming the other) that describe one mention (their
 * evidence overlaps): the code the note words more fully is reported and the other removed
 * ("ureteral calculus with hydronephrosis" is N13.2, whose Excludes1 names N20.1; "MDD,
 * recurrent, in remission" is F33.40, not the single episode F32.9 whose Excludes1 names F33).
 * Returns the removed codes, each with the reason.
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
        (matches(a.code, refsOf(onto, o.code, 'excludes1')) ||
          matches(o.code, refsOf(onto, a.code, 'excludes1'))) &&
        overlap(a, o) &&
        extent(o) > extent(a) &&
        !tabularPartners(onto, a.code, o.code),
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
/**
 * Excludes1 between mentions: when a code's own Excludes1 note names another reported code and
 * the first is the vaguer statement of the same condition ("cirrhosis" K74.60 beside "alcoholic
 * cirrhosis" K70.31; "osteoporosis" M81.0 beside the fragility fracture M80.-), the note
 * documents the excluded, fuller code and the first goes. Conditions the note keeps apart keep
 * both (they are flagged for review by {@link flagExcludes1}).
 */
export function resolveExcludes1AcrossMentions(
  onto: Ontology,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  const removed: CodeSuggestion[] = [];
  for (const a of [...codes]) {
    if (a.source === 'rule' || a.assertion !== 'present') continue;
    const dx = isSymptom(a.code) ? diagnosisExcluding(onto, a, codes) : undefined;
    if (dx !== undefined) {
      addNote(a, {
        rule: 'excludes1',
        message: `Excludes1 between ${dx.code} and ${a.code}: the symptom is part of the documented diagnosis; not reported.`,
        codes: [dx.code],
      });
      codes.splice(codes.indexOf(a), 1);
      removed.push(a);
      continue;
    }
    const refs = refsOf(onto, a.code, 'excludes1');
    if (!refs.length) continue;
    const b = codes.find(
      (o) =>
        o !== a &&
        o.code.slice(0, 3) !== a.code.slice(0, 3) &&
        matches(o.code, refs) &&
        !VAGUE.test(o.title) &&
        !(isSymptom(o.code) && !isSymptom(a.code)) &&
        (VAGUE.test(a.title) || saysLess(a.title, o.title)) &&
        !PARTNER_KINDS.some((k) => matches(a.code, refsOf(onto, o.code, k))),
    );
    if (!b) continue;
    addNote(a, {
      rule: 'excludes1',
      message: `Excludes1 at ${a.code} names ${b.code}, which the note documents: the same condition said more fully; not reported.`,
      codes: [b.code],
    });
    codes.splice(codes.indexOf(a), 1);
    removed.push(a);
  }
  return removed;
}

/**
 * A sign or symptom (chapter 18) never says a definitive diagnosis more fully: beside "asthma
 * exacerbation" J45.901, whose Excludes1 names "wheezing NOS" R06.2, the wheezing goes.
 */
function isSymptom(code: string): boolean {
  return code.startsWith('R');
}

/**
 * A documented, present diagnosis (not a symptom) that an Excludes1 note pairs with `symptom`
 * and that routinely includes it, wherever in the note each is written.
 */
function diagnosisExcluding(
  onto: Ontology,
  symptom: CodeSuggestion,
  codes: readonly CodeSuggestion[],
): CodeSuggestion | undefined {
  return codes.find(
    (o) =>
      !isSymptom(o.code) &&
      o.assertion === 'present' &&
      routinelyPartOf(symptom.code, o.code) &&
      (matches(symptom.code, refsOf(onto, o.code, 'excludes1')) ||
        matches(o.code, refsOf(onto, symptom.code, 'excludes1'))) &&
      !tabularPartners(onto, symptom.code, o.code),
  );
}

const PARTNER_KINDS = ['codeFirst', 'useAdditionalCode', 'codeAlso'] as const;

/** Either code's code-first, use-additional or code-also note names the other (D63.1 and N18.-). */
export function tabularPartners(onto: Ontology, a: string, b: string): boolean {
  return PARTNER_KINDS.some(
    (k) => matches(b, refsOf(onto, a, k)) || matches(a, refsOf(onto, b, k)),
  );
}
const VAGUE = /\b[Uu]nspecified\b|\bNOS\b|^Other\b|\bnot specified\b/;

/**
 * A's title says nothing B's does not ("Acute cholecystitis" within "Calculus of gallbladder
 * with acute cholecystitis"; "osteoporosis without current pathological fracture" against the
 * same "with" it): words compared by their first five letters, numbers included.
 */
export function saysLess(a: string, b: string): boolean {
  const words = (t: string): string[] =>
    t
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 0 && !TITLE_CONTAINMENT_LINKS.has(w));
  const bw = new Set(words(b).map((w) => w.slice(0, 5)));
  const aw = words(a);
  return aw.length > 0 && aw.every((w) => bw.has(w.slice(0, 5)));
}

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

/** A documented candidate added because `forCode`'s note asks for it. */
function partnerCopy(b: CodeSuggestion, kind: NoteKind, forCode: string): CodeSuggestion {
  const copy: CodeSuggestion = {
    ...b,
    evidence: b.evidence.map((e) => ({ ...e })),
    notes: [...b.notes],
  };
  addNote(copy, {
    rule: 'partner-added',
    message: `Documented in the note and required by the ${kind === 'codeFirst' ? '"code first"' : '"use additional code"'} note of ${forCode}.`,
    codes: [forCode],
  });
  return copy;
}

/**
 * Symptoms a use-additional note names code by code ("use additional code for associated
 * symptoms: nocturia (R35.1), weak urinary stream (R39.12)…") that the note documents.
 */
function namedSymptoms(
  refs: readonly CodeRef[],
  pool: readonly CodeSuggestion[],
  reported: readonly CodeSuggestion[],
): CodeSuggestion[] {
  const named = new Set(refs.filter((r) => r.to === undefined).map((r) => r.from));
  return pool.filter(
    (b) =>
      /^R/.test(b.code) &&
      b.assertion === 'present' &&
      named.has(toDotless(b.code)) &&
      !reported.some((c) => c.code === b.code),
  );
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
  symptomPool: readonly CodeSuggestion[] = pool,
): CodeSuggestion[] {
  const added: CodeSuggestion[] = [];
  const all = (): CodeSuggestion[] => [...codes, ...added];
  for (const a of codes) {
    for (const kind of ['codeFirst', 'useAdditionalCode', 'codeAlso'] as const) {
      const refs = refsOf(onto, a.code, kind);
      if (!refs.length) continue;
      let partners = all().filter((b) => b !== a && b.code !== a.code && matches(b.code, refs));
      if (kind === 'useAdditionalCode') {
        const symptoms = namedSymptoms(refs, symptomPool, all());
        added.push(...symptoms.map((b) => partnerCopy(b, kind, a.code)));
      }
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
          const copy = partnerCopy(pick, kind, a.code);
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
