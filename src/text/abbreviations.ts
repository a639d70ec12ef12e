/**
 * The terse forms coders meet daily, mapped to the expansions used for matching against the
 * Alphabetic Index and Tabular titles. The table is the project's own (curated here, not
 * derived from any licensed list). Ambiguous forms (PE, MS, RA, AF, ppd, CA…) carry a
 * `resolve` rule that reads the neighbouring words and section; without a cue they get a low
 * confidence or, where a wrong guess would mislead a coder, no expansion at all.
 */
import type { AbbreviationSensePrior } from '../context/lexicon-pack.js';
import type { SectionCategory } from './section-headers.js';
import { tokenize, type Token } from './tokenize.js';

/** What an expansion names. `context` forms (s/p, h/o, r/o) are assertion cues, not concepts. */
export type AbbreviationKind =
  'condition' | 'finding' | 'procedure' | 'anatomy' | 'modifier' | 'context' | 'other';

/** One meaning of an abbreviation. */
export interface AbbreviationSense {
  /** Lowercase expansion used for matching, e.g. "type 2 diabetes mellitus". */
  expansion: string;
  /** Other wordings of the same sense worth matching (Index/Tabular phrasing). */
  also?: readonly string[];
  kind: AbbreviationKind;
  /** Confidence in [0, 1] that this sense is meant. */
  confidence: number;
}

/** What a `resolve` rule sees. */
export interface AbbreviationContext {
  /** All tokens of the text; the match is `tokens[index…end)`. */
  tokens: readonly Token[];
  index: number;
  end: number;
  /** The original text (for case checks). */
  text: string;
  /** Lowercase token texts within 6 tokens either side (not the match). */
  nearby: ReadonlySet<string>;
  section: SectionCategory | null;
}

/** One abbreviation with its forms and senses. */
export interface AbbreviationEntry {
  /** Written forms, lowercase, matched token by token ("hep c", "a-fib", "dm type 2"). */
  forms: readonly string[];
  /** Senses, most likely first. The first is used when there is no `resolve`. */
  senses: readonly AbbreviationSense[];
  /** Only match when written in capitals in the original (forms that collide with words: "AS", "MS", "PAD"). */
  isCaseSensitive?: boolean;
  /** Words after which a case-sensitive form counts in any case ("breast ca", "colon Ca"). */
  anyCaseAfter?: ReadonlySet<string>;
  /** Accepts a trailing stage ("CKD 3b", "CKD stage IV"), appended as " stage N". */
  hasStage?: boolean;
  /** Picks a sense from context; null means "do not expand here". */
  resolve?: (context: AbbreviationContext) => AbbreviationSense | null;
}

/** A found abbreviation. Offsets are into the original text. */
export interface AbbreviationMatch {
  start: number;
  end: number;
  /** Token range `[tokenStart, tokenEnd)`. */
  tokenStart: number;
  tokenEnd: number;
  /** The matched form, normalised ("ckd 3b" keeps its stage). */
  form: string;
  /** The chosen expansion (with stage, if any). */
  expansion: string;
  also: readonly string[];
  kind: AbbreviationKind;
  confidence: number;
  /** Other senses it could have, for the ranker. */
  alternatives: readonly AbbreviationSense[];
  /** True when the form has several senses. */
  isAmbiguous: boolean;
}

/** Sites a cancer is named by, written before "ca" ("breast ca", "prostate Ca"). */
const CANCER_SITE_WORDS: ReadonlySet<string> = new Set([
  'breast',
  'lung',
  'colon',
  'colorectal',
  'rectal',
  'prostate',
  'ovarian',
  'pancreatic',
  'pancreas',
  'bladder',
  'cervical',
  'gastric',
  'stomach',
  'esophageal',
  'renal',
  'kidney',
  'thyroid',
  'endometrial',
  'uterine',
  'liver',
  'hepatocellular',
  'testicular',
  'skin',
  'tongue',
  'oral',
  'laryngeal',
  'throat',
  'brain',
  'bone',
  'anal',
  'vulvar',
  'neck',
  'cell',
  'metastatic',
]);

const s = (
  expansion: string,
  kind: AbbreviationKind,
  confidence = 0.9,
  also?: readonly string[],
): AbbreviationSense =>
  also === undefined ? { expansion, kind, confidence } : { expansion, kind, confidence, also };

/** Builds a simple entry: "htn|hypertension…" forms, one sense. */
function e(
  forms: string,
  expansion: string,
  kind: AbbreviationKind = 'condition',
  confidence = 0.9,
  also?: readonly string[],
): AbbreviationEntry {
  return { forms: forms.split('|'), senses: [s(expansion, kind, confidence, also)] };
}

/** Whether any of `cues` occurs in the words around the abbreviation. */
const has = (ctx: AbbreviationContext, cues: readonly string[]): boolean =>
  cues.some((c) => ctx.nearby.has(c));
const nextText = (ctx: AbbreviationContext, k = 0): string => ctx.tokens[ctx.end + k]?.text ?? '';
const prevText = (ctx: AbbreviationContext, k = 1): string => ctx.tokens[ctx.index - k]?.text ?? '';

/** Words near "AI" that make it an aromatase inhibitor. */
const AROMATASE_CUES = [
  'anastrozole',
  'letrozole',
  'exemestane',
  'arimidex',
  'femara',
  'breast',
  'adjuvant',
  'endocrine',
  'tamoxifen',
  'bone',
  'arthralgias',
  'arthralgia',
  'er',
  'pr',
];

/** Picks the sense whose cue list hits; otherwise `fallback` (or null). */
function byCues(
  options: ReadonlyArray<readonly [AbbreviationSense, readonly string[]]>,
  fallback: AbbreviationSense | null,
): (ctx: AbbreviationContext) => AbbreviationSense | null {
  return (ctx) => {
    for (const [sense, cues] of options) if (has(ctx, cues)) return sense;
    return fallback;
  };
}

const PULMONARY_EMBOLISM = s('pulmonary embolism', 'condition', 0.85);
const PHYSICAL_EXAM = s('physical examination', 'other', 0.85);
const ANTICOAG = [
  'anticoagulation',
  'anticoagulated',
  'heparin',
  'lovenox',
  'enoxaparin',
  'apixaban',
  'eliquis',
  'xarelto',
  'rivaroxaban',
  'warfarin',
  'coumadin',
  'dabigatran',
];

