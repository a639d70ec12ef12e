/**
 * Signs, symptoms and exam findings that a coder codes whenever the note writes them
 * ("wheezing", "cardiac murmur", "dysuria"), whatever a ranker trained on CodiEsp case
 * reports thinks of them: a billable chapter R code reached through the classification's own
 * terms (Index, Tabular title or inclusion term), written out in the note word for word, and
 * named by the code's own title.
 */
import { foldTokens } from '../ontology/fold-text.js';
import type { CodeSuggestion } from './coding-types.js';
import { matchKey } from './match-key.js';
import { FINDING_FILLER } from '../text/function-words.js';

/** A candidate as the selectors see it. */
export interface SelectionFinding {
  suggestion: CodeSuggestion;
  sources: readonly string[];
  /** Fraction of the covered words the term fills (1 = written contiguously). */
  density: number;
  /** Words of the dictionary term. */
  requiredWords: number;
}

/** A candidate a scorer put below its threshold. */
export interface BelowThreshold extends SelectionFinding {
  probability: number;
}

const CLASSIFICATION_SOURCES = new Set(['index', 'title', 'inclusion']);

/**
 * Below this probability a word is no finding, however the classification files it: the
 * training notes wrote it often and never coded it ("magnetic resonance", "anesthesia").
 * Findings the annotators merely did not code score above it (wheezing ~0.05 with the shipped
 * ranker); chosen on CodiEsp dev, so re-check it (test/engine/codable-findings.test.ts) after a refit.
 */
const RESCUE_FLOOR = 0.04;

/** Content words of an evidence text (filler words left out). */
function contentWords(text: string): string[] {
  return foldTokens(text).filter((w) => !FINDING_FILLER.has(w));
}

/** True when the code's own title names every word of the evidence ("wheezing" → "Wheezing"). */
function titleNames(title: string, words: readonly string[]): boolean {
  const keys = new Set(foldTokens(title).map(matchKey));
  // "Abnormal reflex" is not what "reflexes 2+ and symmetric" says.
  if (keys.has(matchKey('abnormal')) && !words.some((w) => matchKey(w) === matchKey('abnormal')))
    return false;
  return words.every((w) => keys.has(matchKey(w)));
}

/**
 * True when the candidate is a sign, symptom or exam finding written out as a term of the
 * classification: kept in mentions scope and, when negated, flagged in reportable scope.
 */
export function isCodableFinding(
  c: SelectionFinding,
  suggestion: CodeSuggestion = c.suggestion,
): boolean {
  if (!suggestion.billable || !suggestion.code.startsWith('R')) return false;
  // "Other general symptoms and signs" and the like say nothing the note wrote.
  if (/^other\b|\bother specified\b|\belsewhere\b/i.test(suggestion.title)) return false;
  if (!c.sources.some((s) => CLASSIFICATION_SOURCES.has(s))) return false;
  if (c.density < 1) return false;
  return suggestion.evidence.some((e) => {
    const words = contentWords(e.text);
    return words.length <= c.requiredWords && titleNames(suggestion.title, words);
  });
}

function overlaps(a: CodeSuggestion, b: CodeSuggestion): boolean {
  return a.evidence.some((e) => b.evidence.some((f) => e.start < f.end && f.start < e.end));
}

/**
 * The codable findings among `below` that no kept code already speaks for: for each written
 * finding no kept suggestion overlaps, the best-scored candidate of the classification's
 * terms. A finding the note writes is never left out of the mentions just because the ranker
 * rates its code low; a finding some kept code already covers adds nothing, and a candidate
 * under {@link RESCUE_FLOOR} is no finding.
 *
 * @returns the suggestions to keep, scores set to their probabilities.
 */
export function rescueCodableFindings(
  kept: readonly CodeSuggestion[],
  below: readonly BelowThreshold[],
): CodeSuggestion[] {
  const rescued: CodeSuggestion[] = [];
  for (const c of [...below].sort((a, b) => b.probability - a.probability)) {
    if (c.probability < RESCUE_FLOOR || !isCodableFinding(c)) continue;
    if (
      kept.some((k) => overlaps(k, c.suggestion)) ||
      rescued.some((r) => overlaps(r, c.suggestion))
    )
      continue;
    c.suggestion.score = Math.round(c.probability * 1000) / 1000;
    rescued.push(c.suggestion);
  }
  return rescued;
}

/**
 * The denied findings reportable selection left out: every negated candidate that is a
 * codable finding and was not kept, to be shown under `flagged` rather than vanish.
 */
export function deniedFindingsLeftOut<C extends SelectionFinding>(
  candidates: readonly C[],
  kept: readonly C[],
): C[] {
  const keptSet = new Set(kept);
  return candidates.filter(
    (c) => !keptSet.has(c) && c.suggestion.assertion === 'negated' && isCodableFinding(c),
  );
}
