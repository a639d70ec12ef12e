/**
 * Builds ICD-10-PCS codes from a note's own words: in each sentence, the Index terms it spells
 * out (a named procedure such as "colonoscopy", or a root operation with its body part such as
 * "resection ... sigmoid colon", "-ectomy" words read as both) lead to a table and body part;
 * the rest of the code comes from the sentence's approach, device and qualifier words
 * (complete-procedure-code.ts). Each axis keeps the words that decided it, and the guideline
 * that chose between root operations is noted (B3.8 Excision vs Resection, B3.4a biopsy,
 * B3.3 discontinued procedures).
 */
import type { EvidenceSpan, RuleNote } from '../engine/coding-types.js';
import { canonicalizeWord } from '../text/stem-word.js';
import { foldTokens } from '../ontology/fold-text.js';
import { completeProcedureCode } from './complete-procedure-code.js';
import { createIndexTermMatcher, isActionKey, type IndexTermMatch } from './match-index-terms.js';
import type { PcsIndexRef } from './pcs-pack-format.js';
import type { PcsTerminology } from './pcs-terminology.js';
import { DISCONTINUED_WORDS, NEGATION_WORDS } from './procedure-words.js';
import { historySections, isHistoryClause } from './history-spans.js';
import {
  coverSpans,
  hasActionWord,
  sentenceWords,
  splitClauses,
  type SentenceWords,
} from './sentence-words.js';

export interface BuiltCode {
  code: string;
  evidence: EvidenceSpan[];
  axisEvidence: Map<number, EvidenceSpan>;
  notes: RuleNote[];
}

export interface ProcedureBuilder {
  build(text: string): BuiltCode[];
}

function refCode(ref: PcsIndexRef): string | undefined {
  if (ref.kind === 'code' || ref.kind === 'codes') return ref.value;
  return ref.kind === 'see' ? ref.code : undefined;
}

/** The operation word of a see-reference ("Resection, Appendix" → "resection"). */
function refOperation(ref: PcsIndexRef): string {
  return ref.kind === 'see' ? (ref.value.split(',')[0] ?? '').trim().toLowerCase() : '';
}

/** Of references to one root operation in several body parts, those whose body part the sentence names (else the first). */
function chooseBodyPartRefs(refs: PcsIndexRef[], words: SentenceWords): string[] {
  if (refs.length < 2) return refs.map((r) => refCode(r)!);
  const named = refs.filter(
    (r) =>
      r.kind === 'see' &&
      foldTokens(r.value.split(',').slice(1).join(' ')).some((w) =>
        words.keys.has(canonicalizeWord(w)),
      ),
  );
  return (named.length ? named : refs.slice(0, 1)).map((r) => refCode(r)!);
}

/** Picks among an Index term's references the ones the sentence's words support. */
function chooseRefs(
  refs: readonly PcsIndexRef[],
  words: SentenceWords,
): { codes: string[]; note?: RuleNote } {
  const withCode = refs.filter((r) => refCode(r));
  const ops = new Set(withCode.map(refOperation).filter(Boolean));
  if (ops.size < 2) return { codes: chooseBodyPartRefs(withCode, words) };
  const supported = withCode.filter((r) => words.keys.has(refOperation(r)));
  if (supported.length && supported.length < withCode.length) {
    const op = refOperation(supported[0]!);
    const note: RuleNote | undefined =
      op === 'resection' || op === 'excision'
        ? {
            rule: 'B3.8',
            message:
              op === 'resection'
                ? 'All of the body part was cut out: Resection, not Excision.'
                : 'Only part of the body part was cut out: Excision, not Resection.',
          }
        : undefined;
    return { codes: supported.map((r) => refCode(r)!), ...(note ? { note } : {}) };
  }
  return { codes: [] };
}

function negated(match: IndexTermMatch, words: SentenceWords): boolean {
  const first = Math.min(
    ...match.spans.map((s) => words.words.findIndex((w) => w.span.start === s.start)),
  );
  return words.words.slice(Math.max(0, first - 4), first).some((w) => NEGATION_WORDS.has(w.word));
}

function operationAndBodyPartEvidence(
  text: string,
  match: IndexTermMatch,
): Map<number, EvidenceSpan> {
  const main = match.entry.path.length;
  const spans = match.spans;
  const evidence = new Map<number, EvidenceSpan>();
  evidence.set(3, spans[0]!);
  evidence.set(4, main > 1 && spans.length > 1 ? coverSpans(text, spans.slice(1)) : spans[0]!);
  return evidence;
}