/** The curated table (~200 entries). */
export const ABBREVIATIONS: readonly AbbreviationEntry[] = [
  // Cardiovascular.
  e('htn', 'hypertension'),
  e('hld|hlp', 'hyperlipidemia'),
  e('hchol|hypercholest', 'hypercholesterolemia'),
  e('cad', 'coronary artery disease', 'condition', 0.9, ['coronary atherosclerosis']),
  e('ascvd', 'atherosclerotic cardiovascular disease'),
  e('chf', 'congestive heart failure'),
  e('hf', 'heart failure', 'condition', 0.8),
  e('hfref|hf ref', 'heart failure with reduced ejection fraction', 'condition', 0.9, [
    'systolic heart failure',
  ]),
  e('hfpef|hf pef', 'heart failure with preserved ejection fraction', 'condition', 0.9, [
    'diastolic heart failure',
  ]),
  e('hfmref|hfmef', 'heart failure with mildly reduced ejection fraction', 'condition', 0.8, [
    'combined systolic and diastolic heart failure',
  ]),
  e('adhf', 'acute decompensated heart failure', 'condition', 0.9, [
    'acute on chronic heart failure',
  ]),
  {
    forms: ['mi'],
    senses: [s('myocardial infarction', 'condition', 0.9)],
    // "MI performed, pt receptive": motivational interviewing, in substance-use and psych notes.
    resolve: (ctx) =>
      has(ctx, ['motivational', 'interviewing']) ||
      [
        'performed',
        'provided',
        'done',
        'techniques',
        'session',
        'used',
        'utilized',
        're',
        'regarding',
      ].includes(nextText(ctx))
        ? s('motivational interviewing', 'procedure', 0.85)
        : s('myocardial infarction', 'condition', 0.9),
  },
  e('ami', 'acute myocardial infarction'),
  e('stemi', 'st elevation myocardial infarction', 'condition', 0.95, [
    'st elevation (stemi) myocardial infarction',
  ]),
  e('nstemi|non-stemi|non stemi', 'non-st elevation myocardial infarction', 'condition', 0.95, [
    'non-st elevation (nstemi) myocardial infarction',
  ]),
  e('acs', 'acute coronary syndrome'),
  e('uap|usa', 'unstable angina'),
  e('afib|a-fib|a fib|a. fib|at fib|atr fib', 'atrial fibrillation', 'condition', 0.95),
  {
    forms: ['af'],
    senses: [s('atrial fibrillation', 'condition', 0.85), s('afebrile', 'finding', 0.8)],
    resolve: (ctx) => {
      if (
        has(ctx, [
          'rvr',
          'paroxysmal',
          'persistent',
          'permanent',
          'chronic',
          'rate',
          'cha2ds2-vasc',
          'chads2',
          'ablation',
          'flutter',
          'diltiazem',
          'amiodarone',
          'metoprolol',
          'cardioversion',
          'onset',
          ...ANTICOAG,
        ])
      ) {
        return s('atrial fibrillation', 'condition', 0.85);
      }
      if (
        has(ctx, ['vss', 'vitals', 'temp', 'tmax', 't', 'hr', 'bp', 'rr', 'hemodynamically', 'nad'])
      )
        return s('afebrile', 'finding', 0.8);
      const upper =
        ctx.text.slice(ctx.tokens[ctx.index]?.start ?? 0, ctx.tokens[ctx.end - 1]?.end ?? 0) ===
        'AF';
      return upper ? s('atrial fibrillation', 'condition', 0.45) : s('afebrile', 'finding', 0.5);
    },
  },
  e('aflutter|a-flutter|a flutter|afl|a flut', 'atrial flutter'),
  // Not a condition of its own; expanded, its "ventricular" made "atrial fibrillation w/ RVR" a VF.
  e('rvr', 'rapid ventricular response', 'other'),
  e('svt', 'supraventricular tachycardia'),
  e('av block|avb|a-v block', 'atrioventricular block', 'condition', 0.95),
  e('volume overload|hypervolemic', 'hypervolemia', 'condition', 0.9),
  e(
    'secondhand smoke|second hand smoke|second-hand smoke|passive smoke',
    'second hand tobacco smoke',
    'condition',
    0.95,
  ),
  // A thyroid-stimulating hormone outside its range, without a thyroid diagnosis, is an
  // abnormal thyroid function study (Index: "Abnormal, function studies, thyroid").
  e(
    'suppressed tsh|low tsh|elevated tsh|high tsh|abnormal tsh|tsh suppressed|tsh elevated',
    'abnormal thyroid function study',
    'finding',
    0.9,
  ),
  e('vt|vtach|v-tach|v tach', 'ventricular tachycardia', 'condition', 0.85),
  e('vfib|v-fib|v fib', 'ventricular fibrillation'),
  e('sss', 'sick sinus syndrome'),
  e('chb', 'complete heart block', 'condition', 0.85, ['complete atrioventricular block']),
  e('lbbb', 'left bundle branch block'),
  e('rbbb', 'right bundle branch block'),
  e('lvh', 'left ventricular hypertrophy'),
  e('pvc|pvcs', 'premature ventricular contractions'),
  e('pac|pacs', 'premature atrial contractions', 'condition', 0.7),
  e('hocm', 'hypertrophic obstructive cardiomyopathy'),
  e('nicm', 'nonischemic cardiomyopathy', 'condition', 0.9, ['cardiomyopathy']),
  e('icm', 'ischemic cardiomyopathy'),
  e('dcm', 'dilated cardiomyopathy'),
  e('pah', 'pulmonary arterial hypertension'),
  e('phtn|pulm htn', 'pulmonary hypertension'),
  {
    forms: ['as'],
    isCaseSensitive: true,
    senses: [s('aortic stenosis', 'condition', 0.8)],
    resolve: byCues(
      [
        [
          s('aortic stenosis', 'condition', 0.85),
          [
            'severe',
            'moderate',
            'mild',
            'critical',
            'tavr',
            'savr',
            'valve',
            'murmur',
            'echo',
            'gradient',
            'aortic',
            'calcific',
          ],
        ],
      ],
      null,
    ),
  },
  {
    forms: ['ai'],
    isCaseSensitive: true,
    senses: [s('aortic insufficiency', 'condition', 0.7)],
    // "Continue AI", "AI-induced arthralgia" in a breast cancer note: an aromatase inhibitor.
    resolve: (ctx) =>
      has(ctx, AROMATASE_CUES) ||
      /^(?:continue|on|the|an|start|started|stop|stopped)$/i.test(prevText(ctx))
        ? s('aromatase inhibitor', 'other', 0.85)
        : s('aortic insufficiency', 'condition', 0.7),
  },
  {
    forms: ['ar'],
    isCaseSensitive: true,
    senses: [s('aortic regurgitation', 'condition', 0.7)],
    resolve: byCues(
      [
        [
          s('aortic regurgitation', 'condition', 0.85),
          ['severe', 'moderate', 'mild', 'trace', 'echo', 'valve', 'murmur'],
        ],
      ],
      null,
    ),
  },
  {
    forms: ['mr'],
    isCaseSensitive: true,
    senses: [s('mitral regurgitation', 'condition', 0.8)],
    resolve: (ctx) => {
      if (nextText(ctx) === '.') return null; // "Mr." is a title
      if (
        has(ctx, [
          'severe',
          'moderate',
          'mild',
          'trace',
          'echo',
          'valve',
          'mitral',
          'murmur',
          'tr',
          'ar',
          'as',
          'lvef',
          'ef',
        ])
      ) {
        return s('mitral regurgitation', 'condition', 0.85);
      }
      return s('mitral regurgitation', 'condition', 0.35);
    },
  },
  {
    forms: ['tr'],
    isCaseSensitive: true,
    senses: [s('tricuspid regurgitation', 'condition', 0.8)],
    resolve: byCues(
      [
        [
          s('tricuspid regurgitation', 'condition', 0.85),
          ['severe', 'moderate', 'mild', 'trace', 'echo', 'valve', 'mr', 'murmur'],
        ],
      ],
      null,
    ),
  },
  e('pvd', 'peripheral vascular disease'),
  {
    forms: ['pad'],
    isCaseSensitive: true,
    senses: [s('peripheral arterial disease', 'condition', 0.85, ['peripheral vascular disease'])],
  },
  e('dvt', 'deep vein thrombosis', 'condition', 0.95, ['deep venous thrombosis']),
  e('vte', 'venous thromboembolism'),
  {
    forms: ['pe'],
    senses: [PULMONARY_EMBOLISM, PHYSICAL_EXAM],
    resolve: (ctx) => {
      const next = nextText(ctx);
      const prev = prevText(ctx);
      if (ctx.section === 'physical_exam' || next === ':' || prev === 'on' || prev === 'during')
        return PHYSICAL_EXAM;
      if (
        [
          'unremarkable',
          'normal',
          'notable',
          'wnl',
          'benign',
          'nonfocal',
          'reveals',
          'revealed',
          'shows',
          'significant',
        ].includes(next)
      )
        return PHYSICAL_EXAM;
      if (
        has(ctx, [
          'dvt',
          'cta',
          'ctpa',
          'angiogram',
          'saddle',
          'bilateral',
          'segmental',
          'subsegmental',
          'massive',
          'submassive',
          'wells',
          'dimer',
          'd-dimer',
          'r/o',
          'embolus',
          'emboli',
          'tpa',
          'ivc',
          'filter',
          'pleuritic',
          'vte',
          'hypoxia',
          'h/o',
          'acute',
          'chronic',
          ...ANTICOAG,
        ])
      ) {
        return PULMONARY_EMBOLISM;
      }
      return s('pulmonary embolism', 'condition', 0.5);
    },
  },
  e('tia', 'transient ischemic attack'),
  e('cva', 'cerebrovascular accident', 'condition', 0.9, ['stroke', 'cerebral infarction']),
  e('sah', 'subarachnoid hemorrhage'),
  e('ich', 'intracerebral hemorrhage', 'condition', 0.85),
  e('sdh', 'subdural hemorrhage', 'condition', 0.85, ['subdural hematoma']),
  e('aaa', 'abdominal aortic aneurysm'),
  e('pfo', 'patent foramen ovale'),
  {
    forms: ['asd'],
    senses: [
      s('atrial septal defect', 'condition', 0.5),
      s('autism spectrum disorder', 'condition', 0.5),
    ],
    resolve: byCues(
      [
        [
          s('autism spectrum disorder', 'condition', 0.85),
          [
            'autism',
            'autistic',
            'developmental',
            'aba',
            'nonverbal',
            'behavioral',
            'adhd',
            'sensory',
          ],
        ],
        [
          s('atrial septal defect', 'condition', 0.85),
          ['echo', 'shunt', 'closure', 'pfo', 'vsd', 'murmur', 'septal', 'secundum', 'repair'],
        ],
      ],
      s('atrial septal defect', 'condition', 0.4),
    ),
  },
  e('vsd', 'ventricular septal defect'),
  e('cp', 'chest pain', 'finding', 0.7),
  // Endocrine and metabolic.
  e('dm|diabetes mellitus nos', 'diabetes mellitus', 'condition', 0.9),
  e(
    'dm2|dm 2|dm ii|dmii|dm-2|dm-ii|dm type 2|dm type ii|dm t2|type 2 dm|type ii dm|t2dm|t2 dm|t2d|dm2t|tiidm',
    'type 2 diabetes mellitus',
    'condition',
    0.95,
  ),
  e('niddm', 'non-insulin dependent diabetes mellitus', 'condition', 0.9, [
    'type 2 diabetes mellitus',
  ]),
  e(
    'dm1|dm 1|dm i|dm-1|dm type 1|dm type i|type 1 dm|type i dm|t1dm|t1 dm|t1d',
    'type 1 diabetes mellitus',
    'condition',
    0.95,
  ),
  e('iddm', 'insulin dependent diabetes mellitus', 'condition', 0.8, [
    'diabetes mellitus with long term use of insulin',
  ]),
  e('gdm', 'gestational diabetes mellitus'),
  e('idm', 'infant of diabetic mother', 'condition', 0.8),
  e('igdm', 'infant of diabetic mother gestational diabetes', 'condition', 0.9),
  // Closed spellings of words the Index hyphenates ("Pre-eclampsia", "pre-existing").
  e('preeclampsia', 'pre-eclampsia', 'condition', 0.95),
  e('preeclamptic', 'pre-eclamptic', 'condition', 0.95),
  e('preexisting', 'pre-existing', 'modifier', 0.95),
  e('gbs', 'group B streptococcus', 'condition', 0.8),
  // ACOG's wording for the Index's "mild" and "severe" pre-eclampsia.
  e('without severe features|w/o severe features|w/o sf', 'mild', 'modifier', 0.9),
  e('with severe features|w/ severe features', 'severe', 'modifier', 0.9),
  e('dka', 'diabetic ketoacidosis'),
  e('hhs|hhnk', 'hyperosmolar hyperglycemic state', 'condition', 0.85, ['hyperosmolarity']),
  e('dfu', 'diabetic foot ulcer'),
  e('hypok|hypo k', 'hypokalemia'),
  e('hyperk|hyper k', 'hyperkalemia'),
  e('hypona|hypo na', 'hyponatremia'),
  e('hypomag|hypo mg', 'hypomagnesemia'),
  e('bmi', 'body mass index', 'finding'),
  e('ida', 'iron deficiency anemia'),
  e('acd', 'anemia of chronic disease', 'condition', 0.7),
  // Renal and genitourinary.
  { forms: ['ckd'], hasStage: true, senses: [s('chronic kidney disease', 'condition', 0.95)] },
  e('esrd|eskd', 'end stage renal disease', 'condition', 0.95),
  e('aki', 'acute kidney injury', 'condition', 0.95, ['acute kidney failure']),
  {
    forms: ['arf'],
    senses: [
      s('acute renal failure', 'condition', 0.6),
      s('acute respiratory failure', 'condition', 0.6),
    ],
    resolve: byCues(
      [
        [
          s('acute respiratory failure', 'condition', 0.85),
          [
            'intubated',
            'intubation',
            'hypoxic',
            'hypoxemic',
            'hypercapnic',
            'ventilator',
            'bipap',
            'o2',
            'respiratory',
            'hypoxia',
            'ards',
            'vent',
          ],
        ],
        [
          s('acute renal failure', 'condition', 0.85),
          [
            'creatinine',
            'cr',
            'dialysis',
            'renal',
            'oliguria',
            'oliguric',
            'bun',
            'ckd',
            'aki',
            'hd',
          ],
        ],
      ],
      s('acute renal failure', 'condition', 0.5),
    ),
  },
  e('atn', 'acute tubular necrosis'),
  e('siadh', 'syndrome of inappropriate secretion of antidiuretic hormone'),
  // The Index spells it with a hyphen ("Light-headedness R42"); notes often write one word.
  e('lightheadedness|lightheaded', 'light-headedness', 'finding', 0.95),
  e('gallstones|gallstone', 'cholelithiasis', 'condition', 0.9),
  e('uti', 'urinary tract infection', 'condition', 0.95),
  e('strep throat|strep pharyngitis', 'streptococcal pharyngitis', 'condition', 0.95),
  {
    forms: ['strep'],
    senses: [s('streptococcal', 'modifier', 0.85)],
    // "Strep pneumo(niae)" is the pneumococcus, not any streptococcus.
    resolve: (ctx) =>
      /^(?:pneumo|pneumoniae|pneumococcus|s)$/i.test(nextText(ctx))
        ? null
        : s('streptococcal', 'modifier', 0.85),
  },
  e('cauti', 'catheter associated urinary tract infection'),
  e('bph', 'benign prostatic hyperplasia'),
  e('luts', 'lower urinary tract symptoms', 'finding'),
  e('hydro', 'hydronephrosis', 'condition', 0.7),
  e('psa', 'prostate specific antigen', 'finding', 0.9),
  e('pyelo', 'pyelonephritis', 'condition', 0.85),
  {
    forms: ['hd'],
    senses: [s('hemodialysis', 'procedure', 0.7, ['dependence on renal dialysis'])],
    // "Afebrile by HD 2", "HD#3", "on HD 3": a hospital day, counted, in discharge summaries.
    resolve: (ctx) =>
      /^#?\d{1,2}$|^#$/.test(nextText(ctx)) || /^(?:day|#)$/.test(prevText(ctx))
        ? null
        : s('hemodialysis', 'procedure', 0.7, ['dependence on renal dialysis']),
  },
  {
    forms: ['pd'],
    senses: [
      s('peritoneal dialysis', 'procedure', 0.6),
      s("parkinson's disease", 'condition', 0.6),
    ],
    resolve: byCues(
      [
        [
          s('peritoneal dialysis', 'procedure', 0.85),
          [
            'dialysis',
            'catheter',
            'peritoneal',
            'esrd',
            'exchanges',
            'exchange',
            'peritonitis',
            'ckd',
          ],
        ],
        [
          s("parkinson's disease", 'condition', 0.85, ['parkinsonism']),
          [
            'carbidopa',
            'levodopa',
            'sinemet',
            'tremor',
            'rigidity',
            'bradykinesia',
            'parkinson',
            'dementia',
          ],
        ],
      ],
      null,
    ),
  },
  // Respiratory.
  e('copd', 'chronic obstructive pulmonary disease', 'condition', 0.95),
  e('aecopd', 'acute exacerbation of chronic obstructive pulmonary disease', 'condition', 0.95, [
    'chronic obstructive pulmonary disease with acute exacerbation',
  ]),
  e('osa', 'obstructive sleep apnea'),
  e('pna', 'pneumonia', 'condition', 0.95),
  {
    forms: ['cap'],
    isCaseSensitive: true,
    senses: [s('community acquired pneumonia', 'condition', 0.8, ['pneumonia'])],
  },
  {
    forms: ['hap'],
    isCaseSensitive: true,
    senses: [s('hospital acquired pneumonia', 'condition', 0.8, ['pneumonia'])],
  },
  e('hcap', 'healthcare associated pneumonia', 'condition', 0.85, ['pneumonia']),
  e('vap', 'ventilator associated pneumonia'),
  e('uri|urti', 'upper respiratory infection'),
  e('ards', 'acute respiratory distress syndrome'),
  e('sob', 'shortness of breath', 'finding', 0.95),
  e('doe', 'dyspnea on exertion', 'finding'),
  e('pnd', 'paroxysmal nocturnal dyspnea', 'finding', 0.8),
  e('tb', 'tuberculosis', 'condition', 0.85),
  e('ild', 'interstitial lung disease'),
  e('ipf', 'idiopathic pulmonary fibrosis'),
  e('rad', 'reactive airway disease', 'condition', 0.7),
  e('ptx', 'pneumothorax', 'condition', 0.8),
  { forms: ['cf'], isCaseSensitive: true, senses: [s('cystic fibrosis', 'condition', 0.6)] },
  // Gastrointestinal and hepatic.
  e('gerd', 'gastroesophageal reflux disease'),
  e('pud', 'peptic ulcer disease', 'condition', 0.9, ['peptic ulcer']),
  e('ugib|ugi bleed', 'upper gastrointestinal bleeding', 'condition', 0.9, [
    'gastrointestinal hemorrhage',
  ]),
  e('lgib|lgi bleed', 'lower gastrointestinal bleeding', 'condition', 0.9, [
    'gastrointestinal hemorrhage',
  ]),
  e('gib|gi bleed|gi bleeding', 'gastrointestinal bleeding', 'condition', 0.9, [
    'gastrointestinal hemorrhage',
  ]),
  e('brbpr', 'bright red blood per rectum', 'finding', 0.9, ['rectal hemorrhage']),
  e('ibs', 'irritable bowel syndrome'),
  e('ibd', 'inflammatory bowel disease'),
  { forms: ['uc'], isCaseSensitive: true, senses: [s('ulcerative colitis', 'condition', 0.8)] },
  e('sbo', 'small bowel obstruction', 'condition', 0.9, ['intestinal obstruction']),
  e('n/v|n&v|n+v|n / v', 'nausea and vomiting', 'finding', 0.95),
  e('n/v/d', 'nausea vomiting and diarrhea', 'finding', 0.9),
  e('abd pain', 'abdominal pain', 'finding', 0.95),
  e('hcv|hep c|hepc|hep. c', 'hepatitis c', 'condition', 0.9, ['chronic viral hepatitis c']),
  e('hbv|hep b|hepb|hep. b', 'hepatitis b', 'condition', 0.9),
  e('hav|hep a|hepa', 'hepatitis a', 'condition', 0.8),
  e('nash', 'nonalcoholic steatohepatitis'),
  e('nafld|masld', 'nonalcoholic fatty liver disease', 'condition', 0.9, ['fatty liver']),
  e('esld', 'end stage liver disease', 'condition', 0.9, ['hepatic failure']),
  {
    forms: ['sbp'],
    senses: [s('spontaneous bacterial peritonitis', 'condition', 0.6)],
    resolve: byCues(
      [
        [
          s('spontaneous bacterial peritonitis', 'condition', 0.85),
          ['paracentesis', 'ascites', 'cirrhosis', 'pmn', 'pmns', 'peritonitis', 'esld'],
        ],
      ],
      null,
    ),
  },
  e(
    'cdiff|c diff|c. diff|c.diff|c-diff|cdi',
    'clostridioides difficile infection',
    'condition',
    0.9,
    ['clostridium difficile enterocolitis'],
  ),
  // Infection.
  e('hiv', 'human immunodeficiency virus disease', 'condition', 0.8, ['hiv disease']),
  {
    forms: ['aids'],
    isCaseSensitive: true,
    senses: [s('acquired immunodeficiency syndrome', 'condition', 0.85, ['hiv disease'])],
  },
  e('mrsa', 'methicillin resistant staphylococcus aureus'),
  e('mssa', 'methicillin susceptible staphylococcus aureus'),
  e('vre', 'vancomycin resistant enterococcus'),
  e('esbl', 'extended spectrum beta lactamase'),
  e('ssi', 'surgical site infection', 'condition', 0.8),
  e('clabsi', 'central line associated bloodstream infection'),
  e('bsi', 'bloodstream infection', 'condition', 0.8),
  e('sirs', 'systemic inflammatory response syndrome'),
  e('std|sti', 'sexually transmitted disease', 'condition', 0.8),
  e('pid', 'pelvic inflammatory disease', 'condition', 0.8),
  e('hpv', 'human papillomavirus'),
  e('hsv', 'herpes simplex virus'),
  e('vzv', 'varicella zoster virus'),
  e('cmv', 'cytomegalovirus'),
  e('ebv', 'epstein-barr virus'),
  e('rsv', 'respiratory syncytial virus'),
  e('covid|covid-19|covid 19|covid19|sars-cov-2|sars cov 2', 'covid-19', 'condition', 0.95),
  e('flu', 'influenza', 'condition', 0.85),
  e('om', 'otitis media', 'condition', 0.6),
  e('aom', 'acute otitis media'),
  // Musculoskeletal and rheumatology.
  e('oa', 'osteoarthritis', 'condition', 0.95),
  {
    forms: ['ra'],
    isCaseSensitive: true,
    senses: [
      s('rheumatoid arthritis', 'condition', 0.8),
      s('room air', 'other', 0.8),
      s('right atrium', 'anatomy', 0.7),
    ],
    resolve: (ctx) => {
      const prev = prevText(ctx);
      // "SpO2 91% RA", "94% on RA", "RA -> 2 L NC": oxygen, not arthritis.
      const next = ctx.tokens[ctx.index + 1]?.text ?? '';
      if (
        /^\d+%?$|%$/.test(prev) ||
        /^(?:->|→|>|to)$/.test(next) ||
        prev === 'on' ||
        prev === 'to' ||
        prev === '%' ||
        prev === 'at' ||
        has(ctx, [
          'sat',
          'sats',
          'spo2',
          'o2',
          'saturating',
          'satting',
          'saturation',
          'pulse',
          'ox',
          'breathing',
          'nc',
          // Vital signs and a discharge condition around it ("Condition: good, RA, afebrile").
          'hfnc',
          'weaned',
          'afebrile',
          'condition',
          'vitals',
          'rr',
        ])
      ) {
        return s('room air', 'other', 0.9);
      }
      if (
        has(ctx, [
          'dilated',
          'enlarged',
          'la',
          'rv',
          'lv',
          'atrium',
          'atrial',
          'echo',
          'pressure',
          'thrombus',
        ])
      )
        return s('right atrium', 'anatomy', 0.8);
      if (
        has(ctx, [
          'rheumatoid',
          'methotrexate',
          'joint',
          'joints',
          'arthritis',
          'synovitis',
          'hydroxychloroquine',
          'plaquenil',
          'seropositive',
          'seronegative',
          'rf',
          'ccp',
          'humira',
          'rheum',
          'flare',
        ])
      ) {
        return s('rheumatoid arthritis', 'condition', 0.85);
      }
      const listy =
        ctx.section === 'past_medical_history' ||
        ctx.section === 'problem_list' ||
        ctx.section === 'diagnoses' ||
        ctx.section === 'discharge_diagnoses';
      return listy
        ? s('rheumatoid arthritis', 'condition', 0.7)
        : s('rheumatoid arthritis', 'condition', 0.35);
    },
  },
  e('sle', 'systemic lupus erythematosus'),
  e('ddd', 'degenerative disc disease', 'condition', 0.9, ['intervertebral disc degeneration']),
  e('hnp', 'herniated nucleus pulposus', 'condition', 0.9, ['intervertebral disc displacement']),
  {
    // "L5-S1 disc herniation": in the spine a disc is the intervertebral disc (not the optic disc).
    forms: ['disc', 'disk'],
    senses: [s('intervertebral disc', 'anatomy', 0.85)],
    resolve: byCues(
      [
        [
          s('intervertebral disc', 'anatomy', 0.85),
          [
            'lumbar',
            'lumbosacral',
            'cervical',
            'thoracic',
            'spine',
            'spinal',
            'herniation',
            'herniated',
            'bulge',
            'bulging',
            'protrusion',
            'extrusion',
            'l4',
            'l5',
            's1',
            'c5',
            'c6',
          ],
        ],
      ],
      null,
    ),
  },
  e('djd', 'degenerative joint disease', 'condition', 0.9, ['osteoarthritis']),
  e('lbp', 'low back pain', 'finding', 0.95),
  e('fx', 'fracture', 'condition', 0.9),
  e('tka', 'total knee arthroplasty', 'procedure'),
  e('tha', 'total hip arthroplasty', 'procedure'),
  e('orif', 'open reduction internal fixation', 'procedure'),
  e('bka', 'below knee amputation', 'procedure', 0.9, ['acquired absence of leg below knee']),
  {
    forms: ['aka'],
    senses: [s('above knee amputation', 'procedure', 0.8, ['acquired absence of leg above knee'])],
    resolve: byCues(
      [
        [
          s('above knee amputation', 'procedure', 0.85, ['acquired absence of leg above knee']),
          ['amputation', 'stump', 'prosthesis', 'left', 'right', 'l', 'r', 's/p', 'bka', 'phantom'],
        ],
      ],
      null,
    ),
  },
  // Neurology and psychiatry.
  {
    forms: ['ms'],
    isCaseSensitive: true,
    senses: [
      s('multiple sclerosis', 'condition', 0.4),
      s('mental status', 'finding', 0.5),
      s('mitral stenosis', 'condition', 0.4),
      s('morphine sulfate', 'other', 0.4),
    ],
    resolve: (ctx) => {
      if (nextText(ctx) === '.') return null; // "Ms." title
      // "MS: A&O x3" labels the mental status exam.
      if (nextText(ctx) === ':' || has(ctx, ['oriented', 'a&o', 'aox3', 'alert']))
        return s('mental status', 'finding', 0.85);
      if (
        has(ctx, [
          'altered',
          'change',
          'changes',
          'ams',
          'baseline',
          'intact',
          'improved',
          'worsening',
          'declining',
          'depressed',
        ])
      )
        return s('mental status', 'finding', 0.85);
      if (
        has(ctx, [
          'relapsing',
          'remitting',
          'rrms',
          'demyelinating',
          'ocrelizumab',
          'interferon',
          'natalizumab',
          'plaques',
          'progressive',
          'neuritis',
          'lesions',
          'copaxone',
          'tecfidera',
        ])
      ) {
        return s('multiple sclerosis', 'condition', 0.9);
      }
      if (
        has(ctx, [
          'murmur',
          'valve',
          'mitral',
          'echo',
          'rheumatic',
          'mvr',
          'severe',
          'moderate',
          'mild',
          'mr',
          'gradient',
        ])
      )
        return s('mitral stenosis', 'condition', 0.85);
      if (
        has(ctx, ['mg', 'iv', 'po', 'contin', 'er', 'ir', 'prn', 'morphine', 'dose', 'q4h', 'q6h'])
      )
        return s('morphine sulfate', 'other', 0.85);
      return s('multiple sclerosis', 'condition', 0.35);
    },
  },
  {
    forms: ['als'],
    isCaseSensitive: true,
    senses: [s('amyotrophic lateral sclerosis', 'condition', 0.85)],
  },
  e('sz|szs', 'seizure', 'condition', 0.9),
  e('ams', 'altered mental status', 'finding', 0.95),
  e('ha|h/a', 'headache', 'finding', 0.7),
  e('loc', 'loss of consciousness', 'finding', 0.7),
  e('tbi', 'traumatic brain injury'),
  e('sci', 'spinal cord injury', 'condition', 0.7),
  e('ptsd', 'post-traumatic stress disorder', 'condition', 0.95, ['posttraumatic stress disorder']),
  e('mdd', 'major depressive disorder'),
  e('gad', 'generalized anxiety disorder', 'condition', 0.85),
  e('adhd', 'attention deficit hyperactivity disorder', 'condition', 0.9),
  e('ocd', 'obsessive compulsive disorder'),
  e('bpad', 'bipolar affective disorder', 'condition', 0.8),
  // Substance use.
  e('etoh', 'alcohol', 'other', 0.9, ['alcohol use']),
  e('aud', 'alcohol use disorder', 'condition', 0.85, ['alcohol dependence']),
  e('oud', 'opioid use disorder', 'condition', 0.85, ['opioid dependence']),
  e('sud', 'substance use disorder', 'condition', 0.8),
  e('ivdu|ivda|pwid', 'intravenous drug use', 'condition', 0.9, ['drug abuse']),
  e('tob|tobacco use', 'tobacco use', 'other', 0.8),
  {
    forms: ['ppd'],
    senses: [s('packs per day', 'other', 0.6), s('purified protein derivative', 'other', 0.6)],
    resolve: (ctx) => {
      const prev = ctx.tokens[ctx.index - 1];
      if (
        has(ctx, [
          'positive',
          'negative',
          'placed',
          'read',
          'tb',
          'tuberculin',
          'quantiferon',
          'induration',
          'mm',
          'test',
        ])
      )
        return s('purified protein derivative', 'other', 0.85);
      if (
        (prev !== undefined && prev.kind === 'number') ||
        has(ctx, [
          'smoker',
          'smokes',
          'smoking',
          'tobacco',
          'cigarettes',
          'cigs',
          'pack',
          'packs',
          'years',
          'yrs',
        ])
      ) {
        return s('packs per day', 'other', 0.9);
      }
      return s('packs per day', 'other', 0.5);
    },
  },
  // Oncology and hematology.
  {
    forms: ['ca'],
    isCaseSensitive: true,
    anyCaseAfter: CANCER_SITE_WORDS,
    senses: [s('carcinoma', 'condition', 0.6, ['malignant neoplasm'])],
    resolve: byCues(
      [
        [
          s('carcinoma', 'condition', 0.85, ['malignant neoplasm']),
          [
            'breast',
            'lung',
            'colon',
            'prostate',
            'metastatic',
            'ovarian',
            'pancreatic',
            'bladder',
            'cervical',
            'rectal',
            'gastric',
            'chemo',
            'chemotherapy',
            'oncology',
            'h/o',
            'hx',
            'cell',
            'stage',
          ],
        ],
      ],
      null,
    ),
  },
  {
    forms: ['mets'],
    senses: [s('metastases', 'condition', 0.85, ['secondary malignant neoplasm'])],
    // "≥ 4 METs", "5 METs achieved": metabolic equivalents of an exercise test.
    resolve: (ctx) => {
      const at = ctx.tokens[ctx.index]!.start;
      const exercise =
        /^(?:\d+(?:\.\d+)?|>|<|=|≥|≤)$/.test(prevText(ctx)) ||
        ctx.text.slice(at, at + 4) === 'METs';
      return exercise ? null : s('metastases', 'condition', 0.85, ['secondary malignant neoplasm']);
    },
  },
  e('nsclc', 'non-small cell lung cancer', 'condition', 0.95, ['malignant neoplasm of lung']),
  // Diabetic eye disease as retina notes and problem lists write it.
  e('npdr', 'nonproliferative diabetic retinopathy'),
  e('pdr', 'proliferative diabetic retinopathy', 'condition', 0.85),
  e('dme', 'diabetic macular edema', 'condition', 0.85),
  e('sclc', 'small cell lung cancer', 'condition', 0.95, ['malignant neoplasm of lung']),
  e('hcc', 'hepatocellular carcinoma', 'condition', 0.85, ['liver cell carcinoma']),
  e('rcc', 'renal cell carcinoma', 'condition', 0.9),
  e('bcc', 'basal cell carcinoma', 'condition', 0.9),
  e('scc', 'squamous cell carcinoma', 'condition', 0.85),
  e('dcis', 'ductal carcinoma in situ'),
  e('idc', 'invasive ductal carcinoma', 'condition', 0.85),
  e('gbm', 'glioblastoma', 'condition', 0.85),
  // The Index files CLL under "Leukemia, chronic lymphocytic B-cell type" (C91.1-).
  e('cll', 'chronic lymphocytic leukemia', 'condition', 0.9, [
    'chronic lymphocytic leukemia of b-cell type',
  ]),
  e('cml', 'chronic myeloid leukemia'),
  e('aml', 'acute myeloid leukemia'),
  {
    forms: ['all'],
    isCaseSensitive: true,
    senses: [s('acute lymphoblastic leukemia', 'condition', 0.8)],
    resolve: byCues(
      [
        [
          s('acute lymphoblastic leukemia', 'condition', 0.85),
          [
            'leukemia',
            'chemo',
            'chemotherapy',
            'remission',
            'b-cell',
            't-cell',
            'induction',
            'relapse',
            'relapsed',
            'blasts',
            'oncology',
          ],
        ],
      ],
      null,
    ),
  },
  e('nhl', 'non-hodgkin lymphoma'),
  e('mgus', 'monoclonal gammopathy of undetermined significance', 'condition', 0.95, [
    'monoclonal gammopathy',
  ]),
  e('itp', 'immune thrombocytopenic purpura', 'condition', 0.85),
  {
    forms: ['hit'],
    isCaseSensitive: true,
    senses: [s('heparin induced thrombocytopenia', 'condition', 0.7)],
  },
  e('ttp', 'thrombotic thrombocytopenic purpura', 'condition', 0.85),
  e('dic', 'disseminated intravascular coagulation', 'condition', 0.85),
  // Obstetrics and paediatrics.
  e('iugr', 'intrauterine growth restriction', 'condition', 0.9, ['fetal growth retardation']),
  e('prom', 'premature rupture of membranes'),
  e('pprom', 'preterm premature rupture of membranes'),
  e('ftt', 'failure to thrive'),
  // Injury and external cause.
  e('mva|mvc', 'motor vehicle accident', 'other', 0.9, ['motor vehicle collision']),
  e('gsw', 'gunshot wound'),
  // Procedures, devices and status.
  e('cabg', 'coronary artery bypass graft', 'procedure', 0.95, ['aortocoronary bypass']),
  e('pci', 'percutaneous coronary intervention', 'procedure', 0.9),
  e('ptca', 'percutaneous transluminal coronary angioplasty', 'procedure', 0.9),
  e('ppm', 'permanent pacemaker', 'procedure', 0.8, ['cardiac pacemaker']),
  e('aicd|icd placement', 'automatic implantable cardioverter defibrillator', 'procedure', 0.9, [
    'automatic implantable cardiac defibrillator',
  ]),
  e('avr', 'aortic valve replacement', 'procedure', 0.85),
  e('mvr', 'mitral valve replacement', 'procedure', 0.8),
  e('tavr|tavi', 'transcatheter aortic valve replacement', 'procedure', 0.9),
  e('peg', 'percutaneous endoscopic gastrostomy', 'procedure', 0.85, ['gastrostomy']),
  e('trach', 'tracheostomy', 'procedure', 0.85),
  e('lap chole|lap cholecystectomy', 'laparoscopic cholecystectomy', 'procedure', 0.95),
  e('turp', 'transurethral resection of prostate', 'procedure'),
  e('cpap', 'continuous positive airway pressure', 'procedure', 0.9),
  e('nkda|nka', 'no known drug allergies', 'other', 0.95),
  // Anatomy, laterality and modifiers (they change the code: side, site, acuity).
  e('b/l|bilat|bl', 'bilateral', 'modifier', 0.85),
  // The Index spells ordinals out ("Block, heart, first degree", "Burn, second degree").
  e('1st', 'first', 'modifier', 0.95),
  e('2nd', 'second', 'modifier', 0.95),
  e('3rd', 'third', 'modifier', 0.95),
  e('4th', 'fourth', 'modifier', 0.95),
  e('2/2', 'secondary to', 'modifier', 0.9),
  e('lt', 'left', 'modifier', 0.8),
  e('rt', 'right', 'modifier', 0.7),
  e('le|les', 'lower extremity', 'anatomy', 0.8, ['lower limb']),
  e('ue|ues', 'upper extremity', 'anatomy', 0.8, ['upper limb']),
  e('lle', 'left lower extremity', 'anatomy', 0.9, ['lower limb']),
  e('rle', 'right lower extremity', 'anatomy', 0.9, ['lower limb']),
  e('lue', 'left upper extremity', 'anatomy', 0.9, ['upper limb']),
  e('rue', 'right upper extremity', 'anatomy', 0.9, ['upper limb']),
  e('llq', 'left lower quadrant', 'anatomy'),
  e('rlq', 'right lower quadrant', 'anatomy'),
  e('luq', 'left upper quadrant', 'anatomy'),
  e('ruq', 'right upper quadrant', 'anatomy'),
  // Lobes of the lung ("RUL adenocarcinoma" is the right upper lobe's, C34.11).
  e('rul', 'right upper lobe lung', 'anatomy'),
  e('rml', 'right middle lobe lung', 'anatomy'),
  e('rll', 'right lower lobe lung', 'anatomy'),
  e('lul', 'left upper lobe lung', 'anatomy'),
  e('lll', 'left lower lobe lung', 'anatomy'),
  e('gi', 'gastrointestinal', 'modifier', 0.85),
  e('gu', 'genitourinary', 'modifier', 0.85),
  e('cv', 'cardiovascular', 'modifier', 0.7),
  e('cns', 'central nervous system', 'anatomy'),
  e('pulm', 'pulmonary', 'modifier', 0.9),
  e('abd', 'abdominal', 'modifier', 0.9),
  e('chr', 'chronic', 'modifier', 0.7),
  e('exac', 'exacerbation', 'modifier', 0.9),
  e('sx', 'symptoms', 'modifier', 0.8),
  e('dx', 'diagnosis', 'other', 0.8),
  e('tx', 'treatment', 'other', 0.6),
  e('yo|y/o|y.o.|yr old', 'year old', 'other', 0.9),
  e('f/u', 'follow up', 'other', 0.9),
  // Context cues (handled by the ConText layer; exposed here so the recognizer skips them).
  e('s/p|sp', 'status post', 'context', 0.95),
  e('h/o|hx|hx of', 'history of', 'context', 0.95),
  e('fhx|fh', 'family history', 'context', 0.85),
  e('pmh|pmhx', 'past medical history', 'context', 0.9),
  e('psh|pshx', 'past surgical history', 'context', 0.9),
  e('r/o', 'rule out', 'context', 0.95),
  e('c/o', 'complains of', 'context', 0.95),
  e('w/', 'with', 'context', 0.95),
  e('w/o', 'without', 'context', 0.95),
  e('prn', 'as needed', 'context', 0.9),
];

