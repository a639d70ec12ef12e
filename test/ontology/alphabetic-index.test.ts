// The Index path map (folded path → first row) is built from each term folded once; a reference
// must resolve to the same row as when the whole printed path is folded.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlphabeticIndex } from '../../src/ontology/alphabetic-index.js';
import { foldText } from '../../src/ontology/fold-text.js';
import type { PackIndex } from '../../src/ontology/pack-format.js';

/** Rows from (level step, term) pairs: each level at most one below the previous row's. */
function indexOf(rows: readonly { up: number; term: string }[]): PackIndex {
  const level: number[] = [];
  for (const r of rows) level.push(Math.max(0, Math.min((level.at(-1) ?? -1) + 1, r.up)));
  const blank = rows.map(() => '');
  return {
    level,
    term: rows.map((r) => r.term),
    nemod: blank,
    code: blank,
    see: blank,
    seeAlso: blank,
  };
}

/** The first row whose printed path folds to the reference's folded form. */
function firstRowByFoldedPath(
  index: AlphabeticIndex,
  size: number,
  ref: string,
): number | undefined {
  const key = foldText(ref);
  for (let r = 0; r < size; r++) if (foldText(index.entry(r)!.path) === key) return r;
  return undefined;
}

const termPart = fc.constantFrom(
  'Crohn\u2019s',
  "Addison's",
  'Café',
  'naïve',
  '-',
  '(in)',
  'disease',
  'Disease',
  'type 2',
  'NOS',
  ', ',
  "'s",
  's',
  '',
  'acute or subacute',
);
const term = fc.array(termPart, { minLength: 1, maxLength: 3 }).map((p) => p.join(' '));

describe('AlphabeticIndex: the path map', () => {
  it('resolves every printed path as folding the whole path would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ up: fc.nat(3), term }), { minLength: 1, maxLength: 25 }),
        (rows) => {
          const pack = indexOf(rows);
          // Before the path map is built (a walk down the matching subtrees) and after.
          const index = new AlphabeticIndex(pack);
          const mapped = new AlphabeticIndex(pack);
          mapped.pathMapBuild.get();
          for (let r = 0; r < rows.length; r++) {
            const path = index.entry(r)!.path;
            const first = firstRowByFoldedPath(index, rows.length, path);
            expect(index.resolveReference(path)).toBe(first);
            expect(mapped.resolveReference(path)).toBe(first);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
