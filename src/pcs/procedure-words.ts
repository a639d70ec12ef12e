/**
 * The words an operative note uses for the axes of an ICD-10-PCS code, mapped to the values the
 * tables and definitions name: root-operation verbs and nouns, approach words, device words and
 * qualifier words. Root-operation names themselves ("Excision", "Drainage") come from the
 * tables; these are the clinical synonyms the definitions' "includes" and the Index imply.
 */

/** Note word (folded, lowercase) → the Index/table word it stands for. */
export const WORD_NORMAL_FORMS: Readonly<Record<string, string>> = {
  excised: 'excision', excise: 'excision', resected: 'resection', resect: 'resection',
  drained: 'drainage', drain: 'drainage', aspirated: 'drainage', aspiration: 'drainage',
  inserted: 'insertion', insert: 'insertion', placed: 'insertion', placement: 'insertion', implanted: 'insertion', implantation: 'insertion',
  replaced: 'replacement', repaired: 'repair', sutured: 'repair', suture: 'repair', closure: 'repair',
  removed: 'removal', extracted: 'extraction', biopsied: 'biopsy', biopsies: 'biopsy',
  dilated: 'dilation', dilatation: 'dilation', occluded: 'occlusion', ligated: 'occlusion', ligation: 'occlusion',
  embolized: 'occlusion', embolization: 'occlusion', transplanted: 'transplantation', transplant: 'transplantation',
  explored: 'inspection', exploration: 'inspection', fused: 'fusion', released: 'release', divided: 'division',
  reduced: 'reposition', reduction: 'reposition', fixated: 'reposition', cauterized: 'destruction', ablated: 'destruction', ablation: 'destruction',
  xray: 'radiography', radiograph: 'radiography', radiographs: 'radiography', radiology: 'radiography',
  ct: 'tomography', cat: 'tomography', tc: 'tomography', tac: 'tomography', tomographic: 'tomography',
  mri: 'resonance', mr: 'resonance', nmr: 'resonance', rmn: 'resonance',
  ultrasound: 'ultrasonography', ultrasounds: 'ultrasonography', echography: 'ultrasonography', sonography: 'ultrasonography', ecography: 'ultrasonography', ultrasonographic: 'ultrasonography', echo: 'ultrasonography',
  ecg: 'ekg', electrocardiogram: 'ekg', eeg: 'electroencephalogram', emg: 'electromyogram',
  chest: 'chest', thorax: 'chest', thoracic: 'chest',
};

/** A root operation (or imaging type) named by a note word, and how sure that is. */
export interface OperationWord {
  /** The table's label of the third character, e.g. "Resection". */
  operation: string;
  /** The section it belongs to ("0" medical and surgical, "B" imaging...). */
  section: string;
}

/** Note words (normal form) that name a root operation or an imaging type directly. */
export const OPERATION_WORDS: Readonly<Record<string, OperationWord>> = {
  excision: { operation: 'Excision', section: '0' },
  biopsy: { operation: 'Excision', section: '0' },
  resection: { operation: 'Resection', section: '0' },
  drainage: { operation: 'Drainage', section: '0' },
  insertion: { operation: 'Insertion', section: '0' },
  replacement: { operation: 'Replacement', section: '0' },
  repair: { operation: 'Repair', section: '0' },
  removal: { operation: 'Removal', section: '0' },
  extraction: { operation: 'Extraction', section: '0' },
  dilation: { operation: 'Dilation', section: '0' },
  occlusion: { operation: 'Occlusion', section: '0' },
  transplantation: { operation: 'Transplantation', section: '0' },
  inspection: { operation: 'Inspection', section: '0' },
  fusion: { operation: 'Fusion', section: '0' },
  release: { operation: 'Release', section: '0' },
  division: { operation: 'Division', section: '0' },
  reposition: { operation: 'Reposition', section: '0' },
  destruction: { operation: 'Destruction', section: '0' },
  bypass: { operation: 'Bypass', section: '0' },
  radiography: { operation: 'Plain Radiography', section: 'B' },
  fluoroscopy: { operation: 'Fluoroscopy', section: 'B' },
  tomography: { operation: 'Computerized Tomography (CT Scan)', section: 'B' },
  resonance: { operation: 'Magnetic Resonance Imaging (MRI)', section: 'B' },
  ultrasonography: { operation: 'Ultrasonography', section: 'B' },
};

