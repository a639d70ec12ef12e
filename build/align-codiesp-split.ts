/**
 * Aligns a CodiEsp split's Spanish originals with their English translations and extracts,
 * for one evidence span, the English phrase that expresses it. The same two-pass recipe as the
 * diagnosis miner (build/mine-codiesp.ts): align without a lexicon, learn a lexicon from
 * confident 1-1 beads, align again.
 */
import {
  alignSentences,
  choosePhrase,
  learnLexicon,
  splitSpanishSentences,
  tokensOf,
  type Bead,
  type Lexicon,
  type PhraseChoice,
  type SpanishSentence,
} from './align-translation.js';
import type { CodiespDoc, EvidenceRow } from './read-codiesp.js';

export interface AlignedSplit {
  sentences: Map<string, SpanishSentence[]>;
  beads: Map<string, Bead[]>;
  lexicon: Lexicon;
}

const MIN_COVERAGE = 0.45;
const MIN_PURITY = 0.55;

/** Two-pass sentence alignment of every document. */
export function alignSplit(docs: readonly CodiespDoc[]): AlignedSplit {
  const sentences = new Map(docs.map((d) => [d.id, splitSpanishSentences(d.spanish)]));
  const align = (lexicon: Lexicon | null): Map<string, Bead[]> =>
    new Map(docs.map((d) => [d.id, alignSentences(sentences.get(d.id)!, d.englishLines, lexicon)]));
  const pairs: Array<[string[], string[]]> = [];
  const first = align(null);
  for (const d of docs) {
    const sents = sentences.get(d.id)!;
    for (const b of first.get(d.id)!) {
      if (b.es.length === 1 && b.en.length === 1)
        pairs.push([tokensOf(sents[b.es[0]!]!.text), tokensOf(d.englishLines[b.en[0]!]!)]);
    }
  }
  const lexicon = learnLexicon(pairs);
  return { sentences, beads: align(lexicon), lexicon };
}

function nearbyLines(
  doc: CodiespDoc,
  beads: Bead[],
  beadIdx: number,
): Array<{ index: number; text: string; weight: number }> {
  const lines: Array<{ index: number; text: string; weight: number }> = [];
  const own = beads[beadIdx]!.en;
  for (let k = beadIdx - 2; k <= beadIdx + 2; k++) {
    const b = beads[k];
    if (!b) continue;
    const dist = Math.abs(k - beadIdx);
    const weight =
      dist === 0 ? 1 : own.length === 0 ? (dist === 1 ? 0.9 : 0.8) : dist === 1 ? 0.8 : 0;
    if (weight > 0)
      for (const j of b.en) lines.push({ index: j, text: doc.englishLines[j]!, weight });
  }
  return lines;
}

const good = (c: PhraseChoice | null, margin = 0): c is PhraseChoice =>
  !!c && c.coverage >= MIN_COVERAGE + margin && c.purity >= MIN_PURITY + margin;

/** The English phrase for one evidence row, or null when none is convincing. */
export function extractEvidencePhrase(
  row: EvidenceRow,
  doc: CodiespDoc,
  aligned: AlignedSplit,
  title: Set<string>,
  maxTokens: number,
): PhraseChoice | null {
  const sents = aligned.sentences.get(row.docId)!;
  const beads = aligned.beads.get(row.docId)!;
  const start = row.offsets[0]![0];
  const sentIdx = sents.findIndex((s) => start >= s.start && start < s.end);
  const beadIdx = beads.findIndex((b) => b.es.includes(sentIdx));
  if (beadIdx < 0) return null;
  const choice = choosePhrase(
    row.text,
    nearbyLines(doc, beads, beadIdx),
    title,
    aligned.lexicon,
    maxTokens,
  );
  if (good(choice)) return choice;
  // The translation may have moved the sentence: look through the whole document, more strictly.
  const all = doc.englishLines.map((text, index) => ({ index, text, weight: 0.75 }));
  const wide = choosePhrase(row.text, all, title, aligned.lexicon, maxTokens);
  return good(wide, 0.15) ? wide : null;
}
