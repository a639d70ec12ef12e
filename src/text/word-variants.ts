/**
 * Word-level variants for Index matching: British → American spelling and adjectival →
 * noun forms (renal → kidney: many of these are Index "see" links). Words are the
 * normalised lowercase token texts from {@link tokenize}.
 */

/** Whole-word British → American spellings that no safe rule covers. */
const BRITISH_WORDS: Readonly<Record<string, string>> = {
  tumour: 'tumor', tumours: 'tumors', colour: 'color', behaviour: 'behavior', behavioural: 'behavioral',
  humour: 'humor', odour: 'odor', vapour: 'vapor', favour: 'favor', labour: 'labor', rumour: 'rumor',
  litre: 'liter', litres: 'liters', centimetre: 'centimeter', millimetre: 'millimeter', metre: 'meter',
  fibre: 'fiber', fibres: 'fibers', calibre: 'caliber', centre: 'center', manoeuvre: 'maneuver',
  grey: 'gray', ageing: 'aging', programme: 'program', plough: 'plow', mould: 'mold', sceptic: 'skeptic',
  catheterisation: 'catheterization', hospitalisation: 'hospitalization', immunisation: 'immunization',
  hospitalised: 'hospitalized', localised: 'localized', generalised: 'generalized', organised: 'organized',
  recognised: 'recognized', stabilised: 'stabilized', sterilisation: 'sterilization', paralysed: 'paralyzed',
  anaesthetic: 'anesthetic', aluminium: 'aluminum', sulphate: 'sulfate', sulphur: 'sulfur',
  foetus: 'fetus', foetal: 'fetal', defence: 'defense', offence: 'offense', licence: 'license',
  practise: 'practice', disc: 'disc', haemorrhoids: 'hemorrhoids', oesophagus: 'esophagus',
  diarrhoea: 'diarrhea', dyspnoea: 'dyspnea', apnoea: 'apnea', oedema: 'edema', anaemia: 'anemia',
  coeliac: 'celiac', paediatric: 'pediatric', orthopaedic: 'orthopedic', gynaecology: 'gynecology',
  caecum: 'cecum', faeces: 'feces', faecal: 'fecal', aetiology: 'etiology', oestrogen: 'estrogen',
  haemorrhage: 'hemorrhage', ischaemia: 'ischemia', ischaemic: 'ischemic', leukaemia: 'leukemia',
  septicaemia: 'septicemia', haematoma: 'hematoma', haematuria: 'hematuria', tonne: 'ton',
};

/** Substring rules, checked in order; `at` = 'start' anchors the match at the word start. */
const BRITISH_RULES: ReadonlyArray<{ from: string; to: string; at: 'start' | 'any' }> = [
  { from: 'haem', to: 'hem', at: 'any' }, // haemorrhage, haematoma, polycythaemia? (aem below)
  { from: 'oesophag', to: 'esophag', at: 'any' },
  { from: 'oedem', to: 'edem', at: 'any' },
  { from: 'oestr', to: 'estr', at: 'start' },
  { from: 'foet', to: 'fet', at: 'start' },
  { from: 'coeli', to: 'celi', at: 'start' },
  { from: 'paed', to: 'ped', at: 'any' },
  { from: 'orthopaed', to: 'orthoped', at: 'any' },
  { from: 'gynaec', to: 'gynec', at: 'any' },
  { from: 'aetiol', to: 'etiol', at: 'any' },
  { from: 'anaes', to: 'anes', at: 'any' },
  { from: 'caec', to: 'cec', at: 'start' },
  { from: 'faec', to: 'fec', at: 'start' },
  { from: 'rrhoea', to: 'rrhea', at: 'any' }, // diarrhoea, amenorrhoea, gonorrhoea
  { from: 'pnoea', to: 'pnea', at: 'any' }, // dyspnoea, apnoea, tachypnoea
  { from: 'aemia', to: 'emia', at: 'any' }, // anaemia, leukaemia, septicaemia, ischaemia? (below)
  { from: 'aemic', to: 'emic', at: 'any' },
  { from: 'ischaem', to: 'ischem', at: 'any' },
  { from: 'leukaem', to: 'leukem', at: 'any' },
  { from: 'sulph', to: 'sulf', at: 'any' },
  { from: 'isation', to: 'ization', at: 'any' },
  { from: 'oeso', to: 'eso', at: 'start' },
];

