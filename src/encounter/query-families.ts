/**
 * The documentation-query families (CDI): where the note supports only an unspecified code and
 * the specific form changes the coding, the clinical indicators to look for and the
 * multiple-choice answers to offer. Options list every clinically reasonable answer plus
 * "Other" and "Clinically undetermined", and never name a code or a payment (AHIMA/ACDIS
 * "Guidelines for Achieving a Compliant Query Practice", 2022 update).
 */

export type QueryFamilyId =
  | 'heart-failure'
  | 'ckd-stage'
  | 'diabetes'
  | 'pneumonia-organism'
  | 'sepsis'
  | 'malnutrition'
  | 'anemia'
  | 'pressure-ulcer'
  | 'obesity';

export interface QueryFamily {
  id: QueryFamilyId;
  /** What the query is about, in the provider's words. */
  topic: string;
  /** Dotless codes (prefix match) documenting only the unspecified form. */
  unspecified: RegExp;
  /** Dotless codes documenting the specific form: when present, no query. */
  specific: RegExp;
  /** The clinical indicators to quote, each with a label. */
  indicators: readonly { label: string; pattern: RegExp }[];
  /** The open question (non-leading). */
  question: string;
  options: readonly string[];
}

export const OTHER_OPTION = 'Other (please specify)';
export const UNDETERMINED_OPTION = 'Clinically undetermined';

