import type { CodeRef } from './pack-format.js';

// A code as printed in notes: "E11.22", "O24.4-", "C7A", "S72.0-", "T36-T65", "N18.1-N18.6".
const CODE = String.raw`[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?`;
const REF = new RegExp(String.raw`\b(${CODE})(?:\.?-)?(?:\s*[-–]\s*(${CODE})(?:\.?-)?)?`, 'g');

/**
 * Parses the code references printed in a Tabular note into dotless codes and ranges.
 *
 * @example
 * parseCodeRefs('diabetes mellitus (E08-E13) and gestational diabetes (O24.4-)')
 * // → [{from: 'E08', to: 'E13'}, {from: 'O244'}]
 */
export function parseCodeRefs(text: string): CodeRef[] {
  const refs: CodeRef[] = [];
  for (const m of text.matchAll(REF)) {
    const from = m[1]!.replace('.', '');
    const to = m[2]?.replace('.', '');
    refs.push(to ? { from, to } : { from });
  }
  return refs;
}

/** True when dotless `code` falls under a reference (a prefix match, or inside a range). */
export function isCodeInRef(code: string, ref: CodeRef): boolean {
  if (!ref.to) return code.startsWith(ref.from);
  const len = Math.max(ref.from.length, ref.to.length);
  const head = code.slice(0, len);
  return head >= ref.from && (head <= ref.to || code.startsWith(ref.to));
}
