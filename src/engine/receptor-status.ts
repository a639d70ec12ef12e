/**
 * A breast cancer's receptor status (Z17.-, "code first" the malignant neoplasm of breast): the
 * estrogen (ER) and progesterone (PR) receptors and HER2, as oncology notes write them ("ER+/PR+/
 * HER2-", "ER/PR positive, HER2 negative", "triple negative", "HR+"). Hormone-receptor status
 * documented with HER2 status is one combined code (Z17.41-/Z17.42-); otherwise each receptor has
 * its own (Z17.0/Z17.1, Z17.21/Z17.22, Z17.31/Z17.32).
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion, EvidenceSpan } from './coding-types.js';
import { addNote, codeIn, ruleSuggestion, span, type RuleDocument } from './rule-text.js';

type Receptor = 'er' | 'pr' | 'her2' | 'hr';
type Status = Partial<Record<Receptor, boolean>>;

const NAME = String.raw`(?:er|pr|her-?2(?:\/neu)?|hr|estrogen receptor|progesterone receptor|hormone receptor)`;
/** The sign: a word after a space or "status:", or a symbol written against the name ("ER+"). */
const SIGN = String.raw`(?:\s*(?:status\s*)?(?:is\s*|:\s*)?(pos(?:itive)?|neg(?:ative)?)\b|(\+|\(\+\)|-(?![a-z0-9])|\(-\)))`;
/** One statement: receptor names joined by slashes, then their sign ("er/pr positive", "her2-"). */
const STATEMENT = new RegExp(String.raw`\b(${NAME}(?:\s*\/\s*${NAME})*)${SIGN}`, 'gi');
const TRIPLE_NEGATIVE = /\btriple[- ]negative\b/i;

function receptorOf(name: string): Receptor {
  const n = name.toLowerCase().replace(/\s+/g, ' ');
  if (n.startsWith('her')) return 'her2';
  if (n === 'er' || n.startsWith('estrogen')) return 'er';
  if (n === 'pr' || n.startsWith('progesterone')) return 'pr';
  return 'hr';
}

/** Receptor statuses the text states, with the spans that state them. */
function statedStatus(text: string): { status: Status; evidence: EvidenceSpan[] } {
  const status: Status = {};
  const evidence: EvidenceSpan[] = [];
  const triple = TRIPLE_NEGATIVE.exec(text);
  if (triple) {
    Object.assign(status, { er: false, pr: false, her2: false });
    evidence.push(span(text, triple.index, triple.index + triple[0].length));
  }
  for (const m of text.matchAll(STATEMENT)) {
    const positive = /^(?:\+|\(\+\)|pos)/i.test(m[2] ?? m[3]!);
    for (const name of m[1]!.split('/')) status[receptorOf(name.trim())] = positive;
    evidence.push(span(text, m.index, m.index + m[0].length));
  }
  return { status, evidence };
}

/** The Z17 codes for the statuses: combined where hormone and HER2 status are both known. */
function receptorStatusCodes(status: Status): string[] {
  // Hormone receptor positive: either receptor positive; negative: those stated all negative.
  const known = [status.er, status.pr].filter((x) => x !== undefined);
  const hormone = status.hr ?? (known.length ? known.includes(true) : undefined);
  if (hormone !== undefined && status.her2 !== undefined)
    return [`Z17.4${hormone ? '1' : '2'}${status.her2 ? '0' : '1'}`];
  const out: string[] = [];
  if (status.er !== undefined) out.push(status.er ? 'Z17.0' : 'Z17.1');
  if (status.pr !== undefined) out.push(status.pr ? 'Z17.21' : 'Z17.22');
  if (status.her2 !== undefined) out.push(status.her2 ? 'Z17.31' : 'Z17.32');
  return out;
}

/**
 * Adds the receptor status codes beside a reported malignant neoplasm of breast; returns the Z17
 * codes the words reached alone that the statuses replace.
 */
export function addReceptorStatus(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  const breast = codes.find((c) => c.assertion === 'present' && codeIn(c.code, /^C50|^D05/));
  if (!breast) return [];
  const { status, evidence } = statedStatus(doc.text);
  const wanted = receptorStatusCodes(status);
  if (!wanted.length) return [];
  const replaced = codes.filter((c) => c.code.startsWith('Z17') && !wanted.includes(c.code));
  for (const z of replaced) {
    codes.splice(codes.indexOf(z), 1);
    addNote(z, {
      rule: 'receptor-status',
      message: `The receptor statuses the note states are ${wanted.join(', ')}.`,
      codes: wanted,
    });
  }
  for (const code of wanted) {
    if (!onto.isBillable(code) || codes.some((c) => c.code === code)) continue;
    codes.push(
      ruleSuggestion(onto, code, evidence, 'present', 0.85, [
        {
          rule: 'receptor-status',
          message: `Receptor status of the breast cancer (${breast.code}): ${code}.`,
          codes: [breast.code],
        },
      ]),
    );
  }
  return replaced;
}
