// ICD-9-CM titles and the 2018 GEMs, against the figures of shared/data/icd9cm/README.md.
import { describe, expect, it } from 'vitest';
import { buildIcd9Pack } from '../../build/pack-icd9.js';
import { MissingDataError } from '../../build/data-source.js';
import {
  Icd9Crosswalk,
  looksLikeIcd9Code,
  resolveCodeSystem,
  toDottedIcd9,
} from '../../src/ontology/icd9-crosswalk.js';
import { DATA_DIR, testOntology } from '../helpers/load-pack.js';

describe('ICD-9-CM pack and crosswalk', () => {
  const pack = buildIcd9Pack(DATA_DIR);
  const onto = testOntology();
  const xw = new Icd9Crosswalk(pack, onto);

  it('holds the official figures: 14,567 diagnosis codes and both GEMs whole', () => {
    expect(pack.codes).toHaveLength(14_567);
    expect(xw.size).toBe(14_567);
    expect(pack.manifest.counts).toMatchObject({
      forwardRows: 23_912,
      forwardSources: 14_567,
      forwardNoMap: 425,
      forwardApproximate: 20_379,
      forwardCombination: 2_260,
      reverseRows: 78_838,
      reverseSources: 69_832,
    });
    expect(pack.reverse.flags.filter((f) => f[1] === '1')).toHaveLength(669);
    for (const s of pack.manifest.sources) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the long titles as latin1', () => {
    expect(xw.title('386.00')).toBe("Ménière's disease, unspecified");
    expect(xw.title('041.3')).toBe(
      "Friedländer's bacillus infection in conditions classified elsewhere and of unspecified site",
    );
  });

  it('maps 250.00 to E11.9, 428.0 to I50.9, V45.81 to Z95.1 and E849.0 to Y92.099, titled from the release', () => {
    const dm = xw.lookup('250.00')!;
    expect(dm.title).toBe(
      'Diabetes mellitus without mention of complication, type II or unspecified type, not stated as uncontrolled',
    );
    expect(dm.candidates.map((c) => c.code)).toContain('E11.9');
    expect(dm.candidates.find((c) => c.code === 'E11.9')).toMatchObject({
      title: 'Type 2 diabetes mellitus without complications',
      inRelease: true,
      billable: true,
      approximate: true,
    });
    expect(xw.lookup('4280')!.candidates.map((c) => c.code)).toEqual(['I50.9']);
    expect(xw.lookup('V45.81')!.candidates.map((c) => c.code)).toEqual(['Z95.1']);
    expect(xw.lookup('V45.81')!.candidates[0]!.approximate).toBe(false);
    const e = xw.lookup('E849.0')!;
    expect(e.code).toBe('E849.0');
    expect(e.title).toBe('Home accidents');
    expect(e.candidates.map((c) => c.code)).toContain('Y92.099');
  });

  it('keeps combination scenarios and choice lists, and says when there is no map', () => {
    const typhus = xw.lookup('073.0')!;
    expect(typhus.candidates.map((c) => [c.code, c.combination, c.scenario, c.choiceList])).toEqual(
      [
        ['A70', true, 1, 1],
        ['J17', true, 1, 2],
      ],
    );
    const none = xw.lookup('365.70')!;
    expect(none.noMap).toBe(true);
    expect(none.candidates).toEqual([]);
  });

  it('marks GEM targets the release no longer has', () => {
    let missing = 0;
    for (const c of pack.forward.target) if (c !== 'NoDx' && !onto.has(c)) missing++;
    expect(missing).toBeGreaterThan(0);
    const src =
      pack.forward.source[pack.forward.target.findIndex((c) => c !== 'NoDx' && !onto.has(c))]!;
    expect(xw.lookup(src)!.candidates.some((c) => !c.inRelease && c.title === undefined)).toBe(
      true,
    );
  });

  it('maps back from ICD-10-CM (reverse GEM)', () => {
    expect(xw.icd9For('E11.9').map((c) => c.code)).toContain('250.00');
    expect(xw.icd9For('Z95.1').map((c) => c.code)).toContain('V45.81');
  });

  it.each([
    ['E11.9', 'ICD-10-CM'],
    ['e119', 'ICD-10-CM'],
    ['E849', 'ICD-10-CM'], // E84.9 cystic fibrosis: ICD-10-CM is preferred
    ['E849.0', 'ICD-9-CM'],
    ['250.00', 'ICD-9-CM'],
    ['25000', 'ICD-9-CM'],
    ['428.0', 'ICD-9-CM'],
    ['V45.81', 'ICD-9-CM'],
    ['V01.1', 'ICD-10-CM'],
    ['Q99.999', undefined],
    ['999.99', undefined],
  ])('reads %s as %s', (code, system) => {
    expect(resolveCodeSystem(code, onto, xw)).toBe(system);
  });

  it('recognises ICD-9-CM shapes and dots them', () => {
    for (const c of ['250.00', '428.0', '4280', 'V45.81', 'E849.0', 'E8490', '038'])
      expect(looksLikeIcd9Code(c)).toBe(true);
    for (const c of ['E11.9', 'I10', 'diabetes', '250.000', 'E84.90'])
      expect(looksLikeIcd9Code(c)).toBe(false);
    expect(['25000', 'E8490', 'V4581', '0389', '038'].map(toDottedIcd9)).toEqual([
      '250.00',
      'E849.0',
      'V45.81',
      '038.9',
      '038',
    ]);
  });

  it('searches by ICD-9-CM code or prefix', () => {
    const hits = xw.search('250.00');
    expect(hits[0]).toMatchObject({ code: 'E11.9', via: 'icd9-gem', billable: true });
    expect(hits[0]!.matched).toMatch(/^ICD-9-CM 250\.00 Diabetes mellitus/);
    const prefix = xw.search('250', { limit: 10 }).map((h) => h.code);
    expect(prefix.length).toBe(10);
    expect(prefix).toContain('E11.9');
    expect(xw.search('diabetes')).toEqual([]);
    expect(xw.codesUnder('250', 3)).toEqual(['250.00', '250.01', '250.02']);
  });

  it('explains how to get the files when they are missing', () => {
    expect(() => buildIcd9Pack('/nonexistent')).toThrow(MissingDataError);
    expect(() => buildIcd9Pack('/nonexistent')).toThrow(/CMS32_DESC_LONG_DX/);
  });
});
