/**
 * Reads CodiEsp annotation files (`{split}D.tsv`: `doc_id<TAB>code`) into gold sets.
 * Pure text in, maps out: the caller reads the file (Node or browser).
 */
import { normalizeCode } from './normalize-code.js';

/**
 * Parse a CodiEsp-D/P TSV into normalised gold codes per note. Blank lines are skipped;
 * repeated (document, code) pairs collapse.
 *
 * @throws Error naming the line when a line does not have exactly two tab-separated fields.
 */
export function parseCodiespCodes(tsv: string): Map<string, Set<string>> {
  const gold = new Map<string, Set<string>>();
  const lines = tsv.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const fields = line.split('\t');
    const [docId, code] = fields;
    if (fields.length !== 2 || docId === undefined || code === undefined || docId.trim() === '') {
      throw new Error(
        `parseCodiespCodes: expected "doc_id<TAB>code" on line ${i + 1}, got ${fields.length} field(s): ${JSON.stringify(
          line.slice(0, 80),
        )}`,
      );
    }
    const set = gold.get(docId.trim()) ?? new Set<string>();
    set.add(normalizeCode(code));
    gold.set(docId.trim(), set);
  });
  return gold;
}

/** Number of documents containing each code (codes normalised). */
export function documentFrequencies(
  gold: ReadonlyMap<string, ReadonlySet<string>>,
): Map<string, number> {
  const df = new Map<string, number>();
  for (const codes of gold.values()) {
    for (const c of codes) df.set(c, (df.get(c) ?? 0) + 1);
  }
  return df;
}
