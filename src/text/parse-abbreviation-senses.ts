/**
 * Parses the Meta-Inventory abbreviation sense lists (CC BY 4.0, see the lexicon README) into
 * sense priors. Pure: the build tool reads the files and stores the merged result in the pack.
 */
import type { AbbreviationSensePrior } from '../context/lexicon-pack.js';

/** One inventory's rows: form → sense → share. */
export type SenseTable = Map<string, Map<string, number>>;

/**
 * Parses a Vanderbilt list (TSV with header `abbreviation, sense, variation, CUI, frequency`)
 * or the Stetson list (TSV `abbreviation, sense, proportion`, no header).
 */
export function parseSenseTable(text: string): SenseTable {
  const table: SenseTable = new Map();
  for (const raw of text.split('\n')) {
    const cols = raw.replace(/\r$/, '').split('\t');
    if (cols.length < 3) continue;
    const form = (cols[0] as string).trim().toLowerCase();
    const sense = (cols[1] as string).trim().toLowerCase();
    const share = Number(cols.length >= 5 ? cols[4] : cols[2]);
    if (form === 'abbreviation' || form === '' || sense === '' || !Number.isFinite(share)) continue;
    let senses = table.get(form);
    if (senses === undefined) table.set(form, (senses = new Map()));
    senses.set(sense, (senses.get(sense) ?? 0) + share);
  }
  return table;
}

/** Merges inventories into priors: a sense's share is its mean over the inventories listing the form. */
export function mergeSenseTables(
  tables: ReadonlyArray<{ name: string; table: SenseTable }>,
): AbbreviationSensePrior[] {
  const forms = new Map<
    string,
    { count: number; senses: Map<string, { sum: number; sources: string[] }> }
  >();
  for (const { name, table } of tables) {
    for (const [form, senses] of table) {
      let f = forms.get(form);
      if (f === undefined) forms.set(form, (f = { count: 0, senses: new Map() }));
      f.count++;
      for (const [sense, share] of senses) {
        let s = f.senses.get(sense);
        if (s === undefined) f.senses.set(sense, (s = { sum: 0, sources: [] }));
        s.sum += share;
        s.sources.push(name);
      }
    }
  }
  const out: AbbreviationSensePrior[] = [];
  for (const [form, f] of [...forms].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const senses = [...f.senses].map(([sense, s]) => ({
      form,
      sense,
      share: Math.round((s.sum / f.count) * 10000) / 10000,
      sources: s.sources,
    }));
    senses.sort((a, b) => b.share - a.share || (a.sense < b.sense ? -1 : 1));
    out.push(...senses);
  }
  return out;
}
