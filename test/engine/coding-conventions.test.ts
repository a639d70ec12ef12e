import { beforeAll, describe, expect, it } from 'vitest';
import type { Coder } from '../../src/engine/create-coder.js';
import type { CareSetting, CodingResult } from '../../src/engine/coding-types.js';
import { testCoder } from '../helpers/load-pack.js';

let coder: Coder;

beforeAll(() => {
  coder = testCoder();
}, 120_000);

function run(text: string, setting: CareSetting = 'outpatient'): CodingResult {
  return coder.code(text, { setting });
}
/** The reported codes, sorted. */
function codes(text: string, setting: CareSetting = 'outpatient'): string[] {
  return run(text, setting)
    .codes.map((c) => c.code)
    .sort();
}
function flagged(text: string, setting: CareSetting = 'outpatient'): string[] {
  return run(text, setting)
    .flagged.map((c) => c.code)
    .sort();
}
function rulesOn(result: CodingResult, code: string): string[] {
  return [...result.codes, ...result.flagged]
    .filter((c) => c.code === code)
    .flatMap((c) => c.notes.map((n) => n.rule));
}

describe('negated and hypothetical mentions are never reported', () => {
  it('"No evidence of pneumonia" flags J18.9 and reports nothing', () => {
    const r = run('Chest x-ray: No evidence of pneumonia.');
    expect(r.codes.map((c) => c.code)).not.toContain('J18.9');
    expect(r.flagged.map((c) => c.code)).toContain('J18.9');
    expect(rulesOn(r, 'J18.9')).toContain('negated');
  });
  it('denied symptoms are flagged, not coded', () => {
    expect(codes('Patient denies chest pain or shortness of breath.')).toEqual([]);
    expect(flagged('Patient denies chest pain or shortness of breath.')).toContain('R07.1');
  });
  it('a negated condition beside an affirmed one: only the affirmed one is reported', () => {
    expect(codes('Acute kidney injury. No pneumonia.')).toEqual(['N17.9']);
  });
  it('a negated CKD does not turn hypertension into I12.9', () => {
    expect(codes('Hypertension with heart failure. No chronic kidney disease.')).toEqual([
      'I11.0',
      'I50.9',
    ]);
  });
});

describe('family history → Z80-Z84, never the condition itself', () => {
  it('mother with breast cancer → Z80.3, not C50', () => {
    const r = run('Mother with breast cancer.');
    expect(r.codes.map((c) => c.code)).toEqual(['Z80.3']);
    expect(r.flagged.map((c) => c.code)).toContain('C50.919');
    expect(r.codes[0]!.group).toBe('history');
  });
  it('family history of diabetes → Z83.3', () => {
    expect(codes('Family history of diabetes.')).toEqual(['Z83.3']);
  });
  it('father had MI → Z82.49', () => {
    expect(codes('Father had MI.')).toEqual(['Z82.49']);
  });
  it('family history of colon cancer → Z80.0', () => {
    expect(codes('Family history of colon cancer.')).toEqual(['Z80.0']);
  });
  it('brother with type 2 diabetes → Z83.3, not E11.9', () => {
    expect(codes('Brother with type 2 diabetes.')).toEqual(['Z83.3']);
    expect(flagged('Brother with type 2 diabetes.')).toContain('E11.9');
  });
});