/** "-ectomy" stems → the body-part word they remove ("cholecystectomy" → gallbladder). */
export const ECTOMY_STEMS: Readonly<Record<string, string>> = {
  append: 'appendix', appendic: 'appendix', cholecyst: 'gallbladder', col: 'large intestine', hemicol: 'large intestine', sigmoid: 'sigmoid colon',
  gastr: 'stomach', nephr: 'kidney', splen: 'spleen', thyroid: 'thyroid gland', hemithyroid: 'thyroid gland lobe', hyster: 'uterus',
  mast: 'breast', prostat: 'prostate', pancreat: 'pancreas', oophor: 'ovary', salping: 'fallopian tube', orchi: 'testis', orchid: 'testis',
  adrenal: 'adrenal gland', laryng: 'larynx', tonsill: 'tonsils', adenoid: 'adenoids', cyst: 'bladder', pneumon: 'lung',
  lob: 'lung lobe', esophag: 'esophagus', parathyroid: 'parathyroid gland', epididym: 'epididymis', vagin: 'vagina',
  vulv: 'vulva', cervic: 'cervix', myom: 'uterus', ureter: 'ureter', urethr: 'urethra', pericardi: 'pericardium',
  tympan: 'tympanic membrane', mastoid: 'mastoid sinus', turbin: 'nasal turbinate', sinus: 'sinus', ethmoid: 'ethmoid sinus',
  pleur: 'pleura', thym: 'thymus', parotid: 'parotid gland', sialaden: 'salivary gland', lymphaden: 'lymph node',
  duoden: 'duodenum', jejun: 'jejunum', ile: 'ileum', proct: 'rectum', rect: 'rectum', hepat: 'liver', cholangi: 'bile duct',
  vas: 'vas deferens', vasect: 'vas deferens', men: 'meniscus', menisc: 'meniscus', disc: 'disc', disk: 'disc', lamin: 'vertebra',
  phlebect: 'vein', vitr: 'vitreous', irid: 'iris', amygdal: 'tonsils', uvul: 'uvula', gloss: 'tongue', mandibul: 'mandible',
  patell: 'patella', cran: 'skull', craniect: 'skull', synov: 'synovium',
};

/** Words that say only part of the body part was cut out (B3.8: Excision, not Resection). */
export const PARTIAL_WORDS = new Set(['partial', 'subtotal', 'hemi', 'segmental', 'wedge', 'portion', 'part', 'lumpectomy', 'debulking', 'distal', 'proximal', 'sleeve']);

/** Approach words → approach value labels, most specific first. */
export const APPROACH_WORDS: ReadonlyArray<{ words: readonly string[]; label: string }> = [
  { words: ['colonoscopic', 'colonoscopy', 'cystoscopic', 'cystoscopy', 'bronchoscopic', 'bronchoscopy', 'gastroscopic', 'gastroscopy', 'hysteroscopic', 'hysteroscopy', 'ureteroscopic', 'ureteroscopy', 'ercp', 'endoscopically', 'endoscopic', 'endoscopy', 'sigmoidoscopy', 'esophagogastroduodenoscopy', 'egd', 'colposcopy', 'transurethral', 'turp', 'turbt'], label: 'Via Natural or Artificial Opening Endoscopic' },
  { words: ['transvaginal', 'transanal', 'transoral', 'transnasal', 'vaginal'], label: 'Via Natural or Artificial Opening' },
  { words: ['laparoscopic', 'laparoscopically', 'laparoscopy', 'thoracoscopic', 'thoracoscopy', 'vats', 'arthroscopic', 'arthroscopy', 'robotic', 'mediastinoscopy', 'endoscopic'], label: 'Percutaneous Endoscopic' },
  { words: ['percutaneous', 'percutaneously', 'needle', 'puncture', 'paracentesis', 'thoracentesis', 'guided', 'transcutaneous', 'fna', 'core'], label: 'Percutaneous' },
  { words: ['open', 'laparotomy', 'thoracotomy', 'sternotomy', 'craniotomy', 'incision', 'incised', 'arthrotomy', 'surgical'], label: 'Open' },
  { words: ['external', 'externally', 'closed', 'transcutaneously'], label: 'External' },
];

