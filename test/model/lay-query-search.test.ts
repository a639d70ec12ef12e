/**
 * Semantic search on test/fixtures/lay-queries.v1.json (lay, misspelt and abbreviated queries,
 * issue 16): an acceptable code in the top 5. Reports the figure per kind of query and asserts
 * the floor measured with the committed model, so a model or search change that loses queries
 * fails here. Raise the floor when the committed model gains; never lower it silently.
 */
import { describe, expect, it } from 'vitest';
import { testOntology } from '../helpers/load-pack.js';
import { testLinker } from '../helpers/load-linker.js';
import {
  measureLayQueries,
  readLayQuerySet,
  unknownAcceptPrefixes,
} from '../helpers/measure-lay-queries.js';

/** Queries of the set with an acceptable code in the top 5, measured with the committed model. */
const TOP5_FLOOR = 194;

const set = readLayQuerySet(1);

describe('semantic search on the lay-query set v1', () => {
  it('is a well-formed set of at least 110 distinct queries with known codes', () => {
    expect(set.version).toBe(1);
    expect(set.queries.length).toBeGreaterThanOrEqual(110);
    expect(new Set(set.queries.map((q) => q.query)).size).toBe(set.queries.length);
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