describe('personal history and past procedures', () => {
  it('h/o MI → I25.2 (old myocardial infarction)', () => {
    expect(codes('h/o MI.')).toEqual(['I25.2']);
  });
  it('history of breast cancer → Z85.3', () => {
    const r = run('History of breast cancer.');
    expect(r.codes.map((c) => c.code)).toEqual(['Z85.3']);
    expect(r.flagged.map((c) => c.code)).toContain('C50.919');
  });
  it('history of DVT → Z86.718', () => {
    expect(codes('History of DVT.')).toEqual(['Z86.718']);
  });
  it('h/o CVA → Z86.73', () => {
    expect(codes('h/o CVA.')).toEqual(['Z86.73']);
  });
  it('s/p colectomy → Z90.49; an appendectomy or cholecystectomy is left out', () => {
    expect(codes('s/p colectomy.')).toEqual(['Z90.49']);
    expect(codes('s/p appendectomy.')).toEqual([]);
  });
  it('s/p CABG → Z95.1, with no coronary disease invented', () => {
    expect(codes('s/p CABG.')).toEqual(['Z95.1']);
  });
  it('history of prostate cancer s/p prostatectomy → Z85.46 and Z90.79', () => {
    expect(codes('History of prostate cancer s/p prostatectomy.')).toEqual(['Z85.46', 'Z90.79']);
  });
  it('a past surgical history section lists status codes without a cue', () => {
    expect(codes('Past Surgical History:\nHemicolectomy.\nTotal knee replacement, left.')).toEqual([
      'Z90.49',
      'Z96.652',
    ]);
  });
  it('no prior appendectomy is not a status code', () => {
    expect(codes('No prior appendectomy.')).toEqual([]);
  });
});

describe('combination codes and the "with" presumption', () => {
  it('type 2 diabetes and CKD stage 3 → E11.22 + N18.30 (the "2" of type 2 is no stage)', () => {
    const r = run('Patient with type 2 diabetes and CKD stage 3.');
    expect(r.codes.map((c) => c.code).sort()).toEqual(['E11.22', 'N18.30']);
    expect(rulesOn(r, 'E11.22')).toContain('use-additional');
  });
  it('T2DM with CKD 3b → E11.22 + N18.32', () => {
    expect(codes('T2DM with CKD 3b.')).toEqual(['E11.22', 'N18.32']);
  });
  it('diabetes and CKD in separate sentences are still linked', () => {
    expect(codes('Type 2 diabetes mellitus. Chronic kidney disease stage 4.')).toEqual([
      'E11.22',
      'N18.4',
    ]);
  });
  it('type 1 diabetes with nephropathy → E10.21 alone', () => {
    expect(codes('Type 1 diabetes mellitus with diabetic nephropathy.')).toEqual(['E10.21']);
  });
  it('hypertension and ESRD on hemodialysis → I12.0 + N18.6 + Z99.2 (dialysis status)', () => {
    expect(codes('Patient with hypertension and ESRD on hemodialysis.')).toEqual([
      'I12.0',
      'N18.6',
      'Z99.2',
    ]);
  });
  it('hypertension and CKD stage 3a → I12.9 + N18.31, no I10', () => {
    const cs = codes('Hypertension. CKD stage 3a.');
    expect(cs).toEqual(['I12.9', 'N18.31']);
  });
  it('hypertension with congestive heart failure → I11.0 + I50.9', () => {
    const r = run('Hypertension with congestive heart failure.');
    expect(r.codes.map((c) => c.code).sort()).toEqual(['I11.0', 'I50.9']);
    expect(rulesOn(r, 'I11.0')).toContain('combination');
  });
  it('HTN, CHF and CKD 3b → I13.0 + I50.9 + N18.32', () => {
    expect(codes('HTN, CHF and CKD 3b.')).toEqual(['I13.0', 'I50.9', 'N18.32']);
  });
  it('HTN, HFrEF and ESRD on hemodialysis (problem list) → I13.2 + I50.20 + N18.6 + Z99.2', () => {
    expect(codes('Problem list:\n1. HTN.\n2. HFrEF.\n3. ESRD on hemodialysis.')).toEqual([
      'I13.2',
      'I50.20',
      'N18.6',
      'Z99.2',
    ]);
  });
  it('assessment list: acute on chronic systolic HF, hypertension, CKD 4 → I13.0 + I50.23 + N18.4', () => {
    const r = run(
      'Assessment: 1. Acute on chronic systolic heart failure. 2. Hypertension. 3. CKD stage 4.',
    );
    expect(r.codes.map((c) => c.code).sort()).toEqual(['I13.0', 'I50.23', 'N18.4']);
    expect(r.codes.map((c) => c.code)).not.toContain('I10');
  });
  it('anemia in CKD: N18 reported with D63.1 and the code-first pairing noted', () => {
    const r = run('Anemia of chronic kidney disease.');
    expect(r.codes.map((c) => c.code).sort()).toEqual(['D63.1', 'N18.9']);
    expect(rulesOn(r, 'D63.1')).toContain('code-first');
    expect(r.codes[0]!.code).toBe('N18.9');
  });
});