/** Compiled lookup over abbreviation forms. */
export interface CompiledAbbreviations {
  readonly root: AbbreviationTrieNode;
}

/** Trie node keyed by token text. */
export interface AbbreviationTrieNode {
  next: Map<string, AbbreviationTrieNode> | null;
  entry: AbbreviationEntry | null;
}

/**
 * Compiles the curated table (plus, optionally, forms from the lexicon pack's sense priors
 * that the table lacks: matched only when written in capitals, with confidence scaled down).
 */
export function compileAbbreviations(
  priors: readonly AbbreviationSensePrior[] = [],
): CompiledAbbreviations {
  const root: AbbreviationTrieNode = { next: null, entry: null };
  const add = (form: string, entry: AbbreviationEntry): void => {
    const words = tokenize(form).map((t) => t.text);
    if (words.length === 0) return;
    let node = root;
    for (const w of words) {
      node.next ??= new Map();
      let child = node.next.get(w);
      if (child === undefined) node.next.set(w, (child = { next: null, entry: null }));
      node = child;
    }
    node.entry ??= entry;
  };
  for (const entry of ABBREVIATIONS) for (const f of entry.forms) add(f, entry);
  const byForm = new Map<string, AbbreviationSensePrior[]>();
  for (const p of priors) {
    if (!/^[a-z][a-z0-9]{1,7}$/.test(p.form) || p.sense === 'not an abbreviation') continue;
    let list = byForm.get(p.form);
    if (list === undefined) byForm.set(p.form, (list = []));
    list.push(p);
  }
  for (const [form, list] of byForm) {
    if (lookupAbbreviation(form) !== undefined) continue;
    list.sort((a, b) => b.share - a.share);
    add(form, {
      forms: [form],
      isCaseSensitive: true,
      senses: list.map((p) => s(p.sense, 'other', Math.round(p.share * 0.6 * 1000) / 1000)),
    });
  }
  return { root };
}

