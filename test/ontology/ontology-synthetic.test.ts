// The Ontology on the synthetic pack (test/helpers/synthetic-pack.ts): hierarchy, inherited
// notes, 7th characters, the Alphabetic Index, search and the sliced warm-up, without the
// licensed release files. test/ontology/ontology.test.ts checks the same on the real pack.
import { describe, expect, it } from 'vitest';
import { loadOntology, OntologyError } from '../../src/ontology/ontology.js';
import { syntheticOntology, syntheticPack } from '../helpers/synthetic-pack.js';

const onto = syntheticOntology();
const top = (q: string, n = 5): string[] => onto.search(q, { limit: n }).map((h) => h.code);

describe('synthetic ontology: hierarchy', () => {
  it('looks codes up with or without the dot, with their parents', () => {
    expect(onto.size).toBeGreaterThan(300);
    expect(onto.lookup('E11')?.billable).toBe(false);
    const e1122 = onto.lookup('E1122')!;
    expect(e1122.code).toBe('E11.22');
    expect(e1122.title).toBe('Type 2 diabetes mellitus with diabetic chronic kidney disease');
    expect(e1122.parents.map((p) => p.code)).toEqual(['4', 'E08-E13', 'E11', 'E11.2']);
    expect(onto.lookup('XYZ')).toBeUndefined();
  });

  it('links placeholder codes to the code they extend, skipping the X', () => {
    expect(onto.lookup('S02.0XXA')!.parents.map((p) => p.code)).toEqual([
      '19',
      'S00-S09',
      'S02',
      'S02.0',
    ]);
    expect(onto.parent('S02.0XXA')).toBe('S02.0');
    expect(onto.children('E11.2')).toEqual(['E11.21', 'E11.22', 'E11.29']);
    expect(onto.billableDescendants('N18.3')).toEqual(['N18.30', 'N18.31', 'N18.32']);
    expect(onto.blockOf('R05.1')?.id).toBe('R00-R29');
    expect(onto.chapterOf('I21.9')?.id).toBe('9');
  });
});

describe('synthetic ontology: notes', () => {
  it('returns notes declared on the code and inherited from its category and chapter', () => {
    const info = onto.lookup('E11.22')!;
    expect(info.notes.useAdditionalCode?.[0]).toMatchObject({
      from: 'E11.22',
      refs: [{ from: 'N181', to: 'N186' }],
    });
    expect(info.notes.excludes1?.map((n) => n.from)).toEqual(['E11', 'chapter 4']);
    expect(onto.noteRefs('E11.22', 'excludes1')).toEqual([
      { from: 'E10' },
      { from: 'P70', to: 'P74' },
    ]);
  });

  it('takes the 7th-character definition from the nearest code that declares it', () => {
    expect(onto.lookup('S02.0XXA')!.seventhCharacter).toMatchObject({
      from: 'S02',
      chars: { A: 'initial encounter for closed fracture' },
    });
    expect(onto.lookup('S72.001')!.seventhCharacter?.from).toBe('S72');
    expect(onto.lookup('E11.9')!.seventhCharacter).toBeUndefined();
  });

  it('says which Tabular year the notes come from, inherited from the parent', () => {
    expect(onto.lookup('E11.22')!.notesFy).toBe(2025);
    expect(onto.lookup('E11.21')!.notesFy).toBe(2025);
    expect(onto.lookup('R05.1')!.notesFy).toBeNull();
  });
});

