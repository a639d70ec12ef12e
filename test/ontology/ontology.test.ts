import { describe, expect, it } from 'vitest';
import { loadOntology, OntologyError } from '../../src/ontology/ontology.js';
import { testOntology, testPack } from '../helpers/load-pack.js';

describe('ontology lookup', () => {
  const onto = testOntology();

  it('looks codes up with or without the dot', () => {
    expect(onto.lookup('E11')?.billable).toBe(false);
    const e1122 = onto.lookup('E1122')!;
    expect(e1122.code).toBe('E11.22');
    expect(e1122.title).toBe('Type 2 diabetes mellitus with diabetic chronic kidney disease');
    expect(e1122.billable).toBe(true);
    expect(e1122.parents.map((p) => p.code)).toEqual(['4', 'E08-E13', 'E11', 'E11.2']);
    expect(onto.lookup('S72.002A')?.billable).toBe(true);
    expect(onto.lookup('XYZ')).toBeUndefined();
  });

  it('returns notes declared on the code and inherited from above', () => {
    const info = onto.lookup('E11.22')!;
    expect(info.notes.useAdditionalCode?.[0]?.refs).toEqual([{ from: 'N181' }, { from: 'N186' }]);
    expect(
      info.notes.excludes1?.some((n) => n.from === 'E11' && n.refs?.some((r) => r.from === 'E10')),
    ).toBe(true);
    expect(info.notes.excludes1?.some((n) => n.from === 'chapter 4')).toBe(true);
  });

  it('gives the 7th-character definition and the hierarchy of placeholder codes', () => {
    const s = onto.lookup('S02.0XXA')!;
    expect(s.parents.map((p) => p.code)).toEqual(['19', 'S00-S09', 'S02', 'S02.0']);
    expect(s.seventhCharacter?.chars.A).toMatch(/initial encounter/);
    expect(onto.children('E11.2')).toEqual(['E11.21', 'E11.22', 'E11.29']);
  });

  it('follows "see" references in the Index', () => {
    const row = onto.resolveIndexReference('Infarct, myocardium');
    expect(row).toBeDefined();
    expect(onto.indexEntry(row!)?.code).toBe('I219');
  });

  it('rejects a corrupt or foreign pack with a clear error', () => {
    expect(() => loadOntology({} as never)).toThrow(OntologyError);
    const pack = testPack();
    expect(() => loadOntology({ ...pack, titles: pack.titles.slice(1) })).toThrow(
      /corrupt: expected 97584 titles/,
    );
    expect(() =>
      loadOntology({ ...pack, manifest: { ...pack.manifest, formatVersion: 99 } }),
    ).toThrow(/Unsupported pack format version 99/);
  });
});

describe('ontology search', () => {
  const onto = testOntology();
  const top = (q: string, n = 5): string[] => onto.search(q, { limit: n }).map((h) => h.code);

  it('finds codes by code, with or without the dot', () => {
    expect(top('R50.9')[0]).toBe('R50.9');
    expect(top('r509')[0]).toBe('R50.9');
    expect(top('E11.2')).toEqual(['E11.2', 'E11.21', 'E11.22', 'E11.29']);
  });

  it('ranks titles, inclusion terms and Index paths', () => {
    expect(top('stemi inferior', 3)).toContain('I21.19');
    expect(top('kidney stones', 3)).toContain('N20.0');
    expect(top('heart attack', 3)).toContain('I21.9');
    expect(
      top('hypertension with chronic kidney disease', 3).some((c) => c.startsWith('I12')),
    ).toBe(true);
  });

  it('tolerates one-letter typos and prefixes', () => {
    expect(top('diabtes mellitus type 2', 5).some((c) => c.startsWith('E11'))).toBe(true);
    expect(top('pneumoni', 10)).toContain('J18.9');
    expect(top('appendicitis acut', 5).some((c) => c.startsWith('K35'))).toBe(true);
  });

  it('is fast enough for search-as-you-type once warm', () => {
    onto.warmSearch();
    const queries = [
      'd',
      'di',
      'dia',
      'diab',
      'diabe',
      'diabet',
      'diabetes',
      'diabetes w',
      'diabetes with',
      'diabetes with ckd',
    ];
    const t0 = performance.now();
    for (let k = 0; k < 5; k++) for (const q of queries) onto.search(q, { limit: 20 });
    const perQuery = (performance.now() - t0) / (5 * queries.length);
    // A generous bound: the benchmark reports p50/p95; this only catches a pathological regression.
    expect(perQuery).toBeLessThan(100);
  });

  it('returns nothing for empty queries', () => {
    expect(onto.search('   ')).toEqual([]);
  });
});

