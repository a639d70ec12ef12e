/**
 * Section header vocabulary: the project's own curated headers plus the mapping from
 * medspaCy's section categories (which arrive as data in the lexicon pack) to ours.
 */

/** The section categories the pipeline reasons about. */
export type SectionCategory =
  | 'chief_complaint'
  | 'history_of_present_illness'
  | 'past_medical_history'
  | 'past_surgical_history'
  | 'family_history'
  | 'social_history'
  | 'medications'
  | 'allergies'
  | 'review_of_systems'
  | 'physical_exam'
  | 'labs_and_studies'
  | 'imaging'
  | 'assessment_and_plan'
  | 'diagnoses'
  | 'discharge_diagnoses'
  | 'problem_list'
  | 'procedures'
  | 'hospital_course'
  | 'differential'
  | 'ruled_out'
  | 'patient_instructions'
  | 'addendum'
  | 'signature'
  | 'other';

/** One header rule: a literal as it appears in notes (case-insensitive, colon optional). */
export interface SectionPattern {
  literal: string;
  /** Our category, or a medspaCy category name that {@link toSectionCategory} maps. */
  category: string;
}

/** Sections whose mentions are not diagnoses of the patient (medication indications, allergens…). */
export const NON_DIAGNOSTIC_SECTIONS: ReadonlySet<SectionCategory> = new Set<SectionCategory>([
  'medications',
  'allergies',
  'patient_instructions',
  'signature',
]);

const MEDSPACY_CATEGORY: Readonly<Record<string, SectionCategory>> = {
  addendum: 'addendum',
  allergy: 'allergies',
  allergies: 'allergies',
  chief_complaint: 'chief_complaint',
  comments: 'other',
  patient_education: 'patient_instructions',
  patient_instructions: 'patient_instructions',
  diagnoses: 'diagnoses',
  family_history: 'family_history',
  history_of_present_illness: 'history_of_present_illness',
  hospital_course: 'hospital_course',
  imaging: 'imaging',
  labs_and_studies: 'labs_and_studies',
  medications: 'medications',
  neurological: 'physical_exam',
  observation_and_plan: 'assessment_and_plan',
  other: 'other',
  past_medical_history: 'past_medical_history',
  physical_exam: 'physical_exam',
  problem_list: 'problem_list',
  reason_for_examination: 'chief_complaint',
  signature: 'signature',
  social_history: 'social_history',
};

/**
 * Literal-specific corrections to medspaCy's categories (keyed by folded header text):
 * medspaCy files "PSH:" under social history and discharge diagnoses under plan.
 */
const LITERAL_OVERRIDES: Readonly<Record<string, SectionCategory>> = {
  psh: 'past_surgical_history',
  'past surgical history': 'past_surgical_history',
  pmhsx: 'past_medical_history',
  'discharge diagnoses': 'discharge_diagnoses',
  'discharge diagnosis': 'discharge_diagnoses',
  'final diagnoses': 'diagnoses',
  'final diagnosis': 'diagnoses',
  'procedure note': 'procedures',
  'procedure and finding': 'procedures',
  'discharge condition': 'other',
  'discharge disposition': 'other',
  'on exam': 'physical_exam',
  'vital signs': 'physical_exam',
};

/** Maps a category name (ours or medspaCy's) to a {@link SectionCategory}; unknown → 'other'. */
export function toSectionCategory(category: string, literal?: string): SectionCategory {
  if (literal !== undefined) {
    const o = LITERAL_OVERRIDES[foldHeader(literal)];
    if (o !== undefined) return o;
  }
  if (Object.prototype.hasOwnProperty.call(CURATED_BY_CATEGORY, category))
    return category as SectionCategory;
  return MEDSPACY_CATEGORY[category] ?? 'other';
}