describe('most specific code: laterality, acuity, 7th character', () => {
  it('left knee osteoarthritis → M17.12, not M17.9', () => {
    const r = run('Left knee osteoarthritis.');
    expect(r.codes.map((c) => c.code)).toEqual(['M17.12']);
    expect(rulesOn(r, 'M17.12')).toContain('specificity');
  });
  it('osteoarthritis of right hip → M16.11', () => {
    expect(codes('Osteoarthritis of right hip.')).toEqual(['M16.11']);
  });
  it('bilateral knee osteoarthritis → M17.0', () => {
    expect(codes('Bilateral knee osteoarthritis.')).toEqual(['M17.0']);
  });
  it('right otitis media → H66.91', () => {
    expect(codes('Right otitis media.')).toEqual(['H66.91']);
  });
  it('acute on chronic systolic heart failure → I50.23', () => {
    expect(codes('Acute on chronic systolic heart failure.')).toEqual(['I50.23']);
  });
  it('fracture of neck of right femur, initial encounter → S72.001A', () => {
    expect(codes('Fracture of the right femur neck, initial encounter.')).toEqual(['S72.001A']);
  });
  it('subsequent encounter with routine healing → 7th character D', () => {
    expect(
      codes('Fracture of neck of right femur, subsequent encounter for routine healing.'),
    ).toEqual(['S72.001D']);
  });
  it('open fracture → 7th character B', () => {
    expect(codes('Open fracture of shaft of left tibia.')).toEqual(['S82.202B']);
  });
  it('sequela → 7th character S', () => {
    expect(codes('Sequela of fracture of neck of right femur.')).toEqual(['S72.001S']);
  });
  it('laceration of right hand: X placeholders kept with the 7th character', () => {
    expect(codes('Laceration of right hand.')).toEqual(['S61.411A']);
  });
  it('an inferior STEMI replaces the unspecified MI', () => {
    expect(codes('Acute STEMI of the inferior wall.')).toEqual(['I21.19']);
  });
});

describe('symptoms integral to a confirmed diagnosis', () => {
  it('chest pain due to acute MI → I21.9 only', () => {
    const r = run('Chest pain due to acute MI.');
    expect(r.codes.map((c) => c.code)).toEqual(['I21.9']);
    expect(r.flagged.map((c) => c.code)).toContain('R07.9');
    expect(rulesOn(r, 'R07.9')).toContain('integral-symptom');
  });
  it('fever and cough from pneumonia → J18.9 only', () => {
    expect(codes('Fever and cough from pneumonia.')).toEqual(['J18.9']);
  });
  it('abdominal pain secondary to acute appendicitis → K35.80 only', () => {
    expect(codes('Abdominal pain secondary to acute appendicitis.')).toEqual(['K35.80']);
  });
  it('shortness of breath due to CHF exacerbation → I50.9 only', () => {
    expect(codes('Shortness of breath due to CHF exacerbation.')).toEqual(['I50.9']);
  });
  it('a symptom in another sentence without a link stays', () => {
    const cs = codes('Acute appendicitis. Also reports a chronic cough for years.');
    expect(cs).toContain('K35.80');
    expect(cs).toContain('R05.3');
  });
});

