/**
 * Deterministic synthetic clinical notes for the benchmark (`npm run bench`). Every sentence is
 * written here from templates: no real patient data. A seeded generator assembles sections
 * (HPI, PMH, medications, exam, labs, assessment and plan) from conditions, negations,
 * hedges, family history and common abbreviations until the note reaches the asked word count.
 */
import { seededRandom } from './seeded-random.js';

const CONDITIONS = [
  'type 2 diabetes mellitus with diabetic chronic kidney disease',
  'type 2 diabetes mellitus without complications',
  'DM2 with hyperglycemia',
  'essential hypertension',
  'HTN',
  'hypertensive heart disease with heart failure',
  'chronic kidney disease stage 3',
  'CKD stage 4',
  'congestive heart failure',
  'CHF with reduced ejection fraction',
  'chronic systolic heart failure',
  'atrial fibrillation',
  'paroxysmal afib',
  'coronary artery disease',
  'CAD status post CABG',
  'acute ST elevation myocardial infarction of the inferior wall',
  'NSTEMI',
  'hyperlipidemia',
  'mixed hyperlipidemia',
  'COPD with acute exacerbation',
  'chronic obstructive pulmonary disease',
  'asthma',
  'community acquired pneumonia',
  'pneumonia of the right lower lobe',
  'urinary tract infection',
  'UTI',
  'acute kidney injury',
  'AKI',
  'sepsis',
  'hypothyroidism',
  'major depressive disorder, recurrent, moderate',
  'generalized anxiety disorder',
  'obstructive sleep apnea',
  'OSA on CPAP',
  'gastroesophageal reflux disease',
  'GERD',
  'iron deficiency anemia',
  'anemia',
  'osteoarthritis of the right knee',
  'low back pain',
  'morbid obesity',
  'deep vein thrombosis of the left lower extremity',
  'pulmonary embolism',
  'cellulitis of the left lower leg',
  'acute cystitis with hematuria',
  'nephrolithiasis',
  'benign prostatic hyperplasia',
  'peripheral vascular disease',
  'diabetic peripheral neuropathy',
  'migraine without aura',
  'seizure disorder',
  'history of cerebrovascular accident',
  'transient ischemic attack',
  'alcohol dependence',
  'tobacco use',
  'vitamin D deficiency',
  'hyponatremia',
  'hypokalemia',
  'gout',
  'rheumatoid arthritis',
  'psoriasis',
  'cirrhosis of liver',
  'hepatitis C',
  'pancreatitis',
  'cholelithiasis',
  'diverticulitis of colon',
  'constipation',
  'chronic pain',
  'dementia',
  'Parkinson disease',
] as const;

const SYMPTOMS = [
  'chest pain',
  'shortness of breath',
  'dyspnea on exertion',
  'SOB',
  'cough',
  'fever',
  'chills',
  'nausea',
  'vomiting',
  'abdominal pain',
  'diarrhea',
  'dysuria',
  'hematuria',
  'headache',
  'dizziness',
  'syncope',
  'palpitations',
  'fatigue',
  'weight loss',
  'edema of the lower extremities',
  'orthopnea',
  'back pain',
  'joint pain',
  'rash',
  'confusion',
] as const;

const MEDICATIONS = [
  'metformin 1000 mg PO BID',
  'lisinopril 20 mg daily',
  'atorvastatin 40 mg QHS',
  'metoprolol succinate 50 mg daily',
  'furosemide 40 mg PO daily',
  'apixaban 5 mg BID',
  'insulin glargine 20 units SC QHS',
  'aspirin 81 mg daily',
  'levothyroxine 75 mcg daily',
  'omeprazole 20 mg daily',
  'albuterol inhaler 2 puffs q4h PRN',
  'sertraline 50 mg daily',
  'gabapentin 300 mg TID',
  'amlodipine 10 mg daily',
  'tamsulosin 0.4 mg QHS',
] as const;

const FAMILY = [
  'mother',
  'father',
  'sister',
  'brother',
  'maternal grandmother',
  'paternal uncle',
] as const;

type Pick = <T>(list: readonly T[]) => T;

const HPI: ReadonlyArray<(p: Pick, age: number, sex: string) => string> = [
  (p, age, sex) =>
    `${age} y/o ${sex} with a history of ${p(CONDITIONS)} and ${p(CONDITIONS)} presents with ${p(SYMPTOMS)} for ${2 + Math.floor(age % 5)} days.`,
  (p) => `Patient reports ${p(SYMPTOMS)} that worsened overnight, associated with ${p(SYMPTOMS)}.`,
  (p) => `Denies ${p(SYMPTOMS)}, ${p(SYMPTOMS)} or ${p(SYMPTOMS)}.`,
  (p) => `No history of ${p(CONDITIONS)}, ${p(SYMPTOMS)} or ${p(CONDITIONS)}.`,
  (p) => `The pt was seen in the ED last month for ${p(SYMPTOMS)} and was discharged home.`,
  (p) => `She states that the ${p(SYMPTOMS)} is intermittent and relieved by rest.`,
  (p) => `He was recently started on ${p(MEDICATIONS)} by his PCP.`,
  (p) => `Symptoms began after a viral illness; there was no ${p(SYMPTOMS)}.`,
  (p) => `Concern for ${p(CONDITIONS)} given the presentation.`,
];

