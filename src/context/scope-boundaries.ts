/**
 * Where a trigger's scope must stop inside a sentence, besides terminators and its word limit:
 * what a careful reader treats as the end of the phrase a cue is about.
 *
 * - Placeholders and separators (`***`, `___`, `[** … **]`) end every scope, and so does a
 *   semicolon: it joins two statements ("no pleural effusion; mild bibasilar atelectasis").
 * - An inline upper-case label ("… INDICATION: syncope") starts a new statement: a forward
 *   scope stops before it.
 * - A cue inside brackets speaks only inside them ("(not on treatment) pneumonia").
 * - A cue inside an all-caps report header ("CT HEAD WITHOUT CONTRAST") stays in the header.
 * - Commas end the scope of list-bounded rules ({@link CompiledContextRule.listBounded}).
 */
import type { Token } from '../text/tokenize.js';

/**
 * Per-token boundary facts for one sentence; indices are relative to its first token. The
 * arrays may be longer than the sentence: read only indices below its token count.
 */
export interface ScopeBoundaries {
  /** 1 where a placeholder, separator or semicolon sits: no scope crosses it. */
  readonly hard: Uint8Array;
  /** 1 at the first word of an inline upper-case label: no forward scope reaches it. */
  readonly labelStart: Uint8Array;
  /** Index of the bracket that opens the span a token is in, or -1. */
  readonly openBracket: Int32Array;
  /** Index of the bracket that closes the span a token is in (or the sentence end), or -1. */
  readonly closeBracket: Int32Array;
  /** Last index of the all-caps header run (3+ words) a token is in, or -1. */
  readonly capsRunEnd: Int32Array;
  /** First index of that run, or -1. */
  readonly capsRunStart: Int32Array;
  /** 1 at a comma that does not open a relative clause. */
  readonly listComma: Uint8Array;
}

const PLACEHOLDER_MARKS = new Set(['*', '_']);
const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);
const RELATIVE_OPENERS = new Set(['which', 'that', 'who']);
const LABEL_MAX_WORDS = 4;
const HEADER_MIN_WORDS = 3;

function tokenAt(tokens: readonly Token[], from: number, k: number): Token {
  return tokens[from + k] as Token;
}

/** A word written in capitals, two letters or more ("INDICATION", "CT"). */
function isAllCapsWord(t: Token, text: string): boolean {
  if (t.kind !== 'word' || t.end - t.start < 2) return false;
  const c = text.charCodeAt(t.start);
  if (c >= 97 && c <= 122) return false;
  const s = text.slice(t.start, t.end);
  return /[A-Z].*[A-Z]/.test(s) && !/[a-z]/.test(s);
}

/**
 * Runs of two or more `*` or `_` tokens, brackets that open on `*` ("[**Hospital**]"), and
 * semicolons.
 */
function markHardStops(tokens: readonly Token[], from: number, m: number, hard: Uint8Array): void {
  for (let k = 0; k < m; k++) {
    const t = tokenAt(tokens, from, k).text;
    const next = k + 1 < m ? tokenAt(tokens, from, k + 1).text : '';
    if (PLACEHOLDER_MARKS.has(t) && next === t) hard[k] = hard[k + 1] = 1;
    if (t === '[' && next === '*') hard[k] = 1;
    if (t === ';') hard[k] = 1;
  }
}

/** Marks the first word of each "UPPER CASE LABEL:" followed by more text. */
function markLabels(
  tokens: readonly Token[],
  from: number,
  m: number,
  text: string,
  labelStart: Uint8Array,
): void {
  for (let c = 1; c < m - 1; c++) {
    if (tokenAt(tokens, from, c).text !== ':') continue;
    let k = c - 1;
    while (k >= 0 && c - k <= LABEL_MAX_WORDS && isAllCapsWord(tokenAt(tokens, from, k), text)) k--;
    if (k < c - 1) labelStart[k + 1] = 1;
  }
}

/** Fills the enclosing bracket span of every token (a bracket left open runs to the sentence end). */
function markBrackets(
  tokens: readonly Token[],
  from: number,
  m: number,
  open: Int32Array,
  close: Int32Array,
): void {
  const stack: number[] = [];
  for (let k = 0; k < m; k++) {
    const t = tokenAt(tokens, from, k).text;
    if (OPENERS.has(t)) stack.push(k);
    else if (CLOSERS.has(t) && stack.length > 0) {
      const o = stack.pop() as number;
      for (let j = o + 1; j < k; j++) {
        if (open[j] !== -1) continue;
        open[j] = o;
        close[j] = k;
      }
    }
  }
  for (const o of stack) {
    for (let j = o + 1; j < m; j++) {
      if (open[j] !== -1) continue;
      open[j] = o;
      close[j] = m;
    }
  }
}