/** Folds a header for lookup: lowercase, no trailing colon, "&" → "and", single spaces. */
export function foldHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[:\s]+$/u, '')
    .replace(/\s*&\s*/gu, ' and ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Imaging tests whose name heads a line of results ("CXR: clear", "CT head w/o: …"). */
const IMAGING_TESTS = [
  'cxr',
  'ct',
  'mri',
  'x-ray',
  'xr',
  'us',
  'ultrasound',
  'echo',
  'tte',
  'mrcp',
] as const;
/** Other tests read the same way ("ECG: SR 60", "UA: neg"). */
const RESULT_TESTS = ['ecg', 'ekg', 'ua', 'urinalysis', 'spirometry', 'device check'] as const;

/** The project's own headers, by category (case-insensitive; colon optional). */
const CURATED_BY_CATEGORY: Readonly<Record<SectionCategory, readonly string[]>> = {
  chief_complaint: [
    'cc',
    'chief complaint',
    'reason for visit',
    'reason for admission',
    'presenting complaint',
    'reason for consultation',
    'reason for consult',
  ],
  history_of_present_illness: [
    'hpi',
    'history of present illness',
    'history of the present illness',
    'present illness',
    'interval history',
    'interval hx',
    'subjective',
    's',
  ],
  past_medical_history: [
    'pmh',
    'pmhx',
    'past medical history',
    'medical history',
    'past history',
    'past medical hx',
    'pmh/psh',
    'past medical and surgical history',
    'significant past medical history',
    'resolved',
    'historical',
    'resolved problems',
    'inactive problems',
    'inactive',
    'past problems',
    'birth history',
    'birth hx',
  ],
  past_surgical_history: [
    'psh',
    'pshx',
    'past surgical history',
    'surgical history',
    'past surgical hx',
    'prior surgeries',
    'surgeries',
  ],
  family_history: ['fh', 'fhx', 'family history', 'family hx', 'fam hx'],
  social_history: ['sh', 'shx', 'social history', 'social hx', 'substance use', 'habits'],
  medications: [
    'meds',
    'medications',
    'current medications',
    'home medications',
    'home meds',
    'current meds',
    'outpatient medications',
    'discharge medications',
    'discharge meds',
    'medications on admission',
    'admission medications',
    'active medications',
    'medication list',
    'meds pta',
    'medications prior to admission',
    'd/c meds',
    'inpatient medications',
    'prescriptions',
  ],
  allergies: [
    'allergies',
    'all',
    'allergy',
    'drug allergies',
    'allergies/adverse reactions',
    'adverse reactions',
    'allergies and intolerances',
  ],
  review_of_systems: ['ros', 'review of systems', 'systems review'],
  physical_exam: [
    'pe',
    'physical exam',
    'physical examination',
    'exam',
    'examination',
    'objective',
    'o',
    'vitals',
    'vital signs',
    'general exam',
    'mse',
    'mental status exam',
  ],
  labs_and_studies: [
    'labs',
    'laboratory',
    'laboratory data',
    'lab results',
    'results',
    'diagnostics',
    'diagnostic studies',
    'studies',
    'pertinent results',
    'data',
    'tests',
    'pending',
    ...RESULT_TESTS,
  ],
  imaging: ['imaging', 'radiology', 'imaging studies', ...IMAGING_TESTS],
  assessment_and_plan: [
    'assessment and plan',
    'a/p',
    'a and p',
    'assessment/plan',
    'assessment',
    'plan',
    'a',
    'p',
    'impression',
    'impression and plan',
    'impression/plan',
    'clinical impression',
    'mdm',
    'medical decision making',
    'recommendations',
    'assessment and recommendations',
  ],
  diagnoses: [
    'diagnosis',
    'diagnoses',
    'dx',
    'admission diagnosis',
    'admission diagnoses',
    'admitting diagnosis',
    'primary diagnosis',
    'principal diagnosis',
    'secondary diagnosis',
    'secondary diagnoses',
    'final diagnosis',
    'final diagnoses',
    'working diagnosis',
    'postoperative diagnosis',
    'post-operative diagnosis',
    'preoperative diagnosis',
    'pre-operative diagnosis',
  ],
  discharge_diagnoses: [
    'discharge diagnosis',
    'discharge diagnoses',
    'discharge dx',
    'diagnoses at discharge',
  ],
  problem_list: [
    'problem list',
    'active problems',
    'problems',
    'active problem list',
    'current problems',
  ],
  procedures: [
    'procedures',
    'procedure',
    'procedures performed',
    'procedure performed',
    'operations',
    'operation',
    'operation performed',
    'operations performed',
    'surgical procedures',
    'procedure note',
  ],
  hospital_course: [
    'hospital course',
    'brief hospital course',
    'ed course',
    'clinical course',
    'course',
    'prenatal course',
    'l and d course',
    'labor course',
    'postpartum course',
    'consults',
    'post-op',
    'postoperative course',
  ],
  differential: ['ddx', 'differential', 'differential diagnosis', 'differential diagnoses'],
  ruled_out: ['ruled out', 'excluded'],
  patient_instructions: [
    'discharge instructions',
    'instructions',
    'follow up',
    'follow-up',
    'followup',
    'patient instructions',
    'return precautions',
    'f/u',
  ],
  addendum: ['addendum'],
  signature: ['electronically signed by', 'signed by'],
  other: [
    'disposition',
    'dispo',
    'code status',
    'condition at discharge',
    'condition at d/c',
    'vaccines',
    'screening',
    'development',
  ],
};

/** The curated headers as patterns (category names are {@link SectionCategory}). */
export const CURATED_SECTION_PATTERNS: readonly SectionPattern[] = Object.entries(
  CURATED_BY_CATEGORY,
).flatMap(([category, literals]) => literals.map((literal) => ({ literal, category })));

/** Names of tests whose header introduces one line of results ("TTE: EF 55%", "CT head w/o: …"). */
const ONE_LINE = new Set([...IMAGING_TESTS, 'tee', ...RESULT_TESTS]);

/** SOAP letters ("S:", "O:", "A:", "P:") and "All:" (allergies): headers only at the start of a line. */
const LINE_START_ONLY = new Set(['s', 'o', 'a', 'p', 'all']);

/** Whether a folded header may be read in the middle of a line. */
export function readsMidLine(folded: string): boolean {
  return !LINE_START_ONLY.has(folded) && !isOneLineHeader(folded);
}

/** Whether a folded header is a test's result line, first or last word included ("pelvic us"). */
export function isOneLineHeader(folded: string): boolean {
  const key = folded.replace(/\s*\([^)]*\)\s*/gu, ' ').trim();
  if (ONE_LINE.has(key)) return true;
  const words = key.split(' ');
  return words.length > 1 && (ONE_LINE.has(words[0]!) || ONE_LINE.has(words.at(-1)!));
}