function buildFromMatch(
  terms: PcsTerminology,
  text: string,
  match: IndexTermMatch,
  words: SentenceWords,
): BuiltCode[] {
  const { codes, note } = chooseRefs(match.entry.refs, words);
  const out: BuiltCode[] = [];
  for (const raw of codes) {
    if (raw.length < 4 || !terms.tables.hasPrefix(raw)) continue;
    const done = completeProcedureCode(terms.tables, raw, words, text);
    const axisEvidence = new Map([
      ...operationAndBodyPartEvidence(text, match),
      ...done.axisEvidence,
    ]);
    const notes = [...(note ? [note] : []), ...done.notes];
    if (words.words.some((w) => DISCONTINUED_WORDS.has(w.word))) {
      notes.push({
        rule: 'B3.3',
        message: 'A discontinued procedure is coded to the root operation actually performed.',
      });
    }
    out.push({ code: done.code, evidence: [coverSpans(text, match.spans)], axisEvidence, notes });
  }
  return out;
}

const OPERATION_OF: Readonly<Record<string, string>> = { B: 'excision', T: 'resection' };

/** An "-ectomy" word read as Resection or Excision says which way B3.8 went. */
function noteEctomyChoice(b: BuiltCode): void {
  const op = OPERATION_OF[b.code[2]!];
  const word = b.axisEvidence.get(3)?.text.toLowerCase() ?? '';
  if (b.code[0] !== '0' || !op || !/ectomy$/.test(word) || b.notes.some((n) => n.rule === 'B3.8'))
    return;
  b.notes.push({
    rule: 'B3.8',
    message:
      op === 'resection'
        ? 'All of the body part was cut out: Resection, not Excision.'
        : 'Only part of the body part was cut out: Excision, not Resection.',
  });
}

/**
 * One code per body part and root operation: where the Index offered both Excision and
 * Resection of a body part, the sentence's words choose (B3.8); an Inspection done to reach
 * another procedure in the same sentence is not coded apart (B3.11a).
 */
function settleSentence(built: BuiltCode[], words: SentenceWords): BuiltCode[] {
  const unique = [...new Map(built.map((b) => [b.code, b])).values()];
  for (const b of unique) noteEctomyChoice(b);
  const bodyPart = (c: string): string => c[0]! + c[1]! + (c[3] ?? '');
  const kept = unique.filter((b) => {
    const op = OPERATION_OF[b.code[2]!];
    if (b.code[0] !== '0' || !op) return true;
    const rival = unique.find(
      (o) =>
        o !== b &&
        bodyPart(o.code) === bodyPart(b.code) &&
        OPERATION_OF[o.code[2]!] &&
        o.code[2] !== b.code[2],
    );
    if (!rival) return true;
    if (!words.keys.has(op)) return false;
    b.notes.push({
      rule: 'B3.8',
      message:
        op === 'resection'
          ? 'All of the body part was cut out: Resection, not Excision.'
          : 'Only part of the body part was cut out: Excision, not Resection.',
    });
    return true;
  });
  // A device placed by another procedure on the same body part (a drain, a tracheostomy tube) is
  // that procedure's device (axis 6), not an Insertion of its own.
  const isInsertion = (b: BuiltCode): boolean => b.code[0] === '0' && b.code[2] === 'H';
  const withDevice = kept
    .filter((b) => !isInsertion(b) && b.code[2] !== 'J')
    .map((b) => bodyPart(b.code));
  return dropInspections(
    kept.filter((b) => !(isInsertion(b) && withDevice.includes(bodyPart(b.code)))),
  );
}

function dropInspections(kept: BuiltCode[]): BuiltCode[] {
  const others = kept.filter((b) => !(b.code[0] === '0' && b.code[2] === 'J'));
  return kept.filter((b) => {
    if (!(b.code[0] === '0' && b.code[2] === 'J') || !others.some((o) => o.code[0] === '0'))
      return true;
    const target = others.find((o) => o.code[0] === '0')!;
    target.notes.push({
      rule: 'B3.11a',
      message: `The inspection (${b.code}) done to perform this procedure is not coded separately.`,
    });
    return false;
  });
}

export function createProcedureBuilder(terms: PcsTerminology): ProcedureBuilder {
  const matcher = createIndexTermMatcher(terms.index);
  return {
    build(text) {
      const out: BuiltCode[] = [];
      const history = historySections(text);
      for (const sentence of splitClauses(text)) {
        if (!hasActionWord(text, sentence.start, sentence.end, isActionKey)) continue;
        // A procedure of the patient's past is history, not this encounter's procedure.
        if (isHistoryClause(text, sentence.start, sentence.end, history)) continue;
        const words = sentenceWords(text, sentence.start, sentence.end);
        const built: BuiltCode[] = [];
        for (const match of matcher.match(words)) {
          if (!negated(match, words)) built.push(...buildFromMatch(terms, text, match, words));
        }
        out.push(...settleSentence(built, words));
      }
      return out;
    },
  };
}