/**
 * An all-caps run is a header when a label colon, a line break or a capitalised word of
 * ordinary text follows it ("CT HEAD WITHOUT CONTRAST Clinical history: …"), not a
 * lowercase word of the same sentence ("NO CHF, COPD, DVT or PE").
 */
function endsHeader(
  tokens: readonly Token[],
  from: number,
  m: number,
  last: number,
  text: string,
): boolean {
  if (last + 1 >= m) return false;
  const lastTok = tokenAt(tokens, from, last);
  let j = last + 1;
  while (
    j < m &&
    tokenAt(tokens, from, j).kind === 'punct' &&
    tokenAt(tokens, from, j).text !== ':'
  )
    j++;
  if (j >= m) return false;
  const next = tokenAt(tokens, from, j);
  if (next.text === ':' || text.slice(lastTok.end, next.start).includes('\n')) return true;
  return /^[A-Z][a-z]/.test(text.slice(next.start, next.end));
}

/** Marks runs of 3+ all-caps words (numbers and punctuation other than ':' may sit inside). */
function markCapsRuns(
  tokens: readonly Token[],
  from: number,
  m: number,
  text: string,
  start: Int32Array,
  end: Int32Array,
): void {
  let k = 0;
  while (k < m) {
    if (!isAllCapsWord(tokenAt(tokens, from, k), text)) {
      k++;
      continue;
    }
    let last = k;
    let words = 0;
    let j = k;
    for (; j < m; j++) {
      const t = tokenAt(tokens, from, j);
      if (t.kind === 'word' && !isAllCapsWord(t, text)) break;
      if (t.kind === 'punct' && t.text === ':') break;
      if (t.kind === 'word') {
        words++;
        last = j;
      }
    }
    if (words >= HEADER_MIN_WORDS && endsHeader(tokens, from, m, last, text)) {
      start.fill(k, k, last + 1);
      end.fill(last, k, last + 1);
    }
    k = Math.max(j, k + 1);
  }
}

/** Commas, except one before "which/that/who" (the clause refers back across it). */
function markListCommas(
  tokens: readonly Token[],
  from: number,
  m: number,
  listComma: Uint8Array,
): void {
  for (let k = 0; k < m; k++) {
    if (tokenAt(tokens, from, k).text !== ',') continue;
    const next = k + 1 < m ? tokenAt(tokens, from, k + 1).text : '';
    if (!RELATIVE_OPENERS.has(next)) listComma[k] = 1;
  }
}

/**
 * Computes the scope boundaries of tokens[from, to).
 *
 * @param text the original text the tokens index, when known: labels and all-caps headers
 *   need the letters' case, which tokens (lowercased) do not keep.
 */
export function findScopeBoundaries(
  tokens: readonly Token[],
  from: number,
  to: number,
  text?: string,
): ScopeBoundaries {
  const m = Math.max(0, to - from);
  const b = scratchFor(m);
  markHardStops(tokens, from, m, b.hard);
  markBrackets(tokens, from, m, b.openBracket, b.closeBracket);
  markListCommas(tokens, from, m, b.listComma);
  if (text === undefined) return b;
  markLabels(tokens, from, m, text, b.labelStart);
  markCapsRuns(tokens, from, m, text, b.capsRunStart, b.capsRunEnd);
  return b;
}

let scratch: ScopeBoundaries | null = null;

/**
 * Boundary arrays for a sentence of `m` tokens, cleared over [0, m). One set is reused from
 * sentence to sentence (typed-array allocation per sentence dominated the context pass); the
 * caller reads them before asking for the next sentence's.
 */
function scratchFor(m: number): ScopeBoundaries {
  if (scratch === null || scratch.hard.length < m) {
    const n = Math.max(m, 2 * (scratch?.hard.length ?? 32));
    scratch = {
      hard: new Uint8Array(n),
      labelStart: new Uint8Array(n),
      openBracket: new Int32Array(n),
      closeBracket: new Int32Array(n),
      capsRunEnd: new Int32Array(n),
      capsRunStart: new Int32Array(n),
      listComma: new Uint8Array(n),
    };
  }
  const b = scratch;
  b.hard.fill(0, 0, m);
  b.labelStart.fill(0, 0, m);
  b.listComma.fill(0, 0, m);
  b.openBracket.fill(-1, 0, m);
  b.closeBracket.fill(-1, 0, m);
  b.capsRunEnd.fill(-1, 0, m);
  b.capsRunStart.fill(-1, 0, m);
  return b;
}
