/**
 * Rule notes for the coder's ACCEPTED list, recomputed whenever the list changes: the checks
 * that depend on which codes end up together, not on the note alone.
 *
 * - Excludes1: two accepted codes where one's Excludes1 note names the other (either way);
 * - code first / use additional code: the partner the Tabular asks for is not in the list;
 * - unspecified laterality: the code says "unspecified" side while the note documents one;
 * - 7th character: the code needs a 7th character it does not have;
 * - not billable: a header was accepted where a more specific code is required.
 */
import type { RuleNote } from '../engine/coding-types.js';
import type { CodeRef, NoteKind } from '../ontology/pack-format.js';
import { isCodeInRef, parseCodeRefs } from '../ontology/parse-code-refs.js';

/** What the checks need to know about one code (the Ontology's `lookup()` gives all of it). */
export interface CodeFacts {
  /** Dotted code. */
  code: string;
  title: string;
  billable: boolean;
  /** Notes declared on the code and inherited from above. */
  notes: Partial<Record<NoteKind, { text: string; refs?: CodeRef[]; from?: string }[]>>;
  seventhCharacter?: { chars: Record<string, string> };
  /** Codes with the same parent (dotted, with titles). */
  siblings: { code: string; title: string }[];
}

export interface AcceptedCodeCheckInput {
  /** Dotted code. */
  code: string;
  documentedLaterality?: 'left' | 'right' | 'bilateral';
}

export type FactsLookup = (code: string) => CodeFacts | undefined;

const dotless = (code: string): string => code.replace('.', '').toUpperCase();