/**
 * American spelling of a (lowercase) word: "haemorrhage" → "hemorrhage", "oedema" → "edema",
 * "tumour" → "tumor", "paediatric" → "pediatric". Unchanged when no rule applies.
 */
export function toAmericanSpelling(word: string): string {
  const direct = BRITISH_WORDS[word];
  if (direct !== undefined) return direct;
  let w = word;
  for (const r of BRITISH_RULES) {
    if (r.at === 'start' ? w.startsWith(r.from) : w.includes(r.from)) {
      w = r.at === 'start' ? r.to + w.slice(r.from.length) : w.split(r.from).join(r.to);
    }
  }
  return w;
}

/** Adjective → the noun an Index entry uses ("renal" → "kidney"). */
export const ADJECTIVAL_FORMS: Readonly<Record<string, string>> = {
  renal: 'kidney', nephric: 'kidney', cardiac: 'heart', hepatic: 'liver', pulmonary: 'lung',
  pulmonic: 'lung', cerebral: 'brain', encephalic: 'brain', gastric: 'stomach', cutaneous: 'skin',
  dermal: 'skin', ocular: 'eye', ophthalmic: 'eye', optic: 'eye', otic: 'ear', auricular: 'ear',
  aural: 'ear', nasal: 'nose', oral: 'mouth', buccal: 'mouth', dental: 'tooth', lingual: 'tongue',
  labial: 'lip', vesical: 'bladder', cystic: 'cyst', colonic: 'colon', rectal: 'rectum', anal: 'anus',
  duodenal: 'duodenum', esophageal: 'esophagus', pancreatic: 'pancreas', splenic: 'spleen',
  thyroidal: 'thyroid', adrenal: 'adrenal gland', ovarian: 'ovary', uterine: 'uterus',
  vaginal: 'vagina', vulvar: 'vulva', prostatic: 'prostate', testicular: 'testis', scrotal: 'scrotum',
  penile: 'penis', mammary: 'breast', pleural: 'pleura', bronchial: 'bronchus', tracheal: 'trachea',
  laryngeal: 'larynx', pharyngeal: 'pharynx', tonsillar: 'tonsil', vascular: 'vessel', venous: 'vein',
  arterial: 'artery', aortic: 'aorta', myocardial: 'myocardium', pericardial: 'pericardium',
  endocardial: 'endocardium', cerebellar: 'cerebellum', spinal: 'spine', vertebral: 'vertebra',
  osseous: 'bone', muscular: 'muscle', articular: 'joint', biliary: 'bile duct', intestinal: 'intestine',
  enteric: 'intestine', umbilical: 'umbilicus', inguinal: 'groin', femoral: 'femur', tibial: 'tibia',
  fibular: 'fibula', humeral: 'humerus', radial: 'radius', ulnar: 'ulna', pelvic: 'pelvis',
  abdominal: 'abdomen', thoracic: 'thorax', cranial: 'skull', facial: 'face', neural: 'nerve',
  retinal: 'retina', corneal: 'cornea', gingival: 'gum', urethral: 'urethra', ureteral: 'ureter',
  ureteric: 'ureter', hepatobiliary: 'liver', gallbladder: 'gallbladder', cholecystic: 'gallbladder',
  appendiceal: 'appendix', peritoneal: 'peritoneum', sacral: 'sacrum', coccygeal: 'coccyx',
  clavicular: 'clavicle', scapular: 'scapula', patellar: 'patella', carpal: 'wrist', tarsal: 'ankle',
  digital: 'finger', pedal: 'foot', plantar: 'foot', palmar: 'hand', cervical: 'neck', lumbar: 'lumbar region',
  gluteal: 'buttock', axillary: 'axilla', mandibular: 'mandible', maxillary: 'maxilla', sinus: 'sinus',
  lymphatic: 'lymph node', nodal: 'lymph node', cardiopulmonary: 'heart and lung', intracranial: 'brain',
};

/** The noun for an adjective ("hepatic" → "liver"), or undefined. */
export function adjectiveToNoun(word: string): string | undefined {
  return ADJECTIVAL_FORMS[word];
}
