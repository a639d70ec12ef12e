/**
 * A small synthetic terminology pack, written here: about 400 codes in ICD-10-CM's shapes
 * (categories, subcategories, 7th characters with X placeholders, notes declared at every
 * level, an Alphabetic Index with subterms and "see" references), so that the ontology and
 * the accepted-list rules are tested without the licensed release files. Titles of the few
 * real-looking codes follow the official ones; the bulk block (R00-R29) is made up.
 */
import { loadOntology, type Ontology } from '../../src/ontology/ontology.js';
import {
  PACK_FORMAT,
  PACK_FORMAT_VERSION,
  type PackBlock,
  type PackChapter,
  type PackIndex,
  type PackNotes,
  type SevenChrDef,
  type TerminologyPack,
} from '../../src/ontology/pack-format.js';

/** [dotless code, title, billable] in tabular order. */
type CodeRow = [string, string, boolean];

const NAMED_CODES: CodeRow[] = [
  ['E10', 'Type 1 diabetes mellitus', false],
  ['E109', 'Type 1 diabetes mellitus without complications', true],
  ['E11', 'Type 2 diabetes mellitus', false],
  ['E112', 'Type 2 diabetes mellitus with kidney complications', false],
  ['E1121', 'Type 2 diabetes mellitus with diabetic nephropathy', true],
  ['E1122', 'Type 2 diabetes mellitus with diabetic chronic kidney disease', true],
  ['E1129', 'Type 2 diabetes mellitus with other diabetic kidney complication', true],
  ['E119', 'Type 2 diabetes mellitus without complications', true],
  ['I10', 'Essential (primary) hypertension', true],
  ['I21', 'Acute myocardial infarction', false],
  ['I210', 'ST elevation (STEMI) myocardial infarction of anterior wall', false],
  ['I2101', 'ST elevation (STEMI) myocardial infarction involving left main coronary artery', true],
  [
    'I2102',
    'ST elevation (STEMI) myocardial infarction involving left anterior descending coronary artery',
    true,
  ],
  ['I211', 'ST elevation (STEMI) myocardial infarction of inferior wall', false],
  ['I2111', 'ST elevation (STEMI) myocardial infarction involving right coronary artery', true],
  [
    'I2119',
    'ST elevation (STEMI) myocardial infarction involving other coronary artery of inferior wall',
    true,
  ],
  ['I219', 'Acute myocardial infarction, unspecified', true],
  ['M17', 'Osteoarthritis of knee', false],
  ['M171', 'Unilateral primary osteoarthritis of knee', false],
  ['M1710', 'Unilateral primary osteoarthritis, unspecified knee', true],
  ['M1711', 'Unilateral primary osteoarthritis, right knee', true],
  ['M1712', 'Unilateral primary osteoarthritis, left knee', true],
  ['N18', 'Chronic kidney disease (CKD)', false],
  ['N181', 'Chronic kidney disease, stage 1', true],
  ['N182', 'Chronic kidney disease, stage 2 (mild)', true],
  ['N183', 'Chronic kidney disease, stage 3 (moderate)', false],
  ['N1830', 'Chronic kidney disease, stage 3 unspecified', true],
  ['N1831', 'Chronic kidney disease, stage 3a', true],
  ['N1832', 'Chronic kidney disease, stage 3b', true],
  ['N184', 'Chronic kidney disease, stage 4 (severe)', true],
  ['N185', 'Chronic kidney disease, stage 5', true],
  ['N186', 'End stage renal disease', true],
  ['N189', 'Chronic kidney disease, unspecified', true],
];

/** The made-up bulk: R00-R29, each a category with ten subcategories. */
function bulkCodes(): CodeRow[] {
  return Array.from({ length: 30 }, (_, n) => {
    const category = `R${String(n).padStart(2, '0')}`;
    return [
      [category, `Synthetic symptom ${n}`, false] as CodeRow,
      ...Array.from({ length: 10 }, (_, k): CodeRow => [
        `${category}${k}`,
        `Synthetic symptom ${n}, variant ${k}`,
        true,
      ]),
    ];
  }).flat();
}

