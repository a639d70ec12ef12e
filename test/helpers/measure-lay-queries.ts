/**
 * Reads a lay-query set (test/fixtures/lay-queries.vN.json: lay, misspelt and abbreviated lookup
 * queries with acceptable dotless code prefixes) and measures semantic search on it: how many
 * queries have an acceptable code in the top 5, by kind of query, with the misses listed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Ontology } from '../../src/ontology/ontology.js';
import { semanticSearch } from '../../src/ontology/semantic-search.js';
import { toDotless } from '../../src/ontology/fold-text.js';
import { REPO } from './load-pack.js';
import type { LoadedModel } from '../../cli/load-model.js';

export interface LayQuery {
  kind: 'lay' | 'misspelt' | 'abbreviation';
  query: string;
  accept: string[];
}

export interface LayQuerySet {
  version: number;
  queries: LayQuery[];
}

/** The set test/fixtures/lay-queries.v{version}.json. */
export function readLayQuerySet(version: number): LayQuerySet {
  const file = path.join(REPO, 'test', 'fixtures', `lay-queries.v${version}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as LayQuerySet;
}

/** The accept prefixes of the set that no code of the terminology starts with, as "query: prefix". */
export function unknownAcceptPrefixes(set: LayQuerySet, codes: readonly string[]): string[] {
  return set.queries.flatMap((q) =>
    q.accept.filter((a) => !codes.some((c) => c.startsWith(a))).map((a) => `${q.query}: ${a}`),
  );
}

const acceptable = (codes: string[], accept: string[]): boolean =>
  codes.slice(0, 5).some((c) => accept.some((a) => toDotless(c).startsWith(a)));

export interface LayQueryMeasure {
  /** Queries with an acceptable code in the top 5 of semantic search. */
  semantic: number;
  /** The same with the lexical search alone. */
  lexical: number;
  /** A one-paragraph report: the figures overall and per kind, then the misses with their top 5. */
  report: string;
}

/** Runs every query of the set through semantic search and the lexical search, top 5. */
export async function measureLayQueries(
  set: LayQuerySet,
  onto: Ontology,
  { codeIndex, embedder }: LoadedModel,
): Promise<LayQueryMeasure> {
  const hits: Record<string, [number, number]> = {};
  const misses: string[] = [];
  let semantic = 0;
  let lexical = 0;
  for (const q of set.queries) {
    const found = await semanticSearch(onto, embedder, codeIndex, q.query, { limit: 5 });
    const sem = found.map((h) => h.code);
    const ok = acceptable(sem, q.accept);
    const tally = (hits[q.kind] ??= [0, 0]);
    tally[1]++;
    if (ok) tally[0]++;
    if (ok) semantic++;
    else misses.push(`${q.query} → ${sem.join(' ')}`);
    if (
      acceptable(
        onto.search(q.query, { limit: 5 }).map((h) => h.code),
        q.accept,
      )
    )
      lexical++;
  }
  const n = set.queries.length;
  const pct = (k: number, of: number): string => `${k}/${of} (${((100 * k) / of).toFixed(1)}%)`;
  const byKind = Object.entries(hits).map(([k, [h, of]]) => `${k} ${pct(h, of)}`);
  const report =
    `lay-query set v${set.version} top-5: semantic ${pct(semantic, n)}, lexical alone ${pct(lexical, n)}; ` +
    `${byKind.join(', ')}\nmisses:\n  ${misses.join('\n  ')}`;
  return { semantic, lexical, report };
}
