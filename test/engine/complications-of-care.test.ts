/**
 * Complications of surgical and medical care (T80-T88 and the chapters' postprocedural codes):
 * coded from the Index's "Complication(s)" entries where the note ties the condition to the
 * device or procedure (Guidelines I.B.16), with the side written and 7th character A (I.C.19),
 * the complication code before the infection and organism codes its notes ask for.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Coder } from '../../src/engine/create-coder.js';
import { testCoder } from '../helpers/load-pack.js';

let coder: Coder;

beforeAll(() => {
  coder = testCoder();
}, 120_000);

/** Reported codes in the engine's order (inpatient). */
function ordered(text: string): string[] {
  return coder.code(text, { setting: 'inpatient' }).codes.map((c) => c.code);
}

describe('a device complication is coded from the Index, at the side written', () => {
  it.each([
    ['Infected left total knee arthroplasty.', 'T84.54XA'],
    ['Right THA infection, on IV vancomycin.', 'T84.51XA'],
    ['Prosthetic joint infection of the right hip.', 'T84.51XA'],
    ['Aseptic loosening of left THA.', 'T84.031A'],
    ['Thrombosed AV fistula, declotted by IR.', 'T82.868A'],
    ['Infected VP shunt.', 'T85.730A'],
    ['PEG tube site infection.', 'K94.22'],
    ['Occluded hemodialysis catheter.', 'T82.49XA'],
    ['Leaking left breast implant.', 'T85.43XA'],
    ['Pacemaker pocket infection.', 'T82.7XXA'],
    ['Displaced pacemaker lead.', 'T82.120A'],
    ['Infected PICC line.', 'T80.219A'],
    ['Occluded PICC.', 'T82.594A'],
    ['Infected hardware of left tibia.', 'T84.623A'],
    ['Broken plate of right femur.', 'T84.114A'],
    ['Obstructed ureteral stent.', 'T83.192A'],
    ['Blocked G-tube.', 'K94.23'],
    ['Dislodged trach.', 'J95.03'],
    ['Infected hernia mesh.', 'T85.79XA'],
    ['Right shoulder arthroplasty infection.', 'T84.59XA'],
    ['Ventriculoperitoneal shunt malfunction.', 'T85.01XA'],
    ['Fractured right hip prosthesis.', 'T84.010A'],
  ])('%s → %s', (text, want) => {
    expect(ordered(text)).toEqual([want]);
  });

  it('a prosthesis dislocated is no traumatic dislocation of the joint', () => {
    const r = coder.code('Dislocation of right hip prosthesis.', { setting: 'inpatient' });
    expect(r.codes.map((c) => c.code)).toEqual(['T84.020A']);
    expect(r.flagged.map((c) => c.code)).toContain('S73.004A');
  });

  it('a periprosthetic fracture is M97 by joint and side, not a fracture of the femur (S72)', () => {
    expect(ordered('Periprosthetic femur fracture around right TKA.')).toEqual(['M97.11XA']);
    expect(ordered('Periprosthetic fracture around left hip prosthesis.')).toEqual(['M97.02XA']);
  });

  it('a thrombosed graft or stent is no venous thrombosis (I82.90)', () => {
    expect(ordered('Thrombosed fem-pop bypass graft.')).toEqual(['T82.868A']);
    expect(ordered('In-stent thrombosis of coronary stent.')).toEqual(['T82.867A']);
  });

  it("the device's status code goes: the complication code says it (I.C.21.c.3)", () => {
    const r = coder.code('PSH: R TKA.\nAssessment: Infected right TKA.', { setting: 'inpatient' });
    expect(r.codes.map((c) => c.code)).toContain('T84.53XA');
    expect(r.codes.map((c) => c.code).filter((c) => c.startsWith('Z96'))).toEqual([]);
  });

  it('PJI of a joint named by its arthroplasty is the prosthesis infection, not arthritis', () => {
    expect(ordered('PJI of right TKA.')).toEqual(['T84.53XA']);
  });
});

