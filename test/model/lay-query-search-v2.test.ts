/**
 * Semantic search on test/fixtures/lay-queries.v2.json, a held-out set of lay, misspelt and
 * abbreviated queries written blind to the lay-term and spelling code and to what the search
 * returns: an acceptable code in the top 5. Reports the figure per kind of query with the misses
 * and asserts only the floor measured once with the model committed when the set was written.
 * Never tune anything on single queries of this set; raise the floor when the committed model gains.
 */
import { describe, expect, it } from 'vitest';
import { testOntology } from '../helpers/load-pack.js';
import { testLinker } from '../helpers/load-linker.js';
import {
  measureLayQueries,
  readLayQuerySet,
  unknownAcceptPrefixes,
} from '../helpers/measure-lay-queries.js';

/**
 * Queries of the set with an acceptable code in the top 5: 77 when the set was written
 * (linker@1+bc3da282, lexical search as it was); 101 with the lay-term table and spelling
 * correction, measured once after they were written. One general fix came from reading that
 * run's misses (lay phrases are rewritten before abbreviations are spelt out: "stomach flu" had
 * become "stomach influenza"); no query of this set was added to any table.
 */
const TOP5_FLOOR = 101;

const set = readLayQuerySet(2);

describe('semantic search on the held-out lay-query set v2', () => {
  it('is a well-formed set of at least 120 distinct queries, 70 lay, 25 misspelt and 25 abbreviated, with known codes', () => {
    expect(set.version).toBe(2);
    expect(set.queries.length).toBeGreaterThanOrEqual(120);
    expect(new Set(set.queries.map((q) => q.query.toLowerCase())).size).toBe(set.queries.length);
    const count = (kind: string): number => set.queries.filter((q) => q.kind === kind).length;
    expect([count('lay'), count('misspelt'), count('abbreviation')]).toEqual([
      expect.toSatisfy((n: number) => n >= 70),
      expect.toSatisfy((n: number) => n >= 25),
      expect.toSatisfy((n: number) => n >= 25),
    ]);
    expect(count('lay') + count('misspelt') + count('abbreviation')).toBe(set.queries.length);
    expect(set.queries.filter((q) => q.accept.length === 0).map((q) => q.query)).toEqual([]);
    expect(unknownAcceptPrefixes(set, testOntology().pack.codes)).toEqual([]);
  });

  it(`finds an acceptable code in the top 5 for at least ${TOP5_FLOOR} queries`, async () => {
    const linker = await testLinker();
    try {
      const { semantic, report } = await measureLayQueries(set, testOntology(), linker);
      console.log(report);
      expect(semantic).toBeGreaterThanOrEqual(TOP5_FLOOR);
    } finally {
      linker.runner.dispose();
    }
  });
});