// "N18.1-N18.6": a range of dotted codes, which the note's stored refs may hold as two singles.
const DOTTED_RANGE =
  /\b([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)\s*[-–]\s*([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)\b/g;

function refsOf(note: { text: string; refs?: CodeRef[] }): CodeRef[] {
  const ranges: CodeRef[] = [...note.text.matchAll(DOTTED_RANGE)].map((m) => ({
    from: m[1]!.replace('.', ''),
    to: m[2]!.replace('.', ''),
  }));
  const singles = (note.refs ?? parseCodeRefs(note.text)).filter(
    (ref) => ref.to !== undefined || !ranges.some((r) => r.from === ref.from || r.to === ref.from),
  );
  return [...ranges, ...singles];
}

/** The accepted codes (other than `self`) that fall under any of the notes' references. */
function acceptedInNotes(
  notes: readonly { text: string; refs?: CodeRef[] }[],
  accepted: readonly string[],
  self: string,
): string[] {
  const found = new Set<string>();
  for (const note of notes) {
    for (const ref of refsOf(note)) {
      for (const other of accepted)
        if (other !== self && isCodeInRef(dotless(other), ref)) found.add(other);
    }
  }
  return [...found];
}

function refLabel(ref: CodeRef): string {
  const dot = (c: string): string => (c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c);
  return ref.to ? `${dot(ref.from)}-${dot(ref.to)}` : dot(ref.from);
}

const SIDE_WORDS: Record<NonNullable<AcceptedCodeCheckInput['documentedLaterality']>, RegExp> = {
  right: /\bright\b/i,
  left: /\bleft\b/i,
  bilateral: /\bbilateral\b/i,
};

function isUnspecifiedSide(facts: CodeFacts): boolean {
  if (!/\bunspecified\b/i.test(facts.title)) return false;
  if (
    /\bunspecified (side|laterality|eye|ear|knee|hip|shoulder|elbow|wrist|hand|foot|ankle|leg|arm|breast|kidney|ovary|lung|limb)\b/i.test(
      facts.title,
    )
  )
    return true;
  return (
    facts.siblings.some((s) => /\b(right|left)\b/i.test(s.title)) &&
    !/\b(right|left|bilateral)\b/i.test(facts.title)
  );
}

/**
 * Rule notes per accepted code (dotted code → notes), in the order of `accepted`.
 *
 * @example
 * checkAcceptedCodes([{ code: 'E10.9' }, { code: 'E11.9' }], lookup).get('E11.9')
 * // → [{rule: 'excludes1', message: 'Excludes1 with E10.9 …', codes: ['E10.9']}]
 */
export function checkAcceptedCodes(
  accepted: readonly AcceptedCodeCheckInput[],
  lookup: FactsLookup,
): Map<string, RuleNote[]> {
  const codes = accepted.map((a) => a.code);
  const facts = new Map(codes.map((code) => [code, lookup(code)] as const));
  const out = new Map<string, RuleNote[]>(codes.map((code) => [code, []]));
  const add = (code: string, note: RuleNote): void => {
    const list = out.get(code)!;
    if (!list.some((n) => n.rule === note.rule && n.message === note.message)) list.push(note);
  };

  // Excludes1 is symmetric for the coder: flag both codes of a pair.
  for (const code of codes) {
    const f = facts.get(code);
    if (!f) continue;
    for (const other of acceptedInNotes(f.notes.excludes1 ?? [], codes, code)) {
      const message = `Excludes1 conflict with ${other}: these codes are not reported together unless the conditions are unrelated.`;
      add(code, { rule: 'excludes1', message, codes: [other] });
      add(other, {
        rule: 'excludes1',
        message: `Excludes1 conflict with ${code}: these codes are not reported together unless the conditions are unrelated.`,
        codes: [code],
      });
    }
  }

  for (const input of accepted) {
    const { code } = input;
    const f = facts.get(code);
    if (!f) {
      add(code, { rule: 'unknown-code', message: `${code} is not in this release of ICD-10-CM.` });
      continue;
    }
    for (const [kind, rule, words] of [
      ['codeFirst', 'code-first', 'Code first'],
      ['useAdditionalCode', 'use-additional', 'Use additional code'],
    ] as const) {
      // One instruction per level that declares it ("E11.22: stage of CKD", "E11: insulin use").
      // Chapter-wide instructions (e.g. tobacco exposure) apply to every code: not repeated here.
      const byLevel = new Map<string, { text: string; refs?: CodeRef[] }[]>();
      for (const note of f.notes[kind] ?? []) {
        const level = note.from ?? code;
        if (level.startsWith('chapter')) continue;
        byLevel.set(level, [...(byLevel.get(level) ?? []), note]);
      }
      for (const notes of byLevel.values()) {
        const refs = notes.flatMap(refsOf);
        if (refs.length === 0 || acceptedInNotes(notes, codes, code).length > 0) continue;
        const partners = [...new Set(refs.map(refLabel))];
        const isConditional = notes.some((n) =>
          /\b(if applicable|where applicable|if known|if present)\b/i.test(n.text),
        );
        const shown = partners.slice(0, 5).join(', ') + (partners.length > 5 ? ', …' : '');
        const about = notes
          .map((n) => n.text.replace(/:$/, ''))
          .find(
            (text) =>
              !/\(([A-Z]\d|see)/.test(text) &&
              text.length < 80 &&
              !/^(code )?(to identify|for)$/i.test(text),
          );
        add(code, {
          rule,
          message: `${words}${isConditional ? ' (if applicable)' : ''}: ${shown}${about ? `, ${about}` : ''}. None accepted yet.`,
          codes: partners.slice(0, 12),
        });
      }
    }
    if (f.seventhCharacter && dotless(code).length < 7) {
      const chars = Object.entries(f.seventhCharacter.chars)
        .slice(0, 4)
        .map(([ch, meaning]) => `${ch} ${meaning}`)
        .join(', ');
      add(code, {
        rule: 'seventh-character',
        message: `Missing 7th character (${chars}); use X placeholders for a short code.`,
      });
    } else if (!f.billable) {
      add(code, {
        rule: 'specificity',
        message: `${code} is a header, not billable: choose a more specific code below it.`,
      });
    }
    const side = input.documentedLaterality;
    if (side && isUnspecifiedSide(f)) {
      const better = f.siblings.find((s) => SIDE_WORDS[side].test(s.title));
      add(code, {
        rule: 'unspecified-laterality',
        message: `Unspecified side, but the note documents ${side}${better ? `: consider ${better.code} ${better.title}` : ''}.`,
        ...(better ? { codes: [better.code] } : {}),
      });
    }
  }
  return out;
}

/** Laterality written within `window` characters of a span, e.g. "left knee osteoarthritis". */
export function findDocumentedLaterality(
  text: string,
  start: number,
  end: number,
  window = 40,
): AcceptedCodeCheckInput['documentedLaterality'] {
  let from = Math.max(0, start - window);
  let to = Math.min(text.length, end + window);
  // Stay inside the span's sentence or line: "left knee. Right shoulder …" is two statements.
  const before = text.slice(from, start);
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'));
  if (cut >= 0) from += cut + 1;
  const after = text.slice(end, to);
  const stop = [after.indexOf('. '), after.indexOf('\n')].filter((i) => i >= 0);
  if (stop.length) to = end + Math.min(...stop);
  const around = text.slice(from, to);
  if (
    SIDE_WORDS.bilateral.test(around) ||
    (SIDE_WORDS.left.test(around) && SIDE_WORDS.right.test(around))
  )
    return 'bilateral';
  if (SIDE_WORDS.right.test(around)) return 'right';
  if (SIDE_WORDS.left.test(around)) return 'left';
  return undefined;
}
