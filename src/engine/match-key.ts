import { ADJECTIVAL_FORMS } from '../text/word-variants.js';

/**
 * The key a word is matched by: lowercase, accent-free, and with inflectional and common
 * derivational suffixes removed, so that "diabetes"/"diabetic", "fractures"/"fracture",
 * "hypertension"/"hypertensive" and "calculi"/"calculus" meet. Both the dictionary and the
 * note go through the same function, so an over-eager cut costs little.
 */
const SUFFIXES = [
  'ational',
  'ations',
  'ation',
  'ities',
  'ically',
  'ical',
  'ions',
  'ion',
  'ives',
  'ive',
  'ous',
  'ies',
  'ic',
  'es',
  'ed',
  'ing',
  'al',
  'ia',
  'us',
  'um',
  'is',
  'i',
  'a',
  's',
  'y',
  'e',
];

const IRREGULAR: Record<string, string> = {
  calculi: 'calcul',
  calculous: 'calcul',
  // Emboli and an embolus are embolisms ("pulmonary emboli" is a pulmonary embolism).
  emboli: 'embolism',
  embolus: 'embolism',
  embolism: 'embolism',
  embolisms: 'embolism',
  metastases: 'metastas',
  metastasis: 'metastas',
  metastatic: 'metastas',
  diagnoses: 'diagnos',
  neoplasm: 'neoplas',
  neoplastic: 'neoplas',
  neoplasms: 'neoplas',
  women: 'woman',
  // "test" is a lab test: the testis gets a key of its own.
  testis: 'testis',
  testes: 'testis',
  testicle: 'testis',
  testicles: 'testis',
  testicular: 'testis',
  // Vaccinia is the poxvirus infection, not a vaccine.
  vaccinia: 'vaccinia',
  // Main terms of different diseases that the suffixes would merge (an audit of every one-word
  // main term with a code): tetanus (A35) is not tetany (R29.0), Haemophilus (B96.3) is not
  // hemophilia (D66), scabies (B86) is not scabs (R23.4).
  tetanus: 'tetanus',
  tetany: 'tetany',
  haemophilus: 'haemophilus',
  hemophilus: 'haemophilus',
  scabies: 'scabies',
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

// Adjectives that name the same body part as a noun ("femoral" fracture = fracture of the
// femur). Left out: adjectives whose noun would change the meaning (cervical: neck or cervix;
// oral, cystic, optic, radial, digital, pedal...) and multi-word nouns.
const UNSAFE_ADJECTIVES = new Set([
  'cervical',
  'oral',
  'cystic',
  'optic',
  'radial',
  'digital',
  'pedal',
  'carpal',
  'tarsal',
  'plantar',
  'palmar',
  'sinus',
  'lumbar',
  'spinal',
  'vascular',
  'neural',
  'lymphatic',
  'nodal',
  'intracranial',
  'cardiopulmonary',
  'hepatobiliary',
  'venous',
  'arterial',
  'muscular',
  'articular',
  'osseous',
  'enteric',
  'intestinal',
  'buccal',
]);
const ADJECTIVE_NOUN = new Map(
  Object.entries(ADJECTIVAL_FORMS).filter(
    ([adj, noun]) => !UNSAFE_ADJECTIVES.has(adj) && !noun.includes(' ') && !(adj in IRREGULAR),
  ),
);

const cache = new Map<string, string>();

/** Match key of one already-folded (lowercase, ASCII) word. */
export function matchKey(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  let key = IRREGULAR[word];
  const noun = key === undefined ? ADJECTIVE_NOUN.get(word) : undefined;
  if (noun !== undefined && noun !== word) key = IRREGULAR[noun] ?? stem(noun);
  if (key === undefined) key = stem(word);
  if (cache.size > 50_000) cache.clear();
  cache.set(word, key);
  return key;
}

/** Suffix removal (no adjective or irregular lookups). */
function stem(word: string): string {
  if (word.length <= 4 || !/^[a-z]+$/.test(word)) return word;
  let key = word;
  for (const suf of SUFFIXES) {
    if (word.endsWith(suf) && word.length - suf.length >= 4) {
      key = word.slice(0, -suf.length);
      break;
    }
  }
  // British spellings that survive suffix removal.
  return key
    .replace(/^(?:haem)/, 'hem')
    .replace(/aemi/, 'emi')
    .replace(/oe(?=d|s)/, 'e');
}
