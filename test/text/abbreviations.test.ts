import { describe, expect, it } from 'vitest';
import { ABBREVIATIONS, findAbbreviations, lookupAbbreviation } from '../../src/text/index.js';

const expand = (t: string): string[] => findAbbreviations(t).map((m) => m.expansion);

describe('abbreviations', () => {
  it('has the everyday table (150+ entries)', () => {
    expect(ABBREVIATIONS.length).toBeGreaterThanOrEqual(150);
    expect(lookupAbbreviation('T2DM')?.senses[0]?.expansion).toBe('type 2 diabetes mellitus');
    expect(lookupAbbreviation('a-fib')?.senses[0]?.expansion).toBe('atrial fibrillation');
  });

  it('expands common forms with exact offsets', () => {
    const t = 'Pt with HTN, HLD, DM2, COPD, CHF (HFrEF), AFib, CAD s/p CABG, GERD, OSA, BPH.';
    const ms = findAbbreviations(t);
    for (const m of ms) expect(t.slice(m.start, m.end).length).toBeGreaterThan(0);
    expect(ms.map((m) => m.expansion)).toEqual([
      'hypertension',
      'hyperlipidemia',
      'type 2 diabetes mellitus',
      'chronic obstructive pulmonary disease',
      'congestive heart failure',
      'heart failure with reduced ejection fraction',
      'atrial fibrillation',
      'coronary artery disease',
      'status post',
      'coronary artery bypass graft',
      'gastroesophageal reflux disease',
      'obstructive sleep apnea',
      'benign prostatic hyperplasia',
    ]);
  });

  it('reads CKD stages in every common spelling', () => {
    expect(expand('CKD 3b')).toEqual(['chronic kidney disease stage 3b']);
    expect(expand('CKD stage IV')).toEqual(['chronic kidney disease stage 4']);
    expect(expand('ckd3a')).toEqual(['chronic kidney disease stage 3a']);
    expect(expand('CKD')).toEqual(['chronic kidney disease']);
    const t = 'ESRD on HD, h/o CKD stage 5';
    const ckd = findAbbreviations(t).find((m) => m.expansion.startsWith('chronic kidney'));
    expect(ckd && t.slice(ckd.start, ckd.end)).toBe('CKD stage 5');
  });

  it('reads a capitals form written with a plural s as the form', () => {
    expect(expand('Recurrent UTIs, two TIAs, DVTs')).toEqual([
      'urinary tract infection',
      'transient ischemic attack',
      'deep vein thrombosis',
    ]);
    // Only capitals plus a lowercase s: words that end in s are left alone.
    expect(expand('utis')).toEqual([]);
    expect(expand('Bilateral PEs on CTA')[0]).toBe('pulmonary embolism');
  });

  it('reads MI as motivational interviewing where a note says it was performed, MS: as mental status', () => {
    expect(expand('MI performed, pt receptive')).toEqual(['motivational interviewing']);
    expect(expand('s/p MI 2019')).toEqual(['status post', 'myocardial infarction']);
    expect(expand('MS: A&O x3')[0]).toBe('mental status');
  });

  it('matches multi-token forms', () => {
    expect(expand('Hep C and a fib, N/V, T2 DM')).toEqual([
      'hepatitis c',
      'atrial fibrillation',
      'nausea and vomiting',
      'type 2 diabetes mellitus',
    ]);
  });

  it('resolves PE by context', () => {
    expect(findAbbreviations('PE: lungs clear')[0]?.expansion).toBe('physical examination');
    expect(findAbbreviations('CTA positive for PE, start heparin')[0]?.expansion).toBe(
      'pulmonary embolism',
    );
    const bare = findAbbreviations('PE')[0];
    expect(bare?.expansion).toBe('pulmonary embolism');
    expect(bare?.confidence).toBeLessThan(0.6);
    expect(bare?.isAmbiguous).toBe(true);
  });

  it('resolves MS, RA, AF and ppd by context; case-sensitive forms need capitals', () => {
    expect(findAbbreviations('altered MS since this am').map((m) => m.expansion)).toContain(
      'mental status',
    );
    expect(findAbbreviations('relapsing remitting MS on ocrelizumab')[0]?.expansion).toBe(
      'multiple sclerosis',
    );
    expect(findAbbreviations('Seen by Ms. Jones').length).toBe(0);
    expect(findAbbreviations('sat 95% on RA')[0]?.expansion).toBe('room air');
    expect(findAbbreviations('RA on methotrexate')[0]?.expansion).toBe('rheumatoid arthritis');
    expect(findAbbreviations('AF with RVR')[0]?.expansion).toBe('atrial fibrillation');
    expect(findAbbreviations('af, vss')[0]?.expansion).toBe('afebrile');
    expect(findAbbreviations('smokes 1 ppd')[0]?.expansion).toBe('packs per day');
    expect(findAbbreviations('PPD positive, start INH')[0]?.expansion).toBe(
      'purified protein derivative',
    );
    expect(findAbbreviations('as needed').length).toBe(0);
    expect(findAbbreviations('severe AS, s/p TAVR').map((m) => m.expansion)).toContain(
      'aortic stenosis',
    );
  });
});
