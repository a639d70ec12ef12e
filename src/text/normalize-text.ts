/**
 * Unicode and whitespace normalisation for matching, with an offset map back to the original.
 *
 * The original is read in units: one code point plus the combining marks that follow it
 * (a lone surrogate is a unit of its own; "\r\n" is one unit). Each unit is normalised on its
 * own (NFKD, marks removed, lowercase, dashes and quotes unified, whitespace unified) and every
 * output code unit remembers the original range `[starts[i], ends[i])` of the unit it came from.
 * So a normalised span `[s, e)` maps back to the original span `[starts[s], ends[e - 1])`, which
 * always begins and ends on unit boundaries: it never cuts a surrogate pair or separates a
 * letter from its accent.
 */

/** Options for {@link normalizeText}. */
export interface NormalizeTextOptions {
  /** Collapse each run of horizontal whitespace into one space. Default false. */
  collapseWhitespace?: boolean;
}

/** Normalised text plus its map back to the original. */
export interface NormalizedText {
  /** The text as given. */
  readonly original: string;
  /** The normalised text: lowercase, accents folded, dashes/quotes/whitespace unified. */
  readonly text: string;
  /** For each code unit of `text`, the start of its source unit in `original`. */
  readonly starts: Int32Array;
  /** For each code unit of `text`, the end (exclusive) of its source unit in `original`. */
  readonly ends: Int32Array;
}

/** A half-open character range `[start, end)`. */
export interface OffsetRange {
  start: number;
  end: number;
}

/** Characters NFKD leaves alone that a coder would still fold (ø → o, æ → ae, ß → ss …). */
const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŀ: 'l',
  ĸ: 'k',
};

const COMBINING_MARK = /\p{M}/u;
const MARKS_GLOBAL = /\p{M}/gu;

/** Lowercase ASCII table, so the common path never allocates. */
const ASCII_LOWER: string[] = [];
const ASCII_LOWER_CODE = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  let ch = String.fromCharCode(c);
  if (c >= 65 && c <= 90) ch = String.fromCharCode(c + 32);
  else if (c === 9 || c === 11 || c === 0) ch = c === 11 ? '\n' : ' ';
  else if (c === 12) ch = '\n';
  else if (c < 32 && c !== 10 && c !== 13) ch = ' ';
  else if (c === 127) ch = ' ';
  else if (c === 96) ch = "'"; // backtick used as an apostrophe
  ASCII_LOWER.push(ch);
  ASCII_LOWER_CODE[c] = ch.charCodeAt(0);
}

/** Folds one non-ASCII unit (a code point plus its marks) to its matching form. */
function foldUnit(unit: string, cp: number): string {
  // Whitespace and separators.
  if (
    cp === 0xa0 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000 ||
    cp === 0x1680
  ) {
    return ' ';
  }
  if (cp === 0x2028 || cp === 0x2029 || cp === 0x85) return '\n';
  // Zero-width characters, BOM, soft hyphen, bidi controls: dropped.
  if (
    (cp >= 0x200b && cp <= 0x200f) ||
    cp === 0xfeff ||
    cp === 0xad ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2069)
  ) {
    return '';
  }
  if (cp < 0xa0 && cp >= 0x80) return ' '; // C1 controls
  // Dashes and minus signs.
  if (
    (cp >= 0x2010 && cp <= 0x2015) ||
    cp === 0x2212 ||
    cp === 0xfe58 ||
    cp === 0xfe63 ||
    cp === 0xff0d
  ) {
    return '-';
  }
  // Quotes and primes.
  if (
    cp === 0x2018 ||
    cp === 0x2019 ||
    cp === 0x201a ||
    cp === 0x201b ||
    cp === 0x2032 ||
    cp === 0xb4
  ) {
    return "'";
  }
  if (
    cp === 0x201c ||
    cp === 0x201d ||
    cp === 0x201e ||
    cp === 0x201f ||
    cp === 0x2033 ||
    cp === 0xab ||
    cp === 0xbb
  ) {
    return '"';
  }
  if (
    cp === 0x2022 ||
    cp === 0x25cf ||
    cp === 0x25aa ||
    cp === 0x25e6 ||
    cp === 0x2043 ||
    cp === 0x2219
  ) {
    return '\u2022'; // bullets stay one recognisable character
  }
  if (cp >= 0xd800 && cp <= 0xdfff) return unit; // lone surrogate: kept as is
  let out = unit.normalize('NFKD').replace(MARKS_GLOBAL, '').toLowerCase();
  // toLowerCase can reintroduce a mark (İ → i̇); NFKD can produce characters we fold further.
  if (out.length > 0) {
    out = out.normalize('NFKD').replace(MARKS_GLOBAL, '');
    let folded = '';
    let changed = false;
    for (const ch of out) {
      const f = EXTRA_FOLDS[ch];
      if (f !== undefined) {
        folded += f;
        changed = true;
      } else if (ch === '\u2044') {
        folded += '/';
        changed = true;
      } else {
        const c = ch.codePointAt(0) ?? 0;
        if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212) {
          folded += '-';
          changed = true;
        } else folded += ch;
      }
    }
    if (changed) out = folded;
  }
  return out;
}