const TAIL_CODES: CodeRow[] = [
  ['R50', 'Fever of other and unknown origin', false],
  ['R509', 'Fever, unspecified', true],
  ['S02', 'Fracture of skull and facial bones', false],
  ['S020', 'Fracture of vault of skull', false],
  ['S020XXA', 'Fracture of vault of skull, initial encounter for closed fracture', true],
  ['S020XXB', 'Fracture of vault of skull, initial encounter for open fracture', true],
  ['S72', 'Fracture of femur', false],
  ['S720', 'Fracture of head and neck of femur', false],
  ['S7200', 'Fracture of unspecified part of neck of femur', false],
  ['S72001', 'Fracture of unspecified part of neck of right femur', false],
  [
    'S72001A',
    'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture',
    true,
  ],
  [
    'S72001D',
    'Fracture of unspecified part of neck of right femur, subsequent encounter for closed fracture with routine healing',
    true,
  ],
  ['S72002', 'Fracture of unspecified part of neck of left femur', false],
  [
    'S72002A',
    'Fracture of unspecified part of neck of left femur, initial encounter for closed fracture',
    true,
  ],
];

const CHAPTERS: PackChapter[] = [
  {
    id: '4',
    title: 'Endocrine, nutritional and metabolic diseases (E00-E89)',
    first: 'E00',
    last: 'E89',
    notes: {
      excludes1: [
        {
          text: 'transitory endocrine and metabolic disorders specific to newborn (P70-P74)',
          refs: [{ from: 'P70', to: 'P74' }],
        },
      ],
    },
  },
  { id: '9', title: 'Diseases of the circulatory system (I00-I99)', first: 'I00', last: 'I99' },
  {
    id: '13',
    title: 'Diseases of the musculoskeletal system and connective tissue (M00-M99)',
    first: 'M00',
    last: 'M99',
  },
  { id: '14', title: 'Diseases of the genitourinary system (N00-N99)', first: 'N00', last: 'N99' },
  {
    id: '18',
    title: 'Symptoms, signs and abnormal clinical and laboratory findings (R00-R99)',
    first: 'R00',
    last: 'R99',
  },
  {
    id: '19',
    title: 'Injury, poisoning and certain other consequences of external causes (S00-T88)',
    first: 'S00',
    last: 'T88',
  },
];

const BLOCKS: PackBlock[] = [
  { id: 'E08-E13', title: 'Diabetes mellitus', chapter: '4', first: 'E08', last: 'E13' },
  { id: 'I10-I1A', title: 'Hypertensive diseases', chapter: '9', first: 'I10', last: 'I1A' },
  { id: 'I20-I25', title: 'Ischemic heart diseases', chapter: '9', first: 'I20', last: 'I25' },
  { id: 'M15-M19', title: 'Osteoarthritis', chapter: '13', first: 'M15', last: 'M19' },
  {
    id: 'N17-N19',
    title: 'Acute kidney failure and chronic kidney disease',
    chapter: '14',
    first: 'N17',
    last: 'N19',
  },
  { id: 'R00-R29', title: 'Synthetic symptoms', chapter: '18', first: 'R00', last: 'R29' },
  { id: 'R50-R69', title: 'General symptoms and signs', chapter: '18', first: 'R50', last: 'R69' },
  { id: 'S00-S09', title: 'Injuries to the head', chapter: '19', first: 'S00', last: 'S09' },
  {
    id: 'S70-S79',
    title: 'Injuries to the hip and thigh',
    chapter: '19',
    first: 'S70',
    last: 'S79',
  },
];