let defaultCompiled: CompiledAbbreviations | undefined;
let formIndex: Map<string, AbbreviationEntry> | undefined;

/** The curated entry for a written form ("HTN", "a-fib", "hep c"), or undefined. */
export function lookupAbbreviation(form: string): AbbreviationEntry | undefined {
  if (formIndex === undefined) {
    formIndex = new Map();
    for (const entry of ABBREVIATIONS) {
      for (const f of entry.forms) {
        const key = tokenize(f)
          .map((t) => t.text)
          .join(' ');
        if (!formIndex.has(key)) formIndex.set(key, entry);
      }
    }
  }
  return formIndex.get(
    tokenize(form)
      .map((t) => t.text)
      .join(' '),
  );
}

const ROMAN: Readonly<Record<string, string>> = {
  i: '1',
  ii: '2',
  iii: '3',
  iiia: '3a',
  iiib: '3b',
  iv: '4',
  v: '5',
};

/**
 * Reads a stage after tokens[k]: "3b", "stage IV", "stg 3", "G3a", "- 4", on the same line (the
 * "4." of the next list item is no stage). Returns [stage, next index].
 */
function readStage(text: string, tokens: readonly Token[], k: number): [string, number] | null {
  let i = k;
  const t0 = tokens[i]?.text;
  if (t0 === 'stage' || t0 === 'stg' || t0 === 'st' || t0 === '-' || t0 === 'g') i++;
  const t = tokens[i]?.text;
  if (t === undefined) return null;
  if (k > 0 && text.slice(tokens[k - 1]!.end, tokens[i]!.start).includes('\n')) return null;
  const m = /^(?:g)?([1-5])([ab])?$/.exec(t);
  if (m !== null) {
    if (m[2] !== undefined && m[1] !== '3') return null;
    return [`${m[1]}${m[2] ?? ''}`, i + 1];
  }
  const roman = ROMAN[t];
  if (roman !== undefined) return [roman, i + 1];
  return null;
}