/**
 * Normalises `original` for matching and keeps a map back to it.
 *
 * Lowercases, applies NFKD and removes combining marks (accent folding), folds a few letters
 * NFKD leaves alone (ø, æ, ß…), unifies dashes to `-`, quotes to `'`/`"`, horizontal whitespace
 * to a space and line breaks (`\r\n`, `\r`, U+2028…) to `\n`, and drops zero-width and bidi
 * control characters. Runs in linear time; ASCII takes a table-driven fast path.
 *
 * @example
 * const n = normalizeText('Café – Ödème');
 * n.text; // "cafe - odeme"
 * toOriginalSpan(n, 7, 12); // {start: 7, end: 12} → "Ödème"
 */
export function normalizeText(
  original: string,
  options: NormalizeTextOptions = {},
): NormalizedText {
  const collapse = options.collapseWhitespace === true;
  const n = original.length;
  // Most units map 1:1; growth beyond n (ligatures, ½) is handled by resizing.
  let cap = n + 16;
  let buf = new Uint16Array(cap);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let len = 0;
  let lastWasSpace = false;

  const grow = (need: number): void => {
    cap = Math.max(cap * 2, need + 16);
    const nb = new Uint16Array(cap);
    nb.set(buf.subarray(0, len));
    buf = nb;
    const ns = new Int32Array(cap);
    ns.set(starts.subarray(0, len));
    starts = ns;
    const ne = new Int32Array(cap);
    ne.set(ends.subarray(0, len));
    ends = ne;
  };

  let i = 0;
  while (i < n) {
    const c = original.charCodeAt(i);
    let unitEnd = i + 1;
    if (c < 128) {
      let code = ASCII_LOWER_CODE[c] as number;
      if (c === 13) {
        if (unitEnd < n && original.charCodeAt(unitEnd) === 10) unitEnd++;
        code = 10;
      }
      // Trailing combining marks belong to this unit (e + U+0301).
      while (unitEnd < n && original.charCodeAt(unitEnd) >= 0x300 && isMarkAt(original, unitEnd)) {
        unitEnd +=
          original.charCodeAt(unitEnd) >= 0xd800 && original.charCodeAt(unitEnd) <= 0xdbff ? 2 : 1;
      }
      if (code === 32) {
        if (collapse && lastWasSpace) {
          ends[len - 1] = unitEnd;
          i = unitEnd;
          continue;
        }
        lastWasSpace = true;
      } else lastWasSpace = false;
      if (len >= cap) grow(len + 1);
      buf[len] = code;
      starts[len] = i;
      ends[len] = unitEnd;
      len++;
      i = unitEnd;
      continue;
    }
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && unitEnd < n) {
      const d = original.charCodeAt(unitEnd);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        unitEnd++;
      }
    }
    while (unitEnd < n && original.charCodeAt(unitEnd) >= 0x300 && isMarkAt(original, unitEnd)) {
      unitEnd +=
        original.charCodeAt(unitEnd) >= 0xd800 && original.charCodeAt(unitEnd) <= 0xdbff ? 2 : 1;
    }
    const out = foldUnit(original.slice(i, unitEnd), cp);
    if (out === ' ') {
      if (collapse && lastWasSpace) {
        ends[len - 1] = unitEnd;
        i = unitEnd;
        continue;
      }
      lastWasSpace = true;
    } else if (out.length > 0) {
      lastWasSpace = false;
    }
    if (len + out.length > cap) grow(len + out.length);
    for (let k = 0; k < out.length; k++) {
      buf[len] = out.charCodeAt(k);
      starts[len] = i;
      ends[len] = unitEnd;
      len++;
    }
    i = unitEnd;
  }
  const parts: string[] = [];
  for (let k = 0; k < len; k += 8192) {
    parts.push(
      String.fromCharCode.apply(
        null,
        buf.subarray(k, Math.min(len, k + 8192)) as unknown as number[],
      ),
    );
  }
  return {
    original,
    text: parts.join(''),
    starts: starts.subarray(0, len),
    ends: ends.subarray(0, len),
  };
}

/** True when the code point at `i` is a combining mark (checks the full code point). */
function isMarkAt(s: string, i: number): boolean {
  const cp = s.codePointAt(i);
  if (cp === undefined) return false;
  // Fast rejects for common non-mark ranges.
  if (cp < 0x300) return false;
  return COMBINING_MARK.test(String.fromCodePoint(cp));
}

/**
 * Maps a normalised span `[start, end)` back to the original text.
 * An empty span maps to an empty original span at the corresponding position.
 */
export function toOriginalSpan(norm: NormalizedText, start: number, end: number): OffsetRange {
  const len = norm.text.length;
  if (end <= start) {
    const at = toOriginalOffset(norm, start);
    return { start: at, end: at };
  }
  const s = Math.max(0, Math.min(start, len - 1));
  const e = Math.max(s + 1, Math.min(end, len));
  return { start: norm.starts[s] as number, end: norm.ends[e - 1] as number };
}

/**
 * Maps a normalised boundary position (0…text.length) to an original boundary position:
 * the start of the unit at `index`, or the original length at the end.
 */
export function toOriginalOffset(norm: NormalizedText, index: number): number {
  if (index <= 0) return 0;
  if (index >= norm.text.length) return norm.original.length;
  return norm.starts[index] as number;
}
