/**
 * The key a word is matched by: lowercase, accent-free, and with inflectional and common
 * derivational suffixes removed, so that "diabetes"/"diabetic", "fractures"/"fracture",
 * "hypertension"/"hypertensive" and "calculi"/"calculus" meet. Both the dictionary and the
 * note go through the same function, so an over-eager cut costs little.
 */
const SUFFIXES = [
  'ational', 'ations', 'ation', 'ities', 'ically', 'ical', 'ions', 'ion', 'ives', 'ive', 'ous',
  'ies', 'ic', 'es', 'ed', 'ing', 'al', 'ia', 'us', 'um', 'is', 'i', 'a', 's', 'y', 'e',
];

const IRREGULAR: Record<string, string> = {
  calculi: 'calcul',
  metastases: 'metastas',
  metastasis: 'metastas',
  metastatic: 'metastas',
  diagnoses: 'diagnos',
  neoplasm: 'neoplas',
  neoplastic: 'neoplas',
  neoplasms: 'neoplas',
  women: 'woman',
  feet: 'foot',
  teeth: 'tooth',
  children: 'child',
  lymphadenopathies: 'lymphadenopath',
  lymphadenopathy: 'lymphadenopath',
  renal: 'kidne',
  nephric: 'kidne',
  cardiac: 'heart',
  hepatic: 'liver',
  pulmonary: 'lung',
  cerebral: 'brain',
  gastric: 'stomach',
  ocular: 'eye',
  hemorrhagic: 'hemorrhag',
  haemorrhage: 'hemorrhag',
  oedema: 'edem',
  anaemia: 'anem',
  tumour: 'tumor',
  tumours: 'tumor',
  oesophagus: 'esophag',
  oesophageal: 'esophag',
  esophageal: 'esophag',
  paediatric: 'pediatr',
  haematuria: 'hematur',
  haematoma: 'hematom',
  leukaemia: 'leukem',
  ischaemia: 'ischem',
  ischaemic: 'ischem',
  diarrhoea: 'diarrhe',
  oestrogen: 'estrogen',
  foetal: 'fet',
  foetus: 'fet',
};

const cache = new Map<string, string>();

/** Match key of one already-folded (lowercase, ASCII) word. */
export function matchKey(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  let key = IRREGULAR[word];
  if (key === undefined) {
    key = word;
    if (word.length > 4 && /^[a-z]+$/.test(word)) {
      for (const suf of SUFFIXES) {
        if (word.endsWith(suf) && word.length - suf.length >= 4) {
          key = word.slice(0, -suf.length);
          break;
        }
      }
      // British spellings that survive suffix removal.
      key = key.replace(/^(?:haem)/, 'hem').replace(/aemi/, 'emi').replace(/oe(?=d|s)/, 'e');
    }
  }
  if (cache.size > 50_000) cache.clear();
  cache.set(word, key);
  return key;
}