describe('uncertain diagnoses depend on the setting', () => {
  it('inpatient: "? PNA" is coded as pneumonia with a note', () => {
    const r = run('? PNA', 'inpatient');
    expect(r.codes.map((c) => c.code)).toEqual(['J18.9']);
    expect(rulesOn(r, 'J18.9')).toContain('uncertain-inpatient');
  });
  it('outpatient: "? PNA" is flagged, not coded', () => {
    expect(codes('? PNA', 'outpatient')).toEqual([]);
    expect(flagged('? PNA', 'outpatient')).toEqual(['J18.9']);
  });
  it('inpatient: suspected pneumonia with cough and fever → J18.9, symptoms integral', () => {
    expect(codes('Suspected pneumonia, cough and fever.', 'inpatient')).toEqual(['J18.9']);
  });
  it('outpatient: suspected pneumonia with cough and fever → the symptoms instead', () => {
    const r = run('Suspected pneumonia, cough and fever.', 'outpatient');
    expect(r.codes.map((c) => c.code).sort()).toEqual(['R05.9', 'R50.9']);
    expect(r.flagged.map((c) => c.code)).toContain('J18.9');
    expect(rulesOn(r, 'J18.9')).toContain('uncertain-outpatient');
  });
  it('r/o PE: inpatient codes I26.99, outpatient flags it', () => {
    expect(codes('r/o PE', 'inpatient')).toEqual(['I26.99']);
    expect(codes('r/o PE', 'outpatient')).toEqual([]);
  });
  it('outpatient: probable UTI with dysuria → R30.0', () => {
    expect(codes('Probable UTI with dysuria.', 'outpatient')).toEqual(['R30.0']);
    expect(codes('Probable UTI with dysuria.', 'inpatient')).toEqual(['N39.0']);
  });
});

describe('abbreviations and common diagnoses', () => {
  it('HFrEF → I50.20', () => {
    expect(codes('HFrEF, EF 30%.')).toEqual(['I50.20']);
  });
  it('COPD exacerbation → J44.1', () => {
    expect(codes('COPD exacerbation.')).toEqual(['J44.1']);
  });
  it('AFib on warfarin → I48.91', () => {
    expect(codes('AFib on warfarin.')).toContain('I48.91');
  });
  it('persistent atrial fibrillation on apixaban → I48.19 with long-term anticoagulant use Z79.01', () => {
    expect(codes('Persistent atrial fibrillation on apixaban.')).toEqual(['I48.19', 'Z79.01']);
  });
  it('GERD → K21.9', () => {
    expect(codes('GERD.')).toEqual(['K21.9']);
  });
  it('acute respiratory failure with hypoxia → J96.01', () => {
    expect(codes('Acute respiratory failure with hypoxia.')).toEqual(['J96.01']);
  });
  it('major depressive disorder, recurrent, moderate → F33.1', () => {
    expect(codes('Major depressive disorder, recurrent, moderate.')).toEqual(['F33.1']);
  });
  it('sepsis due to pneumonia → A41.9 + J18.9, sepsis principal', () => {
    const r = run('Sepsis due to pneumonia.');
    expect(r.codes.map((c) => c.code).sort()).toEqual(['A41.9', 'J18.9']);
  });
});