describe('synthetic ontology: Alphabetic Index', () => {
  it('gives each row its full path', () => {
    const row = onto
      .indexPathsList()
      .indexOf('Diabetes, diabetic, type 2, with, chronic kidney disease');
    expect(onto.indexEntry(row)).toMatchObject({
      level: 3,
      term: 'chronic kidney disease',
      code: 'E1122',
    });
    expect(onto.indexEntry(-1)).toBeUndefined();
  });

  it('follows "see" references, also when they name a main term by another spelling', () => {
    expect(onto.indexEntry(onto.resolveIndexReference('Infarct, myocardium')!)?.code).toBe('I219');
    expect(onto.indexEntry(onto.resolveIndexReference('see Fever')!)?.code).toBe('R509');
    expect(onto.resolveIndexReference('Infarct, myocardium, septal')).toBeUndefined();
    expect(
      onto.indexEntry(onto.resolveIndexReference('Infarct, myocardium, septal', { partial: true })!)
        ?.code,
    ).toBe('I219');
  });
});

describe('synthetic ontology: search', () => {
  it('finds codes by code, with or without the dot', () => {
    expect(top('R50.9')[0]).toBe('R50.9');
    expect(top('r509')[0]).toBe('R50.9');
    expect(top('E11.2')).toEqual(['E11.2', 'E11.21', 'E11.22', 'E11.29']);
  });

  it('finds titles, inclusion terms and Index paths, "see" references followed', () => {
    expect(top('high blood pressure', 3)).toContain('I10');
    expect(top('heart attack', 3)).toContain('I21.9');
    expect(top('pyrexia', 3)).toContain('R50.9');
    expect(onto.search('high blood pressure', { limit: 1 })[0]?.via).toBe('inclusion');
  });

  it('tolerates one-letter typos and prefixes, and expands abbreviations', () => {
    expect(top('diabtes type 2').some((c) => c.startsWith('E11'))).toBe(true);
    expect(top('osteoarth').some((c) => c.startsWith('M17'))).toBe(true);
    expect(top('htn')).toContain('I10');
    expect(top('dm2 w ckd')).toContain('E11.22');
  });

  it('keeps to billable codes when asked, and returns nothing for an empty query', () => {
    expect(
      onto
        .search('chronic kidney disease', { billableOnly: true, limit: 20 })
        .every((h) => h.billable),
    ).toBe(true);
    expect(onto.search('   ')).toEqual([]);
  });
});

describe('synthetic ontology: warm-up in slices', () => {
  const QUERIES = ['diabetes with ckd', 'diabtes', 'fracture of femur', 'E11.2', 'heart attack'];
  const codesOf = (o: typeof onto, q: string) => o.search(q, { limit: 10 }).map((h) => h.code);

  it('builds in slices what a search builds at once, with the same results', async () => {
    const sliced = loadOntology(syntheticPack());
    let slices = 0;
    await sliced.warmUp(async () => void slices++, { sliceMs: 0 });
    expect(slices).toBeGreaterThan(0); // the build yielded to the host between steps
    for (const q of QUERIES) expect(codesOf(sliced, q)).toEqual(codesOf(onto, q));
  });

  it('stops when aborted; a later search still builds what is missing', async () => {
    const aborted = loadOntology(syntheticPack());
    const controller = new AbortController();
    let slices = 0;
    await aborted.warmUp(
      async () => {
        slices++;
        controller.abort();
      },
      { sliceMs: 0, signal: controller.signal },
    );
    expect(slices).toBe(1);
    expect(codesOf(aborted, 'diabtes')).toEqual(codesOf(onto, 'diabtes'));
  });
});

describe('synthetic ontology: pack validation', () => {
  it('rejects a corrupt or foreign pack with an error that says what was expected', () => {
    expect(() => loadOntology({} as never)).toThrow(OntologyError);
    const pack = syntheticPack();
    const n = pack.codes.length;
    expect(() => loadOntology({ ...pack, titles: pack.titles.slice(1) })).toThrow(
      `corrupt: expected ${n} titles`,
    );
    expect(() =>
      loadOntology({ ...pack, manifest: { ...pack.manifest, formatVersion: 99 } }),
    ).toThrow(/Unsupported pack format version 99/);
    expect(() => loadOntology({ ...pack, index: { ...pack.index, code: [] } })).toThrow(
      /Index columns/,
    );
  });
});
