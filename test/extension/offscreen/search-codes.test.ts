import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CodeSearch } from '../../../extension/offscreen/search-codes.js';
import type { Icd9GemsPack } from '../../../src/ontology/icd9-gems-pack.js';
import { REPO, testOntology } from '../../helpers/load-pack.js';
import { testLinker } from '../../helpers/load-linker.js';
import { semanticSearch } from '../../../src/ontology/semantic-search.js';

const icd9Pack = (): Icd9GemsPack =>
  JSON.parse(
    readFileSync(path.join(REPO, 'dist', 'packs', 'icd9cm-gems.json'), 'utf8'),
  ) as Icd9GemsPack;

describe('the lookup box search in the offscreen document', () => {
  const onto = testOntology();

  it('answers an ICD-9-CM code with its ICD-10-CM candidates from the GEMs, reading the pack once', async () => {
    const readPack = vi.fn(async () => icd9Pack());
    const search = new CodeSearch(readPack);
    const hits = await search.search(onto, '250.00', 10);
    expect(hits[0]).toMatchObject({ code: 'E11.9', billable: true, via: 'icd9-gem' });
    expect(hits[0]!.matched).toMatch(/^ICD-9-CM 250\.00 /);
    expect((await search.search(onto, '428.0', 10)).map((h) => h.code)).toContain('I50.9');
    expect(readPack).toHaveBeenCalledTimes(1);
  });

  it('keeps ICD-10-CM readings and text queries on the release search, without reading the pack', async () => {
    const readPack = vi.fn(async () => icd9Pack());
    const search = new CodeSearch(readPack);
    expect((await search.search(onto, 'I10', 5))[0]?.code).toBe('I10');
    expect((await search.search(onto, 'type 2 diabetes', 5)).length).toBeGreaterThan(0);
    expect(readPack).not.toHaveBeenCalled();
  });

  it('falls back to the text search when the ICD-9-CM pack is missing or damaged', async () => {
    const missing = new CodeSearch(async () => undefined);
    expect((await missing.search(onto, '250.00', 5)).every((h) => h.via !== 'icd9-gem')).toBe(true);
    const damaged = new CodeSearch(
      async () => ({ manifest: { format: 'something else' } }) as unknown as Icd9GemsPack,
    );
    expect((await damaged.search(onto, '250.00', 5)).every((h) => h.via !== 'icd9-gem')).toBe(true);
  });

  it("joins the linker's nearest codes once the linker is loaded, and searches text alone when it fails", async () => {
    const { codeIndex, embedder, runner } = await testLinker();
    try {
      const search = new CodeSearch(async () => undefined);
      for (const query of ['kidney stone pain', 'sore tummy after meals']) {
        const expected = await semanticSearch(onto, embedder, codeIndex, query, { limit: 5 });
        const hits = await search.search(onto, query, 5, { embedder, codeIndex });
        expect(hits.map((h) => h.code)).toEqual(expected.map((h) => h.code));
      }
      const failing = {
        codeIndex,
        embedder: {
          ...embedder,
          embed: async () => {
            throw new Error('Expected a loaded session, got a disposed one.');
          },
        },
      };
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const hits = await search.search(onto, 'kidney stone pain', 5, failing);
      expect(hits.map((h) => h.code)).toEqual(
        onto.search('kidney stone pain', { limit: 5 }).map((h) => h.code),
      );
      warn.mockRestore();
    } finally {
      runner.dispose();
    }
  });
});
