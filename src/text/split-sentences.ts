/**
 * Sentence and list-item splitting that survives clinical punctuation.
 *
 * Works on the normalised text in one left-to-right pass and reports spans in the ORIGINAL
 * text. Boundaries: terminal punctuation followed by space (not after "Dr.", "vs.", "e.g.",
 * not inside "2.5" or "b.i.d." unless a capitalised word follows), blank lines, list markers
 * at line start ("-", "*", "•", "1.", "2)", "a)"), inline enumerations that continue a list
 * ("1. HTN 2. DM"), and single newlines unless the line is a hard-wrapped continuation.
 * "? PNA" keeps its leading "?" (a prefix, not an end). No sentence is longer than `maxChars`.
 */
import { normalizeText, type NormalizedText } from './normalize-text.js';

/** What a sentence span is. */
export type SentenceKind = 'sentence' | 'list-item' | 'heading';

/** One sentence: `text === original.slice(start, end)`, trimmed, never empty. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
  kind: SentenceKind;
}

/** Options for {@link splitSentences}. */
export interface SplitSentencesOptions {
  /** Longest sentence in characters before a forced split at whitespace. Default 1000. */
  maxChars?: number;
}

/** Default cap on sentence length (characters). */
export const MAX_SENTENCE_CHARS = 1000;

/** Words after which a period never ends a sentence. */
const NEVER_BOUNDARY = new Set([
  'dr',
  'drs',
  'mr',
  'mrs',
  'ms',
  'vs',
  'v',
  'eg',
  'ie',
  'cf',
  'approx',
  'st',
  'fig',
  'jr',
  'sr',
  'prof',
  'incl',
  'esp',
  'viz',
  'al',
  'resp',
  'apprx',
  'sp',
]);
/** Words whose period ends a sentence only when a capitalised word or digit follows. */
const MAYBE_BOUNDARY = new Set([
  'pt',
  'pts',
  'etc',
  'min',
  'mins',
  'hr',
  'hrs',
  'mg',
  'mcg',
  'tab',
  'tabs',
  'cap',
  'caps',
  'q',
  'wk',
  'wks',
  'yr',
  'yrs',
  'mo',
  'mos',
  'sec',
  'ext',
  'dept',
  'hosp',
  'qd',
  'bid',
  'tid',
  'qid',
  'qhs',
  'prn',
  'po',
  'iv',
  'im',
  'sq',
  'sc',
  'gtt',
  'gtts',
  'ml',
  'kg',
  'lb',
  'lbs',
  'oz',
  'in',
  'ft',
  'inc',
  'co',
  'corp',
  'dx',
  'hx',
  'tx',
  'rx',
  'sx',
  'fx',
  'abd',
  'ext',
  'neg',
  'pos',
]);

const isSpace = (c: number): boolean => c === 32 || c === 10;
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
const isLowerAscii = (c: number): boolean => c >= 97 && c <= 122;
const CLOSERS = new Set([41, 93, 34, 39]); // ) ] " '
const UPPER = /\p{Lu}/u;

/**
 * Splits `text` into sentences and list items with original-text offsets.
 *
 * @example
 * splitSentences('Dx: PNA s/p abx b.i.d. for 5 days. Dr. Lee to f/u.\n- HTN\n- DM2')
 *   .map((s) => s.text);
 * // ["Dx: PNA s/p abx b.i.d. for 5 days.", "Dr. Lee to f/u.", "- HTN", "- DM2"]
 */
