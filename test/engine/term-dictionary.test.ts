import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  subtermAlternatives,
  TermDictionary,
  type SerializedDictionary,
} from '../../src/engine/term-dictionary.js';
import { REPO, testOntology } from '../helpers/load-pack.js';

describe('term dictionary', () => {
  const onto = testOntology();
  const fresh = new TermDictionary(onto);

  it('files every term under one of its own words', () => {
    let filed = 0;
    for (const [anchor, list] of fresh.byAnchor) {
      for (const t of list) {
        expect(fresh.terms[t]!.required).toContain(anchor);
        filed++;
      }
    }
    expect(filed).toBe(fresh.terms.length);
    expect(fresh.terms.length).toBeGreaterThan(100_000);
  });

  it('round-trips through its serialized form, and the build output matches a fresh build', () => {
    const restored = new TermDictionary(onto, { prebuilt: fresh.serialize() });
    expect(restored.terms).toEqual(fresh.terms);
    expect([...restored.vocab]).toEqual([...fresh.vocab]);
    const built = path.join(REPO, 'dist', 'packs', 'dictionary-2025-april.json');
    if (!existsSync(built)) throw new Error(`Expected ${built}; run "npm run build" first.`);
    const fromBuild = new TermDictionary(onto, {
      prebuilt: JSON.parse(readFileSync(built, 'utf8')) as SerializedDictionary,
    });
    expect(fromBuild.terms.length).toBe(fresh.terms.length);
    expect(fromBuild.terms.slice(0, 500)).toEqual(fresh.terms.slice(0, 500));
  });

  it('ignores a prebuilt dictionary of another terminology version and rebuilds', () => {
    const stale = { ...fresh.serialize(), terminology: '2019-october', code: [] as string[] };
    const d = new TermDictionary(onto, { prebuilt: stale });
    expect(d.terms.length).toBe(fresh.terms.length);
  });

  it('adds extra terms on top of a prebuilt dictionary', () => {
    const d = new TermDictionary(onto, {
      prebuilt: fresh.serialize(),
      extraTerms: [{ text: 'sugar diabetes', code: 'E119', source: 'learned', weight: 0.9 }],
    });
    expect(d.terms.length).toBe(fresh.terms.length + 1);
    expect(d.terms.at(-1)?.code).toBe('E119');
  });
});

describe('matching keys', () => {
  it('meets adjectives and their body-part nouns, but keeps a lab test apart from the testis', async () => {
    const { matchKey } = await import('../../src/engine/match-key.js');
    expect(matchKey('femoral')).toBe(matchKey('femur'));
    expect(matchKey('ovarian')).toBe(matchKey('ovary'));
    expect(matchKey('renal')).toBe(matchKey('kidney'));
    expect(matchKey('testicular')).toBe(matchKey('testis'));
    expect(matchKey('test')).not.toBe(matchKey('testis'));
    // "cervical" may be the neck or the cervix: not mapped.
    expect(matchKey('cervical')).not.toBe(matchKey('neck'));
  });
});

describe('Index subterms that list alternatives', () => {
  it.each([
    [
      'neuritis, radiculitis, radiculopathy or  sciatica',
      [
        'neuritis, radiculitis, radiculopathy or sciatica',
        'neuritis',
        'radiculitis',
        'radiculopathy',
        'sciatica',
      ],
    ],
    [
      'intervertebral cartilage or disc',
      ['intervertebral cartilage or disc', 'intervertebral cartilage', 'intervertebral disc'],
    ],
    ['with or without obstruction', ['with or without obstruction']],
    ['pneumococcal, acute or subacute', ['pneumococcal, acute or subacute']],
    ['acute or chronic', ['acute or chronic']],
    ['cervical, cervicothoracic', ['cervical, cervicothoracic']],
    ['lumbar region', ['lumbar region']],
  ])('%s reads as %j', (subterm, want) => {
    expect(subtermAlternatives(subterm)).toEqual(want);
  });
});
