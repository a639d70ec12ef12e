/**
 * Semantic search on test/fixtures/lay-queries.v1.json (lay, misspelt and abbreviated queries,
 * issue 16): an acceptable code in the top 5. Reports the figure per kind of query and asserts
 * the floor measured with the committed model, so a model or search change that loses queries
 * fails here. Raise the floor when the committed model gains; never lower it silently.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { testOntology, REPO } from '../helpers/load-pack.js';
import { semanticSearch } from '../../src/ontology/semantic-search.js';
import { toDotless } from '../../src/ontology/fold-text.js';
import { testLinker } from '../helpers/load-linker.js';

interface LayQuery {
  kind: 'lay' | 'misspelt' | 'abbreviation';
  query: string;
  accept: string[];
}

/** Queries of the set with an acceptable code in the top 5, measured with the committed model. */
const TOP5_FLOOR = 151;

const set = JSON.parse(
  readFileSync(path.join(REPO, 'test', 'fixtures', 'lay-queries.v1.json'), 'utf8'),
) as { version: number; queries: LayQuery[] };

const acceptable = (codes: string[], accept: string[]): boolean =>
  codes.slice(0, 5).some((c) => accept.some((a) => toDotless(c).startsWith(a)));

describe('semantic search on the lay-query set v1', () => {
  it('is a well-formed set of at least 110 distinct queries with known codes', () => {
    const onto = testOntology();
    expect(set.version).toBe(1);
    expect(set.queries.length).toBeGreaterThanOrEqual(110);
    expect(new Set(set.queries.map((q) => q.query)).size).toBe(set.queries.length);
    const codes = onto.pack.codes;
    for (const q of set.queries)
      for (const a of q.accept)
        expect(
          codes.some((c) => c.startsWith(a)),
          `${q.query}: ${a}`,
        ).toBe(true);
  });

  it(`finds an acceptable code in the top 5 for at least ${TOP5_FLOOR} queries`, async () => {
    const onto = testOntology();
    const { codeIndex, embedder, runner } = await testLinker();
    try {
      const hits: Record<string, [number, number]> = {};
      const misses: string[] = [];
      let semantic = 0;
      let lexical = 0;
      for (const q of set.queries) {
        const sem = (await semanticSearch(onto, embedder, codeIndex, q.query, { limit: 5 })).map(
          (h) => h.code,
        );
        const lex = onto.search(q.query, { limit: 5 }).map((h) => h.code);
        const ok = acceptable(sem, q.accept);
        const tally = (hits[q.kind] ??= [0, 0]);
        tally[1]++;
        if (ok) tally[0]++;
        if (ok) semantic++;
        else misses.push(`${q.query} → ${sem.join(' ')}`);
        if (acceptable(lex, q.accept)) lexical++;
      }
      const n = set.queries.length;
      const pct = (k: number, of: number): string => `${k}/${of} (${((100 * k) / of).toFixed(1)}%)`;
      console.log(
        `lay-query set v1 top-5: semantic ${pct(semantic, n)}, lexical alone ${pct(lexical, n)}; ` +
          Object.entries(hits)
            .map(([k, [h, of]]) => `${k} ${pct(h, of)}`)
            .join(', ') +
          `\nmisses:\n  ${misses.join('\n  ')}`,
      );
      expect(semantic).toBeGreaterThanOrEqual(TOP5_FLOOR);
    } finally {
      runner.dispose();
    }
  });
});