function isUpperInOriginal(
  text: string,
  tokens: readonly Token[],
  from: number,
  to: number,
): boolean {
  for (let k = from; k < to; k++) {
    const t = tokens[k] as Token;
    const raw = text.slice(t.start, t.end);
    if (/\p{Ll}/u.test(raw)) return false;
  }
  return true;
}

/** The entry of a one-word capitals form written with a plural s ("UTIs" is "UTI"), or null. */
function pluralForm(
  text: string,
  token: Token,
  compiled: CompiledAbbreviations,
): AbbreviationEntry | null {
  if (!/^[A-Z][A-Z0-9]+s$/.test(text.slice(token.start, token.end))) return null;
  return compiled.root.next?.get(token.text.slice(0, -1))?.entry ?? null;
}

/** Options for {@link findAbbreviations}. */
export interface FindAbbreviationsOptions {
  /** Compiled table (default: the curated table alone). */
  compiled?: CompiledAbbreviations;
  /** Section of the text, if known (helps PE, RA). */
  section?: SectionCategory | null;
  /** Include `context`-kind matches (s/p, h/o…). Default true. */
  includeContext?: boolean;
}

/**
 * Finds abbreviations in `text` (longest form first, left to right) and expands them,
 * resolving ambiguous forms from the surrounding words.
 *
 * @param tokens tokens of `text` (from {@link tokenize}); computed when omitted.
 * @example
 * findAbbreviations('Pt with DM2, CKD 3b and HTN').map((m) => m.expansion);
 * // ["type 2 diabetes mellitus", "chronic kidney disease stage 3b", "hypertension"]
 */