const num = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)`;

export const QUERY_FAMILIES: readonly QueryFamily[] = [
  {
    id: 'heart-failure',
    topic: 'heart failure',
    unspecified: /^I50(?:9|20|30|40|1)/,
    specific: /^I50(?:2[123]|3[123]|4[123])/,
    indicators: [
      {
        label: 'BNP / NT-proBNP',
        pattern: new RegExp(String.raw`\b(?:nt-?pro-?bnp|bnp)\b[^.\n]{0,20}?${num}`, 'i'),
      },
      {
        label: 'Ejection fraction',
        pattern: new RegExp(
          String.raw`\b(?:lvef|ef|ejection fraction)\b[^.\n]{0,15}?${num}\s*%`,
          'i',
        ),
      },
      {
        label: 'Diuretic therapy',
        pattern: /\b(?:iv |intravenous )?(?:furosemide|lasix|bumetanide|bumex|torsemide)\b/i,
      },
      {
        label: 'Imaging',
        pattern: /\b(?:pulmonary (?:edema|vascular congestion)|cardiomegaly|pleural effusions?)\b/i,
      },
      {
        label: 'Examination',
        pattern:
          /\b(?:jvd|jugular venous distension|bibasilar crackles|rales|pitting edema|orthopnea|\d\+ (?:pitting )?edema)\b/i,
      },
    ],
    question:
      'Please clarify the type and acuity of the heart failure being evaluated and treated.',
    options: [
      'Acute systolic (HFrEF) heart failure',
      'Chronic systolic (HFrEF) heart failure',
      'Acute on chronic systolic (HFrEF) heart failure',
      'Acute diastolic (HFpEF) heart failure',
      'Chronic diastolic (HFpEF) heart failure',
      'Acute on chronic diastolic (HFpEF) heart failure',
      'Acute, chronic or acute on chronic combined systolic and diastolic heart failure (please specify)',
    ],
  },
  {
    id: 'ckd-stage',
    topic: 'chronic kidney disease',
    unspecified: /^N189/,
    specific: /^N18[1-6]/,
    indicators: [
      { label: 'eGFR', pattern: new RegExp(String.raw`\be?gfr\b[^.\n]{0,15}?${num}`, 'i') },
      {
        label: 'Creatinine',
        pattern: new RegExp(String.raw`\b(?:creatinine|cr)\b[^.\n]{0,15}?${num}`, 'i'),
      },
      {
        label: 'Proteinuria / albuminuria',
        pattern: /\b(?:proteinuria|albuminuria|microalbumin(?:uria)?|uacr)\b[^.\n]{0,25}/i,
      },
      { label: 'Nephrology care', pattern: /\b(?:nephrology|nephrologist)\b/i },
    ],
    question: 'Please clarify the stage of the chronic kidney disease.',
    options: [
      'CKD stage 1',
      'CKD stage 2',
      'CKD stage 3a',
      'CKD stage 3b',
      'CKD stage 4',
      'CKD stage 5',
      'End-stage renal disease',
    ],
  },
  {
    id: 'diabetes',
    topic: 'diabetes mellitus',
    unspecified: /^E(?:08|09|10|11|13)9/,
    specific: /^E(?:08|09|10|11|13)[0-8]/,
    indicators: [
      {
        label: 'Hemoglobin A1c',
        pattern: new RegExp(
          String.raw`\b(?:hba1c|a1c|hemoglobin a1c)\b[^.\n]{0,15}?${num}\s*%?`,
          'i',
        ),
      },
      {
        label: 'Glucose',
        pattern: new RegExp(
          String.raw`\b(?:glucose|blood sugar|bg|fsbg|poc glucose)\b[^.\n]{0,15}?${num}`,
          'i',
        ),
      },
      {
        label: 'Possible complication',
        pattern:
          /\b(?:neuropathy|numbness (?:in|of) (?:the )?(?:feet|toes)|retinopathy|gastroparesis|foot ulcer|microalbuminuria|proteinuria|hypoglycemi[ac])\b/i,
      },
      {
        label: 'Treatment',
        pattern:
          /\b(?:insulin (?:glargine|lispro|aspart|sliding scale|drip)|sliding scale insulin|metformin|glipizide)\b/i,
      },
    ],
    question:
      'Please clarify whether the diabetes is associated with any complication, and its current control.',
    options: [
      'Diabetes with hyperglycemia',
      'Diabetes with hypoglycemia',
      'Diabetes with a complication (please specify, e.g. neuropathy, nephropathy, retinopathy)',
      'Diabetes without complication',
    ],
  },
  {
    id: 'pneumonia-organism',
    topic: 'pneumonia',
    unspecified: /^J18/,
    specific: /^(?:J1[2-7]|J69)/,
    indicators: [
      {
        label: 'Culture or stain',
        pattern: /\b(?:sputum|blood|bronchial|bal) (?:culture|cx|gram stain)[^.\n]{0,60}/i,
      },
      {
        label: 'Antigen or PCR',
        pattern:
          /\b(?:legionella|pneumococcal|streptococcus pneumoniae) (?:urinary )?antigen[^.\n]{0,30}|\b(?:mrsa|respiratory viral) (?:nares )?(?:pcr|swab|panel)[^.\n]{0,30}/i,
      },
      {
        label: 'Antibiotics',
        pattern:
          /\b(?:vancomycin|piperacillin[- ]tazobactam|zosyn|cefepime|meropenem|ceftriaxone|azithromycin|levofloxacin|linezolid)\b/i,
      },
      { label: 'Aspiration risk', pattern: /\b(?:aspiration|dysphagia|witnessed emesis)\b/i },
      {
        label: 'Imaging',
        pattern: /\b(?:infiltrate|consolidation|opacit(?:y|ies))\b[^.\n]{0,30}/i,
      },
    ],
    question: 'Please clarify the causative organism or type of the pneumonia, if known.',
    options: [
      'Pneumonia due to Streptococcus pneumoniae',
      'Pneumonia due to Haemophilus influenzae',
      'Pneumonia due to Staphylococcus aureus (MSSA or MRSA, please specify)',
      'Pneumonia due to Pseudomonas',
      'Pneumonia due to Klebsiella or other gram-negative organism (please specify)',
      'Viral pneumonia (please specify the virus)',
      'Aspiration pneumonia',
      'Pneumonia, organism not identified',
    ],
  },
  {
    id: 'sepsis',
    topic: 'sepsis',
    unspecified: /^A41(?:9|89)/,
    specific: /^R652/,
    indicators: [
      { label: 'Lactate', pattern: new RegExp(String.raw`\blactate\b[^.\n]{0,15}?${num}`, 'i') },
      {
        label: 'Blood pressure',
        pattern: /\b(?:hypotension|hypotensive|map (?:of |<\s*)?\d+|bp \d{2,3}\/\d{2,3})\b/i,
      },
      {
        label: 'Vasopressors',
        pattern: /\b(?:norepinephrine|levophed|vasopressin|phenylephrine|vasopressors?)\b/i,
      },
      {
        label: 'Renal function',
        pattern: new RegExp(
          String.raw`\b(?:creatinine|cr)\b[^.\n]{0,15}?${num}|\b(?:oliguria|urine output)\b[^.\n]{0,20}`,
          'i',
        ),
      },
      {
        label: 'Mental status',
        pattern: /\b(?:altered mental status|confus(?:ed|ion)|encephalopathy|obtunded|gcs \d+)\b/i,
      },
      {
        label: 'Platelets / bilirubin',
        pattern: new RegExp(String.raw`\b(?:platelets?|plt|bilirubin)\b[^.\n]{0,15}?${num}`, 'i'),
      },
      {
        label: 'Respiratory',
        pattern:
          /\b(?:hypoxi[ac]|spo2 \d+%|bipap|intubated|mechanical ventilation|\d+ ?l(?:pm)? (?:nasal cannula|nc))\b/i,
      },
    ],
    question:
      'Please clarify whether the sepsis is associated with acute organ dysfunction, and which organ(s).',
    options: [
      'Sepsis with acute organ dysfunction (severe sepsis); please specify the organ dysfunction(s)',
      'Severe sepsis with septic shock',
      'Sepsis without acute organ dysfunction',
      'Organ dysfunction due to a cause other than sepsis (please specify)',
    ],
  },
  {
    id: 'malnutrition',
    topic: 'malnutrition',
    unspecified: /^E46/,
    specific: /^E4[0-4]/,
    indicators: [
      { label: 'BMI', pattern: new RegExp(String.raw`\bbmi\b[^.\n]{0,10}?${num}`, 'i') },
      {
        label: 'Weight loss',
        pattern:
          /\b(?:weight loss|lost)\b[^.\n]{0,40}?\d+(?:\.\d+)?\s*(?:%|kg|lbs?|pounds)[^.\n,;]{0,30}/i,
      },
      {
        label: 'Intake',
        pattern:
          /\b(?:poor (?:oral )?intake|eating (?:less than )?\d+\s*%|npo for \d+)[^.\n]{0,30}/i,
      },
      {
        label: 'Physical findings',
        pattern:
          /\b(?:muscle wasting|temporal wasting|loss of subcutaneous fat|cachexia|cachectic)\b/i,
      },
      {
        label: 'Albumin / prealbumin',
        pattern: new RegExp(String.raw`\b(?:albumin|prealbumin)\b[^.\n]{0,15}?${num}`, 'i'),
      },
      {
        label: 'Nutrition care',
        pattern:
          /\b(?:dietitian|dietician|nutrition consult|oral nutrition supplements?|tube feeds?|tpn)\b/i,
      },
    ],
    question: 'Please clarify the severity of the malnutrition.',
    options: [
      'Mild protein-calorie malnutrition',
      'Moderate protein-calorie malnutrition',
      'Severe protein-calorie malnutrition',
    ],
  },
  {
    id: 'anemia',
    topic: 'anemia',
    unspecified: /^D649/,
    specific: /^(?:D5\d|D6[0-3]|D64[0-8])/,
    indicators: [
      {
        label: 'Hemoglobin / hematocrit',
        pattern: new RegExp(
          String.raw`\b(?:hemoglobin|hgb|hb|hematocrit|hct)\b[^.\n]{0,15}?${num}`,
          'i',
        ),
      },
      {
        label: 'Red-cell indices',
        pattern: new RegExp(String.raw`\bmcv\b[^.\n]{0,10}?${num}`, 'i'),
      },
      {
        label: 'Iron studies, B12, folate',
        pattern: /\b(?:ferritin|iron saturation|tibc|b12|folate)\b[^.\n]{0,20}/i,
      },
      {
        label: 'Blood loss',
        pattern: /\b(?:melena|hematochezia|hematemesis|gi bleed|blood loss|ebl \d+)\b[^.\n]{0,20}/i,
      },
      {
        label: 'Transfusion',
        pattern:
          /\b(?:transfus(?:ed|ion)|prbc|units? of (?:packed )?red (?:blood )?cells)\b[^.\n]{0,20}/i,
      },
    ],
    question: 'Please clarify the type or cause of the anemia.',
    options: [
      'Acute blood loss anemia',
      'Iron deficiency anemia (please specify the cause, if known)',
      'Anemia of chronic disease (please specify the disease)',
      'Anemia in chronic kidney disease',
      'Vitamin B12 or folate deficiency anemia',
      'Anemia due to chemotherapy or other drug (please specify)',
    ],
  },
  {
    id: 'pressure-ulcer',
    topic: 'pressure ulcer (pressure injury)',
    unspecified: /^L89(?:\d{2}9|90)$/,
    specific: /^L89(?:\d{2}[0-46]|9[1-6])$/,
    indicators: [
      {
        label: 'Wound description',
        pattern:
          /\b(?:partial[- ]thickness|full[- ]thickness|blister|slough|eschar|granulation|tunnel(?:l)?ing|undermining|exposed (?:bone|tendon|muscle)|non-?blanchable erythema|purple|maroon)\b[^.\n]{0,40}/i,
      },
      { label: 'Wound size', pattern: /\b\d+(?:\.\d+)?\s*(?:x\s*\d+(?:\.\d+)?\s*){1,2}cm\b/i },
      {
        label: 'Wound care',
        pattern: /\b(?:wound care|wound nurse|wocn|debridement)\b[^.\n]{0,30}/i,
      },
    ],
    question: 'Please clarify the stage of the pressure ulcer (pressure injury).',
    options: [
      'Stage 1',
      'Stage 2',
      'Stage 3',
      'Stage 4',
      'Unstageable',
      'Deep tissue pressure injury',
    ],
  },
  {
    id: 'obesity',
    topic: 'obesity',
    unspecified: /^E669/,
    specific: /^E66(?:0|1|2|3|8[1-9])/,
    indicators: [
      {
        label: 'BMI',
        pattern: new RegExp(
          String.raw`\b(?:bmi|body mass index)\b[^.\n]{0,10}?${num}(?:\s*kg\/m2)?`,
          'i',
        ),
      },
      {
        label: 'Weight',
        pattern: new RegExp(String.raw`\bweight\b[^.\n]{0,10}?${num}\s*(?:kg|lbs?)`, 'i'),
      },
      {
        label: 'Related conditions or treatment',
        pattern:
          /\b(?:obstructive sleep apnea|osa|bariatric|weight management|glp-?1)\b[^.\n]{0,20}/i,
      },
    ],
    question: 'Please clarify the class (severity) of the obesity and its cause, if known.',
    options: [
      'Obesity class 1',
      'Obesity class 2',
      'Obesity class 3 (severe obesity)',
      'Obesity due to excess calories',
      'Drug-induced obesity (please specify the drug)',
      'Overweight, not obese',
    ],
  },
];