/** Device words → device value labels (matched against the labels the row offers). */
export const DEVICE_WORDS: ReadonlyArray<{ words: readonly string[]; label: string }> = [
  { words: ['stent', 'stents', 'stenting'], label: 'Intraluminal Device' },
  { words: ['drain', 'drains', 'tube', 'catheter', 'nephrostomy', 'pigtail'], label: 'Drainage Device' },
  { words: ['mesh', 'prosthesis', 'prosthetic', 'synthetic', 'implant'], label: 'Synthetic Substitute' },
  { words: ['autologous', 'autograft'], label: 'Autologous Tissue Substitute' },
  { words: ['allograft', 'xenograft', 'nonautologous'], label: 'Nonautologous Tissue Substitute' },
  { words: ['pacemaker'], label: 'Pacemaker' },
  { words: ['defibrillator', 'icd'], label: 'Defibrillator Generator' },
  { words: ['plate', 'screws', 'screw'], label: 'Internal Fixation Device' },
  { words: ['nail', 'intramedullary'], label: 'Intramedullary Internal Fixation Device' },
  { words: ['fixator'], label: 'External Fixation Device' },
  { words: ['clip', 'clips', 'coil', 'coils', 'ligature'], label: 'Extraluminal Device' },
];

/** Words that make an excision, extraction or drainage diagnostic (B3.4a: qualifier X). */
export const DIAGNOSTIC_WORDS = new Set(['biopsy', 'diagnostic', 'cytology', 'fna']);

/** Words that say a procedure was stopped before it was done (B3.3). */
export const DISCONTINUED_WORDS = new Set(['aborted', 'discontinued', 'abandoned', 'converted']);

/** Stopwords left out of Index-term matching. */
export const INDEX_STOPWORDS = new Set(['of', 'and', 'the', 'with', 'by', 'in', 'to', 'for', 'or', 'on', 'procedure', 'see', 'other', 'nec', 'a', 'an', 'via', 'using', 'into']);

/** Words that, a few words before a procedure, say it was not done. */
export const NEGATION_WORDS = new Set(['no', 'not', 'without', 'declined', 'refused', 'deferred', 'never', 'denies']);

/** Endings of words that name a procedure ("-ectomy", "-scopy", "-graphy"...). */
export const PROCEDURE_WORD_ENDINGS = /(ectomy|otomy|ostomy|oscopy|plasty|graphy|gram|centesis|rrhaphy|pexy|lysis|tripsy|desis|transfusion|dialysis|ventilation|intubation|catheterization|anesthesia|therapy|puncture|biopsy)$/;

/** Words that imply more than they say: the Index term and body part a coder reads into them. */
export const IMPLIED_KEYS: Readonly<Record<string, readonly string[]>> = {
  paracentesis: ['drainage', 'peritoneal', 'cavity'],
  thoracentesis: ['drainage', 'cavity'],
  tracheostomy: ['bypass', 'trachea'],
  tracheotomy: ['bypass', 'trachea'],
  orotracheal: ['airway', 'trachea'],
  endotracheal: ['airway', 'trachea'],
  nasotracheal: ['airway', 'trachea'],
};

/** Index words that name an action although no ending shows it. */
export const ACTION_KEYS = new Set(['ray', 'ekg', 'intubation', 'paracentesis', 'thoracentesis', 'hemodialysis', 'dialysis', 'transfusion', 'ventilation', 'puncture']);
