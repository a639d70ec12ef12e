import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  subtermAlternatives,
  TermDictionary,
  type SerializedDictionary,
} from '../../src/engine/term-dictionary.js';
import { decodeDictionary, encodeDictionary } from '../../src/engine/dictionary-binary.js';
import { REPO, testOntology } from '../helpers/load-pack.js';

describe('term dictionary', () => {
  const onto = testOntology();
  const fresh = new TermDictionary(onto);

  it('files every term under one of its own words, each once, in term order', () => {
    const filedAt = new Int32Array(fresh.size).fill(-1);
    for (let w = 0; w < fresh.vocab.size; w++) {
      let last = -1;
      for (let k = fresh.anchorStart[w]!; k < fresh.anchorStart[w + 1]!; k++) {
        const t = fresh.anchorTerms[k]!;
        expect(fresh.term(t).required).toContain(w);
        expect(t).toBeGreaterThan(last);
        expect(filedAt[t]).toBe(-1);
        filedAt[t] = w;
        last = t;
      }
    }
    expect(filedAt.includes(-1)).toBe(false);
    expect(fresh.size).toBeGreaterThan(100_000);
  });

  it('round-trips through its serialized form, and the build output matches a fresh build', () => {
    const restored = new TermDictionary(onto, { prebuilt: fresh.serialize() });
    expect(restored.allTerms()).toEqual(fresh.allTerms());
    expect([...restored.vocab]).toEqual([...fresh.vocab]);
    expect(restored.anchorTerms).toEqual(fresh.anchorTerms);
    const built = path.join(REPO, 'dist', 'packs', 'dictionary-2025-april.json');
    if (!existsSync(built)) throw new Error(`Expected ${built}; run "npm run build" first.`);
    const fromBuild = new TermDictionary(onto, {
      prebuilt: JSON.parse(readFileSync(built, 'utf8')) as SerializedDictionary,
    });
    expect(fromBuild.size).toBe(fresh.size);
    expect(fromBuild.allTerms().slice(0, 500)).toEqual(fresh.allTerms().slice(0, 500));
  });

  it('reads its binary form (the build writes it beside the JSON) as the same dictionary', () => {
    const serialized = fresh.serialize();
    const fromBinary = new TermDictionary(onto, {
      prebuilt: decodeDictionary(encodeDictionary(serialized)),
    });
    expect(fromBinary.allTerms()).toEqual(fresh.allTerms());
    expect(fromBinary.anchorStart).toEqual(fresh.anchorStart);
    expect(fromBinary.anchorTerms).toEqual(fresh.anchorTerms);
    const built = path.join(REPO, 'dist', 'packs', 'dictionary-2025-april.bin');
    if (!existsSync(built)) throw new Error(`Expected ${built}; run "npm run build" first.`);
    const b = readFileSync(built);
    const fromBuild = decodeDictionary(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    expect(Array.from(fromBuild.words)).toEqual(serialized.words);
    const { table, index } = fromBuild.code as { table: string[]; index: Uint32Array };
    expect(Array.from(index, (i) => table[i])).toEqual(serialized.code);
  });

  it('says so when a prebuilt dictionary names a word or a code it does not have', () => {
    const serialized = fresh.serialize();
    const words = Int32Array.from(serialized.words);
    words[7] = serialized.vocab.length;
    expect(() => new TermDictionary(onto, { prebuilt: { ...serialized, words } })).toThrow(
      `The prebuilt term dictionary has word id ${serialized.vocab.length} at 7; expected one of its ${serialized.vocab.length} words`,
    );
    const code = { table: ['E119'], index: Uint32Array.of(0, 1) };
    const d = new TermDictionary(onto, { prebuilt: { ...serialized, code } });
    expect(d.term(0).code).toBe('E119');
    expect(() => d.term(1)).toThrow(/gives term 1 code number 1; expected one of its 1 codes/);
  });

  it('ignores a prebuilt dictionary of another terminology version and rebuilds', () => {
    const stale = { ...fresh.serialize(), terminology: '2019-october', code: [] as string[] };
    const d = new TermDictionary(onto, { prebuilt: stale });
    expect(d.size).toBe(fresh.size);
  });

  it('adds extra terms on top of a prebuilt dictionary', () => {
    const d = new TermDictionary(onto, {
      prebuilt: fresh.serialize(),
      extraTerms: [{ text: 'sugar diabetes', code: 'E119', source: 'learned', weight: 0.9 }],
    });
    expect(d.size).toBe(fresh.size + 1);
    expect(d.term(d.size - 1).code).toBe('E119');
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
