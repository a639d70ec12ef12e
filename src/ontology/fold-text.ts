const ASCII = /^[\x00-\x7f]*$/;

/**
 * Folds text for dictionary matching: lowercase, accents removed, punctuation as spaces.
 * Used for Index terms, titles and queries, so both sides of a match fold the same way.
 */
export function foldText(text: string): string {
  // ASCII has nothing to decompose or strip: most text skips the Unicode steps.
  const plain = ASCII.test(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return plain
    .toLowerCase()
    .replace(/['’]s\b/g, 's')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Folded word tokens of `text`. */
export function foldTokens(text: string): string[] {
  const f = foldText(text);
  return f ? f.split(' ') : [];
}

/** "E11.22" → "E1122"; uppercase, no dot, trimmed. */
export function toDotless(code: string): string {
  return code.trim().toUpperCase().replace('.', '');
}

/** "E1122" → "E11.22"; categories (3 characters) have no dot. */
export function toDotted(code: string): string {
  const c = toDotless(code);
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}

/** True for strings shaped like an ICD-10-CM code or code prefix ("E11", "e11.2", "S72002A"). */
export function looksLikeCode(text: string): boolean {
  return /^[A-Za-z]\d[0-9A-Za-z](?:\.?[0-9A-Za-z]{0,4})$/.test(text.trim());
}