describe('search with abbreviations', () => {
  const onto = testOntology();
  it('expands the abbreviations coders type', () => {
    expect(onto.search('dm2 w ckd', { limit: 5 }).map((h) => h.code)).toContain('E11.22');
    expect(onto.search('htn', { limit: 5 }).map((h) => h.code)).toContain('I10');
  });
});

describe('search in lay and misspelt wording', () => {
  const onto = testOntology();
  const top = (q: string, n = 5): string[] => onto.search(q, { limit: n }).map((h) => h.code);

  it("puts the query in the classification's words", () => {
    expect(onto.searchWording('throwing up')).toBe('vomiting');
    expect(onto.searchWording('bronkitis')).toBe('bronchitis');
    expect(onto.searchWording('excema hands')).toBe('eczema hands');
    expect(onto.searchWording('mini stroke')).toBe('transient ischemic attack');
    expect(onto.searchWording('stomach flu')).toBe('gastroenteritis');
    expect(onto.searchWording('pneumonia')).toBe('pneumonia');
  });

  it('finds the codes of lay and misspelt queries', () => {
    expect(top('ringing in the ears').some((c) => c.startsWith('H93.1'))).toBe(true);
    expect(top('burning when peeing')).toContain('R30.0');
    expect(top('asma').some((c) => c.startsWith('J45'))).toBe(true);
    expect(top('prostrate cancer')).toContain('C61');
    // Lay wording the Index has is searched as typed: "Attack, heart" is I21.9.
    expect(top('heart attack', 3)).toContain('I21.9');
  });

  it('leaves the word being typed alone while a vocabulary word begins with it', () => {
    expect(onto.searchWording('diabet')).toBe('diabet');
    expect(top('pneumoni', 10)).toContain('J18.9');
  });
});

describe('ontology warm-up in slices', () => {
  const QUERIES = ['diabetes with ckd', 'diabtes', 'fracture of left femur', 'E11.2', 'copd exac'];
  const codesOf = (onto: ReturnType<typeof loadOntology>, q: string) =>
    onto.search(q, { limit: 10 }).map((h) => h.code);

  it('builds the search index over many short slices, and searches as the index built at once does', async () => {
    const atOnce = loadOntology(testPack());
    const sliced = loadOntology(testPack());
    let slices = 0;
    await sliced.warmUp(
      async () => {
        slices++;
      },
      { sliceMs: 5 },
    );
    expect(slices).toBeGreaterThan(10); // the work really was cut up
    for (const q of QUERIES) expect(codesOf(sliced, q)).toEqual(codesOf(atOnce, q));
  });

  it('lets a search that arrives mid-way finish the build (nothing is left to warm after it)', async () => {
    const onto = loadOntology(testPack());
    let slices = 0;
    await onto.warmUp(
      async () => {
        slices++;
        if (slices === 3)
          expect(onto.search('hypertension', { limit: 3 }).length).toBeGreaterThan(0);
      },
      { sliceMs: 1 },
    );
    expect(slices).toBe(3);
    expect(codesOf(onto, 'fracture of left femur')).toEqual(
      codesOf(testOntology(), 'fracture of left femur'),
    );
    expect(onto.resolveIndexReference('see Infarct, myocardium')).toBe(
      testOntology().resolveIndexReference('see Infarct, myocardium'),
    );
  });

  it('stops at the next slice when aborted; a later search still builds what is missing', async () => {
    const onto = loadOntology(testPack());
    const controller = new AbortController();
    let slices = 0;
    await onto.warmUp(
      async () => {
        slices++;
        if (slices === 2) controller.abort();
      },
      { sliceMs: 1, signal: controller.signal },
    );
    expect(slices).toBe(2);
    expect(codesOf(onto, 'diabtes')).toEqual(codesOf(testOntology(), 'diabtes'));
  });
});