export function findAbbreviations(
  text: string,
  tokens: readonly Token[] = tokenize(text),
  options: FindAbbreviationsOptions = {},
): AbbreviationMatch[] {
  const compiled = options.compiled ?? (defaultCompiled ??= compileAbbreviations());
  const includeContext = options.includeContext !== false;
  const out: AbbreviationMatch[] = [];
  const n = tokens.length;
  let i = 0;
  while (i < n) {
    let node: AbbreviationTrieNode | undefined = compiled.root;
    let bestEnd = -1;
    let best: AbbreviationEntry | null = null;
    for (let j = i; j < n && node !== undefined && node.next !== null; j++) {
      node = node.next.get((tokens[j] as Token).text);
      if (node !== undefined && node.entry !== null) {
        bestEnd = j + 1;
        best = node.entry;
      }
    }
    // "ckd3b", "ckdiv": stage glued to the form.
    let glued: string | null = null;
    if (best === null) {
      const m = /^ckd([1-5][ab]?|iiia|iiib|iv|iii|ii|i|v)$/.exec((tokens[i] as Token).text);
      if (m !== null) {
        best = lookupAbbreviation('ckd') ?? null;
        bestEnd = i + 1;
        glued = ROMAN[m[1] as string] ?? (m[1] as string);
      }
    }
    // "UTIs", "PEs", "DVTs": a capitals form written with a plural s.
    // The curated singular wins over an inventory's guess at the plural ("utis" is listed there).
    const plural =
      best === null ||
      (bestEnd === i + 1 && lookupAbbreviation((tokens[i] as Token).text) === undefined)
        ? pluralForm(text, tokens[i] as Token, compiled)
        : null;
    if (plural !== null) {
      best = plural;
      bestEnd = i + 1;
    }
    if (
      best === null ||
      (best.isCaseSensitive === true &&
        plural === null &&
        !isUpperInOriginal(text, tokens, i, bestEnd) &&
        best.anyCaseAfter?.has(tokens[i - 1]?.text ?? '') !== true)
    ) {
      i++;
      continue;
    }
    let end = bestEnd;
    let stage = glued;
    if (best.hasStage === true && stage === null) {
      const st = readStage(text, tokens, end);
      if (st !== null) {
        stage = st[0];
        end = st[1];
      }
    }
    let sense: AbbreviationSense | null = best.senses[0] ?? null;
    if (best.resolve !== undefined) {
      const nearby = new Set<string>();
      for (let k = Math.max(0, i - 6); k < Math.min(n, end + 6); k++) {
        if (k < i || k >= end) nearby.add((tokens[k] as Token).text);
      }
      sense = best.resolve({
        tokens,
        index: i,
        end,
        text,
        nearby,
        section: options.section ?? null,
      });
    }
    if (sense === null || (!includeContext && sense.kind === 'context')) {
      i = end;
      continue;
    }
    const first = tokens[i] as Token;
    const last = tokens[end - 1] as Token;
    out.push({
      start: first.start,
      end: last.end,
      tokenStart: i,
      tokenEnd: end,
      form: tokens
        .slice(i, end)
        .map((t) => t.text)
        .join(' '),
      expansion: stage === null ? sense.expansion : `${sense.expansion} stage ${stage}`,
      also:
        stage === null ? (sense.also ?? []) : (sense.also ?? []).map((a) => `${a} stage ${stage}`),
      kind: sense.kind,
      confidence: sense.confidence,
      alternatives: best.senses.filter((x) => x.expansion !== sense.expansion),
      isAmbiguous: best.senses.length > 1 || best.resolve !== undefined,
    });
    i = end;
  }
  return out;
}