/** Words after a header that qualify it without changing its kind ("labs today", "… by problem"). */
const HEADER_QUALIFIER =
  /\s+(?:by (?:problem|system)|at (?:discharge|d\/c)|on (?:admission|arrival|discharge)|prior to admission|today|pta|summary)$/u;

/** Whether a parenthesis of the header names past problems ("(resolved / historical)"). */
function pastByParenthesis(
  folded: string,
  known: (k: string) => SectionCategory | undefined,
): boolean {
  const inner = /\(([^)]*)\)/u.exec(folded)?.[1];
  if (inner === undefined) return false;
  return inner
    .split(/[/,]|\bor\b|\band\b/u)
    .some((part) => known(part.trim()) === 'past_medical_history');
}

/** Header kinds too easily confused with a document title ("CARDIOLOGY FOLLOW-UP") to match loosely. */
const STRICT_ONLY: ReadonlySet<SectionCategory> = new Set<SectionCategory>([
  'patient_instructions',
  'signature',
  'other',
]);

/**
 * The category of a line-initial header that is not a known header itself but a known one
 * qualified: a parenthesis ("exam (admission)"), a qualifier ("hospital course by problem",
 * "principal dx at discharge"), two headers joined by a slash ("assessment / plan"), or a known
 * header first ("labs trend", "ct head w/o") or, before a colon, last ("admitting dx", "d/c meds").
 * `folded` is {@link foldHeader}'s form.
 */
export function qualifiedHeaderCategory(
  headers: ReadonlyMap<string, SectionCategory>,
  folded: string,
  withColon: boolean,
): SectionCategory | undefined {
  const known = (k: string): SectionCategory | undefined => {
    const c = headers.get(k);
    return c !== undefined && !STRICT_ONLY.has(c) ? c : undefined;
  };
  // "Problem list (resolved / historical)": the parenthesis says the problems are past.
  if (pastByParenthesis(folded, known)) return 'past_medical_history';
  let key = folded.replace(/\s*\([^)]*\)\s*/gu, ' ').trim();
  if (key.length === 0 || /\d/u.test(key)) return undefined;
  for (;;) {
    const q = key.replace(HEADER_QUALIFIER, '');
    if (q === key) break;
    key = q;
  }
  const joined = known(key) ?? known(key.replace(/\s*\/\s*/gu, '/'));
  if (joined !== undefined) return joined;
  // A title on a line of its own ("CARDIOLOGY CLINIC - F/U") is matched only whole.
  if (!withColon) return undefined;
  const parts = key.split(/\s+\/\s+|\s+-\s+/u);
  if (parts.length > 1) return parts.map(known).find((c) => c !== undefined);
  const words = key.split(' ');
  if (words.length > 6) return undefined;
  for (let k = words.length - 1; k >= 1; k--) {
    const head = known(words.slice(0, k).join(' '));
    if (head !== undefined) return head;
    const tail = known(words.slice(words.length - k).join(' '));
    if (tail !== undefined) return tail;
  }
  return undefined;
}
