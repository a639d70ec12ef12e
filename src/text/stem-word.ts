/**
 * A light plural/inflection normaliser for Index matching: reduces a lowercase word to a
 * stable key ("lymphadenopathies" → "lymphadenopathy", "metastases" → "metastasis",
 * "calculi" → "calculus", "fractures" → "fracture"). Apply it to BOTH sides of a match (Index
 * terms and note tokens): what matters is that variants meet at one key.
 */
import { toAmericanSpelling } from './word-variants.js';

/** Irregular and Latin/Greek plurals → singular. */
const IRREGULAR: Readonly<Record<string, string>> = {
  calculi: 'calculus',
  bronchi: 'bronchus',
  emboli: 'embolus',
  thrombi: 'thrombus',
  fungi: 'fungus',
  nuclei: 'nucleus',
  nevi: 'nevus',
  naevi: 'nevus',
  bacilli: 'bacillus',
  alveoli: 'alveolus',
  glomeruli: 'glomerulus',
  villi: 'villus',
  foci: 'focus',
  loci: 'locus',
  stimuli: 'stimulus',
  radii: 'radius',
  tophi: 'tophus',
  meniscii: 'meniscus',
  menisci: 'meniscus',
  uteri: 'uterus',
  fetuses: 'fetus',
  viruses: 'virus',
  abscesses: 'abscess',
  diverticula: 'diverticulum',
  bacteria: 'bacterium',
  ganglia: 'ganglion',
  criteria: 'criterion',
  septa: 'septum',
  ova: 'ovum',
  labia: 'labium',
  ilia: 'ilium',
  ischia: 'ischium',
  atria: 'atrium',
  haustra: 'haustrum',
  cervices: 'cervix',
  varices: 'varix',
  appendices: 'appendix',
  indices: 'index',
  apices: 'apex',
  vertices: 'vertex',
  cortices: 'cortex',
  matrices: 'matrix',
  phalanges: 'phalanx',
  meninges: 'meninx',
  larynges: 'larynx',
  pharynges: 'pharynx',
  foramina: 'foramen',
  lumina: 'lumen',
  teeth: 'tooth',
  feet: 'foot',
  children: 'child',
  men: 'man',
  women: 'woman',
  mice: 'mouse',
  lice: 'louse',
  geese: 'goose',
  calves: 'calf',
  halves: 'half',
  knives: 'knife',
  wives: 'wife',
  lives: 'life',
  leaves: 'leaf',
  data: 'datum',
  corpora: 'corpus',
  genera: 'genus',
  testes: 'testis',
  pubes: 'pubis',
  bases: 'base',
  axes: 'axis',
  diagnoses: 'diagnosis',
  prognoses: 'prognosis',
  metastases: 'metastasis',
  crises: 'crisis',
  analyses: 'analysis',
  mycoses: 'mycosis',
  doses: 'dose',
  hoses: 'hose',
  noses: 'nose',
  poses: 'pose',
  roses: 'rose',
  toes: 'toe',
  shoes: 'shoe',
  does: 'doe',
  oases: 'oasis',
  stomata: 'stoma',
};

/** Words ending in s that are not plurals (left as is). */
const INVARIANT = new Set([
  'diabetes',
  'herpes',
  'rabies',
  'caries',
  'scabies',
  'feces',
  'faeces',
  'measles',
  'mumps',
  'rickets',
  'shingles',
  'hives',
  'ascites',
  'biceps',
  'triceps',
  'quadriceps',
  'forceps',
  'nares',
  'tabes',
  'lues',
  'series',
  'species',
  'mellitus',
  'lupus',
  'news',
  'aids',
  'always',
  'less',
  'this',
  'was',
  'has',
  'his',
  'its',
  'yes',
  'thus',
  'plus',
  'gas',
  'bus',
  'as',
  'is',
  'us',
  'pancreas',
  'atlas',
  'pectus',
  'status',
  'sinus',
  'virus',
  'fetus',
  'anus',
  'uterus',
  'humerus',
  'ileus',
  'mucus',
  'pus',
  'tinnitus',
  'pruritus',
  'hiatus',
  'stratus',
  'thymus',
  'bronchus',
  'calculus',
  'embolus',
  'thrombus',
  'fungus',
  'nevus',
  'plexus',
  'conus',
  'coitus',
  'torus',
  'tetanus',
  'vagus',
  'hallux',
  'pes',
  'genus',
  'corpus',
  'mitis',
  'citrus',
  'campus',
  'versus',
  'various',
  'previous',
  'nervous',
  'venous',
  'serous',
  'mucous',
  'fibrous',
  'cutaneous',
  'spontaneous',
  'infectious',
  'malignant',
  'gravis',
  'papillomatosis',
  'glans',
  'lens',
  'ones',
  'rhesus',
  'stenosis',
  'ibs',
  'cns',
  'hiv',
  'sars',
  'mrsa',
  'uts',
  'os',
  'abs',
  'bilateralis',
  'facies',
  'situs',
  'vas',
  'pars',
  'chorea',
  'clubfoot',
  'thesis',
  'mers',
  'alias',
  'bias',
]);

/**
 * Reduces a lowercase word to its singular stem for Index matching.
 *
 * @example
 * stemWord('lymphadenopathies'); // "lymphadenopathy"
 * stemWord('metastases');        // "metastasis"
 * stemWord('calculi');           // "calculus"
 * stemWord('fractures');         // "fracture"
 * stemWord('diabetes');          // "diabetes"
 */
export function stemWord(word: string): string {
  const w = word;
  if (w.length <= 3) return w;
  const irregular = IRREGULAR[w];
  if (irregular !== undefined) return irregular;
  if (INVARIANT.has(w)) return w;
  const last = w.charCodeAt(w.length - 1);
  if (last === 101 /* e */ && w.endsWith('ae') && w.length > 5) return w.slice(0, -1); // vertebrae, bullae
  if (w.endsWith('omata') && w.length > 7) return w.slice(0, -2); // condylomata → condyloma
  if (last !== 115 /* s */) return w;
  if (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is') || w.endsWith('ous')) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`; // neuropathies, allergies
  if (w.endsWith('oses') && w.length > 6) return `${w.slice(0, -4)}osis`; // stenoses, thromboses
  if (w.endsWith('yses') && w.length > 6) return `${w.slice(0, -4)}ysis`; // dialyses, paralyses
  if (w.endsWith('iases') && w.length > 7) return `${w.slice(0, -5)}iasis`; // candidiases
  if (w.endsWith('eses') && w.length > 6) return `${w.slice(0, -4)}esis`; // prostheses, pareses
  if (
    w.endsWith('sses') ||
    w.endsWith('xes') ||
    w.endsWith('ches') ||
    w.endsWith('shes') ||
    w.endsWith('zzes')
  ) {
    return w.slice(0, -2); // abscesses, reflexes, patches, rashes
  }
  return w.slice(0, -1); // fractures, ulcers, diseases, valves
}

/** Canonical matching key of a word: American spelling, then {@link stemWord}. */
export function canonicalizeWord(word: string): string {
  return stemWord(toAmericanSpelling(word));
}
