/**
 * The tokenisation that mined CodiEsp phrases are written in, so that a consumer matching them
 * in a note tokenises the same way: lowercase, letters with diacritics folded (é -> e), and a
 * token is a maximal run of ASCII letters and digits. Everything else separates tokens, so
 * "17-year-old" is "17 year old" and "T2DM" is "t2dm". A phrase is its tokens joined by one
 * space.
 */

/** A token with its offsets into the original text (`text.slice(start, end)`). */
export interface PhraseToken {
  token: string;
  start: number;
  end: number;
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;

function foldChar(ch: string): string {
  return ch.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

/** Tokens of `text` with offsets, in phrase-table form. */
export function phraseTokens(text: string): PhraseToken[] {
  const out: PhraseToken[] = [];
  let cur = '';
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    const folded = ch.charCodeAt(0) < 128 ? ch.toLowerCase() : foldChar(ch);
    if (/^[a-z0-9]+$/.test(folded)) {
      if (start < 0) start = i;
      cur += folded;
    } else if (start >= 0) {
      out.push({ token: cur, start, end: i });
      cur = '';
      start = -1;
    }
  }
  if (start >= 0) out.push({ token: cur, start, end: text.length });
  return out;
}

/** The phrase-table key of a piece of text: its tokens joined by one space. */
export function phraseKey(text: string): string {
  return phraseTokens(text)
    .map((t) => t.token)
    .join(' ');
}
