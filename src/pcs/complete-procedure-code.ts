/**
 * Completes a partial ICD-10-PCS code from the words of its sentence, one axis at a time and
 * only with values the table offers there: an approach word ("laparoscopic" → Percutaneous
 * Endoscopic), a device word, a diagnostic word (B3.4a), "without contrast"; an axis with a
 * single valid value takes it. Where the note says no more, the code is cut after the 4th
 * character (the body part), as CodiEsp writes such codes.
 */
import type { EvidenceSpan, RuleNote } from '../engine/coding-types.js';
import type { PcsNextValue, PcsTables } from './pcs-tables.js';
import { APPROACH_WORDS, DEVICE_WORDS, DIAGNOSTIC_WORDS } from './procedure-words.js';
import type { SentenceWords } from './sentence-words.js';

export interface CompletedCode {
  code: string;
  axisEvidence: Map<number, EvidenceSpan>;
  notes: RuleNote[];
}

interface Choice {
  value: string;
  evidence?: EvidenceSpan;
  note?: RuleNote;
}

function firstWord(words: SentenceWords, candidates: readonly string[]): EvidenceSpan | undefined {
  for (const w of words.words) if (candidates.includes(w.word)) return w.span;
  return undefined;
}

function hasPhrase(words: SentenceWords, phrase: readonly string[]): EvidenceSpan | undefined {
  const ws = words.words;
  for (let i = 0; i + phrase.length <= ws.length; i++) {
    if (phrase.every((p, j) => ws[i + j]!.word === p))
      return { start: ws[i]!.span.start, end: ws[i + phrase.length - 1]!.span.end, text: '' };
  }
  return undefined;
}

function byLabel(values: readonly PcsNextValue[], label: string): PcsNextValue | undefined {
  return values.find((v) => v.label === label);
}

function chooseApproach(values: readonly PcsNextValue[], words: SentenceWords): Choice | undefined {
  const converted = hasPhrase(words, ['converted', 'to', 'open']);
  const open = byLabel(values, 'Open');
  if (converted && open) {
    return {
      value: open.value,
      evidence: converted,
      note: {
        rule: 'B5.2a',
        message: 'A procedure converted to an open approach is coded with the open approach.',
      },
    };
  }
  for (const group of APPROACH_WORDS) {
    const v = byLabel(values, group.label);
    const ev = v && firstWord(words, group.words);
    if (v && ev) return { value: v.value, evidence: ev };
  }
  return undefined;
}

function chooseDevice(values: readonly PcsNextValue[], words: SentenceWords): Choice | undefined {
  for (const group of DEVICE_WORDS) {
    const v = byLabel(values, group.label);
    const ev = v && firstWord(words, group.words);
    if (v && ev) return { value: v.value, evidence: ev };
  }
  const none = byLabel(values, 'No Device');
  return none ? { value: none.value } : undefined;
}

function chooseQualifier(
  values: readonly PcsNextValue[],
  words: SentenceWords,
): Choice | undefined {
  const diagnostic = byLabel(values, 'Diagnostic');
  const ev = diagnostic && firstWord(words, [...DIAGNOSTIC_WORDS]);
  if (diagnostic && ev) {
    return {
      value: diagnostic.value,
      evidence: ev,
      note: {
        rule: 'B3.4a',
        message:
          'A biopsy is coded to Excision, Extraction or Drainage with the qualifier Diagnostic.',
      },
    };
  }
  const none = byLabel(values, 'No Qualifier');
  return none ? { value: none.value } : undefined;
}

function chooseContrast(values: readonly PcsNextValue[], words: SentenceWords): Choice | undefined {
  const none = byLabel(values, 'None');
  const ev =
    hasPhrase(words, ['without', 'contrast']) ??
    hasPhrase(words, ['non', 'contrast']) ??
    firstWord(words, ['noncontrast', 'unenhanced']);
  return none && ev ? { value: none.value, evidence: ev } : undefined;
}

function chooseValue(
  title: string,
  values: readonly PcsNextValue[],
  words: SentenceWords,
): Choice | undefined {
  if (values.length === 1) return { value: values[0]!.value };
  if (title === 'Approach') return chooseApproach(values, words);
  if (title === 'Device') return chooseDevice(values, words);
  if (title === 'Qualifier') return chooseQualifier(values, words);
  if (title === 'Contrast') return chooseContrast(values, words);
  return undefined;
}

/** Completes `prefix` (4 to 7 characters) from `words`; `text` fills evidence text. */
export function completeProcedureCode(
  tables: PcsTables,
  prefix: string,
  words: SentenceWords,
  text: string,
): CompletedCode {
  const axisEvidence = new Map<number, EvidenceSpan>();
  const notes: RuleNote[] = [];
  let code = prefix;
  while (code.length < 7) {
    const title = tables.table(code)?.axes[code.length] ?? '';
    const choice = chooseValue(title, tables.nextValues(code), words);
    if (!choice) break;
    if (choice.evidence)
      axisEvidence.set(code.length + 1, {
        ...choice.evidence,
        text: text.slice(choice.evidence.start, choice.evidence.end),
      });
    if (choice.note) notes.push(choice.note);
    code += choice.value;
  }
  if (code.length === 7) return { code, axisEvidence, notes };
  for (const pos of [...axisEvidence.keys()]) if (pos > 4) axisEvidence.delete(pos);
  return {
    code: code.slice(0, Math.max(4, Math.min(prefix.length, 4))),
    axisEvidence,
    notes: notes.filter((n) => n.rule !== 'B3.4a' && n.rule !== 'B5.2a'),
  };
}
