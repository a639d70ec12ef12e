/**
 * Code normalisation shared by the scorer, the CodiEsp readers and the mining tool.
 *
 * CodiEsp writes codes lowercase with a dot ("n44.8"); the engine speaks dotted uppercase
 * ("N44.8"); packs store codes without the dot ("N448"). Scoring compares the normalised form
 * on both sides: uppercase, no dot, trimmed.
 */

/**
 * Normalise an ICD-10 code for comparison: trim, drop every dot, uppercase.
 *
 * @example normalizeCode(' n44.8 ') === 'N448'
 * @throws Error when the input is empty after trimming, or contains whitespace or characters
 *   other than letters, digits and dots.
 */
export function normalizeCode(code: string): string {
  const trimmed = code.trim();
  if (trimmed.length === 0) {
    throw new Error('normalizeCode: expected a non-empty ICD-10 code, got an empty string');
  }
  if (!/^[A-Za-z0-9.]+$/.test(trimmed)) {
    throw new Error(
      `normalizeCode: expected letters, digits and dots only (e.g. "N44.8"), got ${JSON.stringify(code)}`,
    );
  }
  return trimmed.replaceAll('.', '').toUpperCase();
}

/**
 * The 3-character category of a code ("N448" -> "N44"); the code itself when it is shorter.
 * Accepts dotted or undotted input.
 */
export function codeCategory(code: string): string {
  return normalizeCode(code).slice(0, 3);
}

/** The chapter key used for analysis: the first letter of the normalised code ("N448" -> "N"). */
export function codeChapterLetter(code: string): string {
  return normalizeCode(code).slice(0, 1);
}

/** Dotted display form of a normalised code ("N448" -> "N44.8", "R52" -> "R52"). */
export function dottedCode(code: string): string {
  const n = normalizeCode(code);
  return n.length > 3 ? `${n.slice(0, 3)}.${n.slice(3)}` : n;
}

/**
 * The form in which CodiEsp's gold (CIE-10-ES 2018) writes codes that take a 7th-character
 * extension, applied to either side so that "S02.5XXA" (ICD-10-CM) and "s02.5xx" (CodiEsp) meet:
 * for injuries and external causes (chapters S, T, V, W, X, Y) a 7th character is dropped, and
 * trailing "X" placeholders are removed from any code ("W19XXX" -> "W19", "T14.90XA" -> "T1490").
 * Other codes pass through normalised. Use it through `scoreCoding({ canonicalize })`; it is an
 * opt-in reading of the corpus convention (annotators mostly omit the episode character and
 * sometimes the placeholders), not part of the official metric.
 */
export function codiespCanonicalCode(code: string): string {
  let n = normalizeCode(code);
  if (n.length === 7 && /^[STVWXY]/.test(n)) n = n.slice(0, 6);
  while (n.length > 3 && n.endsWith('X')) n = n.slice(0, -1);
  return n;
}
