// No import cycle among the project's sources (issue 14: the Ontology and the search index
// imported each other). The negative control proves the search finds a cycle when there is one.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph, listSourceFiles } from './import-graph.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('import graph', () => {
  it.each(['src', 'extension', 'cli', 'build', 'model-runtime'])(
    'has no cycle in %s/',
    (folder) => {
      const graph = importGraph(listSourceFiles(path.join(ROOT, folder)));
      expect(graph.size).toBeGreaterThan(0);
      const cycles = findCycles(graph).map((cycle) =>
        cycle.map((file) => path.relative(ROOT, file)).join(' → '),
      );
      expect(cycles).toEqual([]);
    },
  );

  it('finds a cycle when there is one (the control)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(findCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });
});