const NOTES: Record<string, PackNotes> = {
  E11: {
    inclusionTerm: [{ text: 'diabetes NOS' }],
    excludes1: [{ text: 'type 1 diabetes mellitus (E10.-)', refs: [{ from: 'E10' }] }],
  },
  E10: { excludes1: [{ text: 'type 2 diabetes mellitus (E11.-)', refs: [{ from: 'E11' }] }] },
  E1122: {
    useAdditionalCode: [
      {
        text: 'code to identify stage of chronic kidney disease (N18.1-N18.6)',
        refs: [{ from: 'N181', to: 'N186' }],
      },
    ],
  },
  I10: {
    inclusionTerm: [
      { text: 'high blood pressure' },
      { text: 'hypertension (arterial) (benign) (essential)' },
    ],
  },
};

const FRACTURE_CHARACTERS: SevenChrDef = {
  chars: {
    A: 'initial encounter for closed fracture',
    B: 'initial encounter for open fracture',
    D: 'subsequent encounter for fracture with routine healing',
  },
};

/** [level, term, dotless code, see] in depth-first order. */
const INDEX_ROWS: [number, string, string, string][] = [
  [0, 'Diabetes, diabetic', 'E119', ''],
  [1, 'type 1', 'E109', ''],
  [1, 'type 2', 'E119', ''],
  [2, 'with', '', ''],
  [3, 'chronic kidney disease', 'E1122', ''],
  [3, 'nephropathy', 'E1121', ''],
  [0, 'Fever', 'R509', ''],
  [0, 'Fracture, traumatic', '', ''],
  [1, 'femur, femoral', '', ''],
  [2, 'neck', 'S7200-', ''],
  [1, 'skull', '', ''],
  [2, 'vault', 'S020-', ''],
  [0, 'Heart attack', '', 'Infarct, myocardium'],
  [0, 'Hypertension, hypertensive', 'I10', ''],
  [0, 'Infarct, infarction', '', ''],
  [1, 'myocardium, myocardial (acute)', 'I219', ''],
  [2, 'inferior (wall)', 'I2119', ''],
  [0, 'Osteoarthritis', '', ''],
  [1, 'knee', 'M1710', ''],
  [0, 'Pyrexia', '', 'Fever'],
];

function indexOf(rows: typeof INDEX_ROWS): PackIndex {
  return {
    level: rows.map((r) => r[0]),
    term: rows.map((r) => r[1]),
    nemod: rows.map(() => ''),
    code: rows.map((r) => r[2]),
    see: rows.map((r) => r[3]),
    seeAlso: rows.map(() => ''),
  };
}

const EMPTY_TABLE = { columns: [], level: [], term: [], nemod: [], codes: [], see: [] };

/** A fresh synthetic pack (callers may modify it). */
export function syntheticPack(): TerminologyPack {
  const rows = [...NAMED_CODES, ...bulkCodes(), ...TAIL_CODES];
  return {
    manifest: {
      format: PACK_FORMAT,
      formatVersion: PACK_FORMAT_VERSION,
      classification: 'ICD-10-CM',
      version: 'synthetic',
      codesFy: 2025,
      notesFys: [2021, 2025],
      sources: [],
      counts: { codes: rows.length },
      builtAt: '2026-01-01T00:00:00.000Z',
    },
    codes: rows.map((r) => r[0]),
    titles: rows.map((r) => r[1]),
    billable: rows.map((r) => (r[2] ? '1' : '0')).join(''),
    chapters: structuredClone(CHAPTERS),
    blocks: structuredClone(BLOCKS),
    notes: structuredClone(NOTES),
    noteFy: { E11: 2025, E10: 2025, E1122: 2025, I10: 2021 },
    sevenChr: { S02: FRACTURE_CHARACTERS, S72: FRACTURE_CHARACTERS },
    index: indexOf(INDEX_ROWS),
    eindex: indexOf([]),
    neoplasm: structuredClone(EMPTY_TABLE),
    drug: structuredClone(EMPTY_TABLE),
  };
}

let ontology: Ontology | undefined;

/** The Ontology of {@link syntheticPack}, built once per test file. */
export function syntheticOntology(): Ontology {
  return (ontology ??= loadOntology(syntheticPack()));
}