const PMH: ReadonlyArray<(p: Pick) => string> = [
  (p) => `${p(CONDITIONS)}.`,
  (p) => `History of ${p(CONDITIONS)}, resolved.`,
  (p) => `${p(CONDITIONS)}, well controlled on medication.`,
  (p) => `Status post appendectomy; ${p(CONDITIONS)}.`,
];

const EXAM: readonly string[] = [
  'Vitals: BP 148/92, HR 96, RR 18, T 37.8 C, SpO2 94% on RA.',
  'General: alert and oriented x3, in no acute distress.',
  'HEENT: normocephalic, atraumatic, moist mucous membranes.',
  'Cardiovascular: irregularly irregular rhythm, no murmurs, rubs or gallops.',
  'Lungs: crackles at the right base, no wheezing.',
  'Abdomen: soft, non-tender, non-distended, normal bowel sounds.',
  'Extremities: 2+ pitting edema bilaterally to the mid shin.',
  'Neuro: CN II-XII intact, strength 5/5 throughout.',
  'Skin: warm and dry, no rashes.',
];

const LABS: readonly string[] = [
  'Labs: Na 131, K 3.2, Cr 1.9 (baseline 1.4), BUN 38, glucose 248.',
  'HbA1c 9.1%. LDL 142. TSH 6.8.',
  'CBC: WBC 14.2 with left shift, Hgb 9.8, platelets 210.',
  'Troponin 0.45, BNP 1240.',
  'UA positive for leukocyte esterase and nitrites.',
  'CXR shows a right lower lobe infiltrate; ECG with ST elevation in II, III and aVF.',
  'CT abdomen and pelvis without contrast: no acute process.',
];

const PLAN: ReadonlyArray<(p: Pick) => string> = [
  (p) => `${p(CONDITIONS)}: continue ${p(MEDICATIONS)}, recheck labs in the morning.`,
  (p) => `${p(CONDITIONS)} - likely contributing to the ${p(SYMPTOMS)}; start ${p(MEDICATIONS)}.`,
  (p) => `Rule out ${p(CONDITIONS)}; obtain imaging.`,
  (p) => `Possible ${p(CONDITIONS)}, will monitor.`,
  (p) => `${p(SYMPTOMS)}, improving; no evidence of ${p(CONDITIONS)}.`,
  (p) => `Family history of ${p(CONDITIONS)} in her ${p(FAMILY)}; screening discussed.`,
  (p) => `${p(CONDITIONS)}, stable. Follow up with cardiology in 2 weeks.`,
  (p) => `Counseled on ${p(CONDITIONS)} and diet; patient verbalized understanding.`,
];

/** Whitespace-separated word count, the unit the benchmark reports. */
export function countWords(text: string): number {
  const t = text.trim();
  return t ? t.split(/\s+/).length : 0;
}

/**
 * A synthetic note of about `targetWords` words (never fewer), deterministic in `seed`.
 * Long notes repeat the progress-note block (a hospital course), as real long notes do.
 */
export function syntheticNote(targetWords: number, seed: number): string {
  const rnd = seededRandom(seed);
  const pick: Pick = (list) => list[Math.floor(rnd() * list.length)]!;
  const age = 30 + Math.floor(rnd() * 60);
  const sex = rnd() < 0.5 ? 'F' : 'M';
  const parts: string[] = [];
  let words = 0;
  for (const line of noteLines(rnd, pick, age, sex)) {
    parts.push(line);
    words += countWords(line);
    if (words >= targetWords) break;
  }
  return parts.join('\n');
}

/** Endless note: admission sections, then one progress-note block per hospital day. */
function* noteLines(rnd: () => number, pick: Pick, age: number, sex: string): Generator<string> {
  // Short notes get every section: the Assessment and Plan comes early in the stream.
  for (let day = 0; ; day++) {
    yield day === 0
      ? 'HISTORY OF PRESENT ILLNESS:'
      : `HOSPITAL DAY ${day + 1} PROGRESS NOTE:\nSUBJECTIVE:`;
    for (let i = 0, n = 2 + Math.floor(rnd() * 2); i < n; i++) yield pick(HPI)(pick, age, sex);
    yield 'PAST MEDICAL HISTORY:';
    for (let i = 0, n = 2 + Math.floor(rnd() * 2); i < n; i++) yield `- ${pick(PMH)(pick)}`;
    yield 'MEDICATIONS:';
    for (let i = 0, n = 2 + Math.floor(rnd() * 2); i < n; i++) yield `- ${pick(MEDICATIONS)}`;
    yield 'ALLERGIES: NKDA.';
    yield 'ASSESSMENT AND PLAN:';
    for (let i = 0, n = 3 + Math.floor(rnd() * 2); i < n; i++)
      yield `${i + 1}. ${pick(PLAN)(pick)}`;
    yield 'PHYSICAL EXAM:';
    for (let i = 0, n = 3 + Math.floor(rnd() * 3); i < n; i++) yield pick(EXAM);
    yield pick(LABS);
  }
}

/** About `bytes` characters of synthetic note text (sections of many seeded notes). */
export function syntheticNoteOfSize(bytes: number, seed: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const n = syntheticNote(1500, seed + i);
    parts.push(n);
    size += n.length + 2;
  }
  return parts.join('\n\n');
}
