import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { testOntology, REPO } from '../helpers/load-pack.js';
import { semanticSearch } from '../../src/ontology/semantic-search.js';
import { toDotless } from '../../src/ontology/fold-text.js';
import { testLinker } from '../helpers/load-linker.js';

interface QuerySet {
  queries: { query: string; accept: string[] }[];
}

describe('semantic search (lay and abbreviated queries)', () => {
  it('finds an acceptable code in the top 5 more often than the lexical search alone', async () => {
    const onto = testOntology();
    const set = JSON.parse(
      readFileSync(path.join(REPO, 'test', 'fixtures', 'semantic-search-queries.json'), 'utf8'),
    ) as QuerySet;
    const { codeIndex, embedder, runner } = await testLinker();
    try {
      const ok = (codes: string[], accept: string[]): boolean =>
        codes.slice(0, 5).some((c) => accept.some((a) => toDotless(c).startsWith(a)));
      let lexical = 0;
      let semantic = 0;
      const misses: string[] = [];
      for (const q of set.queries) {
        const lex = onto.search(q.query, { limit: 5 }).map((h) => h.code);
        const sem = (await semanticSearch(onto, embedder, codeIndex, q.query, { limit: 5 })).map(
          (h) => h.code,
        );
        if (ok(lex, q.accept)) lexical++;
        if (ok(sem, q.accept)) semantic++;
        else misses.push(`${q.query} → ${sem.join(' ')}`);
      }
      const n = set.queries.length;
      console.log(
        `semantic search top-5: model ${semantic}/${n} (${((100 * semantic) / n).toFixed(1)}%), lexical ${lexical}/${n} (${((100 * lexical) / n).toFixed(1)}%)\nmisses:\n  ${misses.join('\n  ')}`,
      );
      expect(n).toBeGreaterThanOrEqual(40);
      expect(semantic).toBeGreaterThan(lexical);
    } finally {
      runner.dispose();
    }
  });
});
