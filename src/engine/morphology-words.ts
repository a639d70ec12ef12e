/**
 * Morphology words the Index sends to the Neoplasm table by site: "Adenocarcinoma - see also
 * Neoplasm, malignant, by site", "Adenoma - see also Neoplasm, benign, by site". Written with a
 * site ("adenocarcinoma of the sigmoid colon", "pituitary adenoma"), they are that site's row
 * in the behaviour's column, as "cancer" and "benign" are: the matcher reads each as its
 * behaviour word besides itself (no dictionary term is added per site).
 */
import type { Ontology } from '../ontology/ontology.js';
import type { PackIndex } from '../ontology/pack-format.js';

/** The behaviour words of the dictionary's Neoplasm-table terms, by the column the Index names. */
const BEHAVIOUR_WORDS: Readonly<Record<string, readonly string[]>> = {
  malignant: ['malignant'],
  'in situ': ['in', 'situ'],
  benign: ['benign'],
};

const cache = new WeakMap<Ontology, ReadonlyMap<string, readonly string[]>>();

/** Folded one-word morphology main term → the behaviour words it stands for. */
export function morphologyWords(onto: Ontology): ReadonlyMap<string, readonly string[]> {
  let map = cache.get(onto);
  if (!map) cache.set(onto, (map = readMorphologyWords(onto.pack.index)));
  return map;
}

function readMorphologyWords(idx: PackIndex): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (let r = 0; r < idx.term.length; r++) {
    // One-word main terms with no code of their own ("Carcinoma-in-situ" is the Index's).
    if (idx.level[r] !== 0 || idx.code[r] || /[^A-Za-z]/.test(idx.term[r]!)) continue;
    const ref = (idx.see[r] || idx.seeAlso[r] || '').replace(/\s+/g, ' ');
    const m = /^Neoplasm, (malignant|in situ|benign)(?: \([^)]*\))?, by site\b/i.exec(ref);
    const words = m ? BEHAVIOUR_WORDS[m[1]!.toLowerCase()] : undefined;
    if (words) out.set(idx.term[r]!.toLowerCase(), words);
  }
  return out;
}
