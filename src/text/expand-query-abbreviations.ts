import { findAbbreviations } from './abbreviations.js';

/**
 * Spells out the abbreviations of a search query (context-only senses left as typed).
 *
 * @example
 * expandQueryAbbreviations('dm2 w ckd 3b'); // "type 2 diabetes mellitus w chronic kidney disease stage 3b"
 */
export function expandQueryAbbreviations(query: string): string {
  const found = findAbbreviations(query).filter((a) => a.kind !== 'context');
  if (!found.length) return query;
  let out = '';
  let at = 0;
  for (const a of found) {
    if (a.start < at) continue;
    out += query.slice(at, a.start) + a.expansion;
    at = a.end;
  }
  return out + query.slice(at);
}