describe('the complication code comes before the infection and organism it caused', () => {
  it('CAUTI: T83.511A, then the urinary tract infection and its organism', () => {
    const got = ordered('CAUTI due to E coli, indwelling Foley.');
    expect(got[0]).toBe('T83.511A');
    expect([...got].sort()).toEqual(['B96.20', 'N39.0', 'T83.511A']);
  });

  it('a Foley-associated UTI: T83.511A, then N39.0', () => {
    expect(ordered('Foley-associated UTI.')).toEqual(['T83.511A', 'N39.0']);
  });

  it('a cellulitis due to an infected gastrostomy follows K94.22', () => {
    expect(ordered('Cellulitis of abdominal wall due to infected PEG tube.')).toEqual([
      'K94.22',
      'L03.311',
    ]);
  });

  it('sepsis due to an infected prosthesis follows the complication (I.C.1.d.5.b)', () => {
    expect(ordered('Sepsis due to infected left THA.')).toEqual(['T84.52XA', 'A41.9']);
  });

  it('a sepsis that names the organism needs no organism code beside it', () => {
    expect(ordered('Infected right TKA with sepsis due to MSSA.')).toEqual(['T84.53XA', 'A41.01']);
  });

  it('CLABSI keeps its bloodstream infection code', () => {
    expect(ordered('CLABSI.')).toEqual(['T80.211A']);
  });

  it('the organism of an infection the complication places is its cause (B95-B96), not A49', () => {
    expect(ordered('CLABSI due to MSSA.')).toEqual(['T80.211A', 'B95.61']);
    expect([...ordered('CAUTI due to Klebsiella.')].sort()).toEqual(['B96.1', 'N39.0', 'T83.511A']);
    expect(ordered('Infected right TKA, cultures grew MRSA.')).toEqual(['T84.53XA', 'B95.62']);
  });

  it('VAP: J95.851 with its organism as the cause, not a pneumonia by organism beside it', () => {
    expect(ordered('VAP due to Pseudomonas.')).toEqual(['J95.851', 'B96.5']);
    expect(ordered('Ventilator associated pneumonia due to MRSA.')).toEqual(['J95.851', 'B95.62']);
    expect(ordered('VAP due to E. coli.')).toEqual(['J95.851', 'B96.20']);
  });

  it('a central line infection with bacteremia is the bloodstream infection T80.211A', () => {
    expect(ordered('Central line infection with MSSA bacteremia.')[0]).toBe('T80.211A');
  });
});

describe('a surgical site infection is coded by its depth', () => {
  it.each([
    ['Superficial incisional surgical site infection of the abdomen.', 'T81.41XA'],
    ['Deep incisional SSI after laparotomy, wound opened.', 'T81.42XA'],
    ['Post-op wound infection.', 'T81.49XA'],
  ])('%s → %s', (text, want) => {
    expect(ordered(text)).toEqual([want]);
  });

  it('SSI beside insulin is the sliding scale, not an infection', () => {
    expect(ordered('BG 180-250, covered with SSI.')).not.toContain('T81.49XA');
  });
});

describe('without a documented cause-and-effect relationship there is no complication', () => {
  it.each([
    'History of right TKA. Cellulitis of left leg.',
    'Right TKA with knee pain after a fall.',
    'No signs of infection of the right THA.',
    'Foley catheter in place. UTI.',
    'Urine culture E. coli, not CAUTI - present on admission.',
    'Dialysis catheter infection ruled out.',
    'PJI?',
    'Infected left THA 2018, two-stage revision; now here for a URI in 2025.',
    'PSH: PJI of left hip s/p two-stage revision.',
    'PICC line placed for antibiotics for cellulitis.',
    'Right THA in good position, no dislocation.',
    'ESRD on HD via L AVF with good thrill.',
    'Problem list: cellulitis, THA, HTN.',
    'UTI - Foley removed, on ceftriaxone.',
    'PICC line infection was suspected but ruled out.',
    'Risk of CAUTI discussed; Foley removed.',
  ])('%s', (text) => {
    expect(ordered(text).filter((c) => /^T8[0-8]/.test(c))).toEqual([]);
  });
});

describe('a condition the Index lists as postoperative or postprocedural', () => {
  it.each([
    ['Postoperative hypothyroidism.', 'E89.0'],
    ['Iatrogenic pneumothorax.', 'J95.811'],
    ['Post-op delirium.', 'F05'],
  ])('%s → %s', (text, want) => {
    expect(ordered(text)).toEqual([want]);
  });

  it('is coded as written where the Index has no such subterm (atrial fibrillation)', () => {
    expect(ordered('Postoperative atrial fibrillation.')).toEqual(['I48.91']);
  });
});

describe("a postprocedural code's use-additional note names the disorder", () => {
  it('postoperative ileus: K91.89, then the ileus K56.7 (Index: Ileus, postoperative)', () => {
    expect(ordered('Postoperative ileus after hernia repair.')).toEqual(['K91.89', 'K56.7']);
  });
});