describe('Tabular notes and grouping', () => {
  it('Excludes1 pairs are flagged on both codes', () => {
    const r = run('Type 1 diabetes mellitus. Type 2 diabetes mellitus.');
    const both = r.codes.filter((c) => /^E1[01]/.test(c.code));
    expect(both.length).toBe(2);
    for (const c of both) expect(c.notes.map((n) => n.rule)).toContain('excludes1');
  });
  it('principal comes from the Discharge Diagnoses section', () => {
    const r = run(
      'History of Present Illness: Presented with GERD symptoms.\nDischarge Diagnoses: 1. Acute respiratory failure with hypoxia. 2. GERD.',
    );
    expect(r.codes[0]!.code).toBe('J96.01');
    expect(r.codes[0]!.group).toBe('principal');
    expect(r.codes.find((c) => c.code === 'K21.9')?.group).toBe('secondary');
  });
  it('history codes are grouped as history, after the diagnoses', () => {
    const r = run('Assessment: COPD exacerbation. h/o MI. Family history of diabetes.');
    expect(r.codes.map((c) => c.code).sort()).toEqual(['I25.2', 'J44.1', 'Z83.3']);
    expect(r.codes[0]!.code).toBe('J44.1');
    expect(
      r.codes
        .filter((c) => c.group === 'history')
        .map((c) => c.code)
        .sort(),
    ).toEqual(['I25.2', 'Z83.3']);
  });
  it('mentions scope still lists negated and family mentions (CodiEsp convention)', () => {
    const r = coder.code('No evidence of pneumonia. Mother with breast cancer.', {
      scope: 'mentions',
    });
    expect(r.codes.map((c) => c.code)).toContain('J18.9');
    expect(r.flagged).toEqual([]);
  });
});

describe('with and without', () => {
  it('"type 2 diabetes mellitus without complications" is E11.9, never E11.8 (with unspecified complications)', () => {
    expect(codes('Problem list: Type 2 diabetes mellitus without complications.')).toEqual([
      'E11.9',
    ]);
  });
  it('"acute on chronic systolic heart failure" is I50.23', () => {
    expect(codes('Assessment: acute on chronic systolic heart failure.', 'inpatient')).toEqual([
      'I50.23',
    ]);
  });
});

describe('status codes the use-additional notes ask for (insulin, oral drugs, dialysis)', () => {
  it('type 2 diabetes on insulin and metformin → Z79.4 and Z79.84 beside the diabetes code', () => {
    const result = run('Type 2 diabetes mellitus on insulin glargine and metformin.');
    const got = result.codes.map((c) => c.code);
    expect(got.some((c) => c.startsWith('E11'))).toBe(true);
    expect(got).toEqual(expect.arrayContaining(['Z79.4', 'Z79.84']));
    expect(rulesOn(result, 'Z79.4')).toContain('use-additional');
    expect(result.codes.find((c) => c.code === 'Z79.4')!.evidence.map((e) => e.text)).toContain(
      'insulin',
    );
  });

  it('type 1 diabetes on insulin gets no Z79.4 (insulin is inherent to it)', () => {
    expect(codes('Type 1 diabetes mellitus on insulin.')).not.toContain('Z79.4');
  });

  it("insulin that is negated, stopped, sliding-scale or a family member's is not coded", () => {
    expect(codes('Type 2 diabetes, not on insulin.')).not.toContain('Z79.4');
    expect(codes('Type 2 diabetes. Insulin was discontinued last year.')).not.toContain('Z79.4');
    expect(
      codes('Type 2 diabetes managed with sliding scale insulin during the stay.', 'inpatient'),
    ).not.toContain('Z79.4');
    expect(codes('Family history: mother with type 2 diabetes on insulin.')).not.toContain('Z79.4');
  });

  it('insulin without diabetes adds nothing', () => {
    expect(codes('Hyperkalemia treated with insulin and dextrose.', 'inpatient')).not.toContain(
      'Z79.4',
    );
  });

  it('ESRD on hemodialysis → N18.6 and Z99.2; dialysis that may come later → none', () => {
    expect(codes('End-stage renal disease on hemodialysis three times weekly.')).toEqual(
      expect.arrayContaining(['N18.6', 'Z99.2']),
    );
    expect(codes('CKD stage 4, may need dialysis in the future.')).not.toContain('Z99.2');
  });

  it('a GLP-1 agonist → Z79.85', () => {
    expect(codes('Type 2 diabetes on semaglutide weekly.')).toContain('Z79.85');
  });
});

describe('completing a category with its default child', () => {
  it('a bare "type 2 diabetes mellitus" is E11.9 (without complications), not E11.8 (with unspecified complications)', () => {
    expect(codes('Type 2 diabetes mellitus.')).toEqual(['E11.9']);
  });
});