export function splitSentences(
  text: string | NormalizedText,
  options: SplitSentencesOptions = {},
): Sentence[] {
  const norm = typeof text === 'string' ? normalizeText(text) : text;
  const maxChars = Math.max(20, options.maxChars ?? MAX_SENTENCE_CHARS);
  const s = norm.text;
  const n = s.length;
  const orig = norm.original;
  const out: Sentence[] = [];

  const isUpperAt = (i: number): boolean => {
    if (i >= n) return false;
    const o = norm.starts[i] as number;
    const cp = orig.codePointAt(o) ?? 0;
    if (cp >= 65 && cp <= 90) return true;
    if (cp < 128) return false;
    return UPPER.test(String.fromCodePoint(cp));
  };

  let curStart = -1;
  let curKind: SentenceKind = 'sentence';
  let expectedEnum = -1;

  const flush = (a: number, b: number, kind: SentenceKind): void => {
    while (a < b && isSpace(s.charCodeAt(a))) a++;
    while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
    if (b <= a) return;
    const start = norm.starts[a] as number;
    const end = norm.ends[b - 1] as number;
    const prev = out[out.length - 1];
    if (prev !== undefined && start < prev.end) {
      // One original unit expanded into several characters and a boundary fell inside it.
      prev.end = Math.max(prev.end, end);
      prev.text = orig.slice(prev.start, prev.end);
      return;
    }
    let k = kind;
    if (k === 'sentence' && s.charCodeAt(b - 1) === 58 && b - a <= 80) k = 'heading';
    out.push({ start, end, text: orig.slice(start, end), kind: k });
  };
  const close = (at: number): void => {
    if (curStart >= 0) flush(curStart, at, curKind);
    curStart = -1;
  };
  const open = (at: number, kind: SentenceKind): void => {
    curStart = at;
    curKind = kind;
  };

  /** If a list marker starts at `i`, returns [end of marker, enumeration number or -1]; else null. */
  const markerAt = (i: number, lineEnd: number): [number, number] | null => {
    const c = s.charCodeAt(i);
    if (c === 45 || c === 42 || c === 43 || c === 0x2022 || c === 62 || c === 0xb7) {
      // "-", "*", "+", "•", ">", "·" followed by a space (not "-5", not "--").
      if (i + 1 < lineEnd && s.charCodeAt(i + 1) === 32) return [i + 2, -1];
      if (c === 0x2022 || c === 0xb7) return [i + 1, -1];
      return null;
    }
    if (isDigitCode(c)) {
      let j = i;
      while (j < lineEnd && j - i < 3 && isDigitCode(s.charCodeAt(j))) j++;
      const d = s.charCodeAt(j);
      if ((d === 46 || d === 41) && j + 1 < lineEnd && s.charCodeAt(j + 1) === 32) {
        return [j + 2, Number(s.slice(i, j))];
      }
      return null;
    }
    if (
      isLowerAscii(c) &&
      s.charCodeAt(i + 1) === 41 &&
      i + 2 < lineEnd &&
      s.charCodeAt(i + 2) === 32
    ) {
      return [i + 3, -1]; // "a) "
    }
    if (c === 40 && isDigitCode(s.charCodeAt(i + 1)) && s.charCodeAt(i + 2) === 41)
      return [i + 3, -1]; // "(1)"
    return null;
  };

  /** Whether the period/!/? at `p` ends a sentence; `lineStart` is the content start of its line. */
  const isBoundary = (p: number, lineEnd: number, contentStart: number): boolean => {
    const c = s.charCodeAt(p);
    let after = p + 1;
    while (after < lineEnd && CLOSERS.has(s.charCodeAt(after))) after++;
    if (after < lineEnd && !isSpace(s.charCodeAt(after))) return false;
    if (c === 33) return true;
    let next = after;
    while (next < n && s.charCodeAt(next) === 32) next++;
    if (c === 63) {
      // "? PNA": a leading question mark marks uncertainty, it does not end anything.
      return !(p === contentStart || isSpace(s.charCodeAt(p - 1)));
    }
    // Period: look at the word before it.
    let w = p;
    while (w > contentStart) {
      const d = s.charCodeAt(w - 1);
      if (isLowerAscii(d) || d === 46) w--;
      else break;
    }
    if (w === p) return true; // after a digit, a closing bracket, etc.
    if (w > contentStart && isDigitCode(s.charCodeAt(w - 1))) return true; // "3b." "10mg."
    const word = s.slice(w, p);
    const bare = word.replace(/\./g, '');
    const nextIsCap = next < n && (isUpperAt(next) || isDigitCode(s.charCodeAt(next)));
    if ((bare === 'ms' || bare === 'mr') && !isUpperAt(w + 1)) return false; // "Ms." but not "MS."
    if (bare !== 'ms' && bare !== 'mr' && NEVER_BOUNDARY.has(bare)) return false;
    if (bare === 'no' && next < n && isDigitCode(s.charCodeAt(next))) return false; // "No. 2"
    if (word.includes('.') || MAYBE_BOUNDARY.has(bare))
      return nextIsCap || next >= n || s.charCodeAt(next) === 10;
    return true;
  };

  let lineStart = 0;
  let prevContentEnd = -1; // normalised index after the last non-space char of the previous line
  let prevLineLen = 0;
  while (lineStart <= n) {
    let lineEnd = s.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    let fs = lineStart;
    while (fs < lineEnd && s.charCodeAt(fs) === 32) fs++;
    if (fs === lineEnd) {
      close(lineEnd);
      expectedEnum = -1;
      prevContentEnd = -1;
    } else {
      const marker = markerAt(fs, lineEnd);
      let scanFrom = fs;
      if (marker !== null) {
        close(fs);
        open(fs, 'list-item');
        expectedEnum = marker[1] >= 0 ? marker[1] + 1 : -1;
        scanFrom = marker[0];
      } else if (curStart >= 0 && prevContentEnd > 0) {
        const last = s.charCodeAt(prevContentEnd - 1);
        const first = s.charCodeAt(fs);
        const continues =
          isLowerAscii(first) &&
          !isUpperAt(fs) &&
          (last === 44 ||
            ((isLowerAscii(last) || last === 45 || last === 40) &&
              (prevLineLen >= 30 || fs > lineStart)));
        if (!continues) {
          close(lineStart);
          open(fs, 'sentence');
        }
      } else {
        close(lineStart);
        open(fs, 'sentence');
      }
      let sentenceFloor = curStart;
      for (let p = scanFrom; p < lineEnd; p++) {
        const c = s.charCodeAt(p);
        if (c === 46 || c === 33 || c === 63) {
          if (isBoundary(p, lineEnd, fs)) {
            let after = p + 1;
            while (
              after < lineEnd &&
              (CLOSERS.has(s.charCodeAt(after)) || s.charCodeAt(after) === c)
            )
              after++;
            close(after);
            open(after, 'sentence');
            sentenceFloor = after;
            p = after - 1;
          }
        } else if (isDigitCode(c) && p > fs && s.charCodeAt(p - 1) === 32) {
          const m = markerAt(p, lineEnd);
          let before = p - 1;
          while (before > fs && s.charCodeAt(before) === 32) before--;
          const startsList =
            m !== null && m[1] === 1 && (s.charCodeAt(before) === 58 || before < sentenceFloor);
          if (m !== null && (m[1] === expectedEnum || startsList)) {
            expectedEnum = m[1];
            close(p);
            open(p, 'list-item');
            expectedEnum++;
            sentenceFloor = p;
            p = m[0] - 1;
          }
        }
        if (curStart >= 0 && p - curStart >= maxChars && p >= sentenceFloor) {
          // Force a split at the last space (or here) to bound context scope.
          let cut = p + 1;
          for (let q = p; q > curStart + (maxChars >> 1); q--) {
            if (s.charCodeAt(q) === 32) {
              cut = q;
              break;
            }
          }
          // Never cut a surrogate pair.
          const cc = s.charCodeAt(cut);
          if (cc >= 0xdc00 && cc <= 0xdfff) cut++;
          close(cut);
          open(cut, 'sentence');
          sentenceFloor = cut;
        }
      }
      let ce = lineEnd;
      while (ce > fs && s.charCodeAt(ce - 1) === 32) ce--;
      prevContentEnd = ce;
      prevLineLen = ce - fs;
      // A line that ends a sentence leaves nothing open for the next line to continue.
      if (curStart >= 0 && curStart >= ce) curStart = -1;
    }
    if (lineEnd >= n) break;
    lineStart = lineEnd + 1;
  }
  close(n);
  return out;
}
