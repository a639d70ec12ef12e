// lookup and search over ICD-10-PCS: codes, partial codes walking the table, Index terms, definitions.
import { describe, expect, it } from 'vitest';
import { lookupPcsCode } from '../../src/pcs/lookup-pcs-code.js';
import { loadPcsTerminology } from '../../src/pcs/pcs-terminology.js';
import { PcsSearch } from '../../src/pcs/search-pcs.js';
import { testPcsPack } from '../helpers/load-pcs-pack.js';

const terms = loadPcsTerminology(testPcsPack());

describe('ICD-10-PCS lookup', () => {
  it('shows a complete code with its composed title and each axis with its definition', () => {
    const info = lookupPcsCode(terms, '0dtj4zz')!;
    expect(info.complete).toBe(true);
    expect(info.title).toBe('Resection of Appendix, Percutaneous Endoscopic Approach');
    expect(info.axes.map((a) => a.value).join('')).toBe('0DTJ4ZZ');
    expect(info.axes[2]!.definition).toBe(
      'Cutting out or off, without replacement, all of a body part',
    );
    expect(info.axes[3]!.includes).toContain('Vermiform appendix');
    expect(info.next).toBeUndefined();
  });

  it('shows a partial code with its table and only the valid values of the next axis', () => {
    const info = lookupPcsCode(terms, '0DTJ')!;
    expect(info.complete).toBe(false);
    expect(info.table?.code).toBe('0DT');
    expect(info.next?.title).toBe('Approach');
    expect(info.next?.values.map((v) => v.value).sort()).toEqual(['0', '4', '7', '8']);
    expect(info.next?.values.find((v) => v.value === '4')?.definition).toMatch(
      /^Entry, by puncture or minor incision/,
    );
    expect(info.codes).toBe(5);
  });

  it('refuses codes no table holds', () => {
    expect(lookupPcsCode(terms, '0DTJ4ZX')).toBeUndefined();
    expect(lookupPcsCode(terms, 'I10')).toBeUndefined();
  });
});

describe('ICD-10-PCS search', () => {
  const search = new PcsSearch(terms);
  it('finds Index terms with the code they lead to', () => {
    expect(search.search('colonoscopy', 3)[0]).toMatchObject({ code: '0DJD8ZZ', via: 'index' });
    expect(search.search('chest x-ray', 3)[0]).toMatchObject({ code: 'BW03', via: 'index' });
  });

  it('finds composed titles and root-operation definitions', () => {
    expect(search.search('resection of appendix', 5).map((h) => h.code)).toContain('0DTJ');
    const defs = search
      .search('cutting out without replacement all of a body part', 10)
      .filter((h) => h.via === 'definition');
    expect(defs[0]!.title).toMatch(/^Resection \(root operation\)/);
  });
});
