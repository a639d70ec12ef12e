/**
 * `node dist/tools/round-trip.mjs [--every N] [--json FILE]`: codes every Alphabetic Index path
 * and every billable title as a one-line assessment (reportable scope, outpatient, no model) and
 * reports how many come back as their own code (src/eval/round-trip.ts). `--every N` takes every
 * Nth case (a quick look); the default is all of them.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCoreFromDisk } from '../cli/load-core.js';
import { toDotless } from '../src/ontology/fold-text.js';
import {
  indexRoundTripCases,
  roundTripHolds,
  titleRoundTripCases,
  type RoundTripCase,
} from '../src/eval/round-trip.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string): string | undefined => {
  const k = process.argv.indexOf(name);
  return k > 0 ? process.argv[k + 1] : undefined;
};
const every = Math.max(1, Number(arg('--every') ?? 1));
const core = await loadCoreFromDisk({
  packPath: path.join(here, '..', 'packs', 'icd10cm-2025-april.json'),
  withCoder: true,
  withModel: false,
  withRanker: true,
});
const onto = core.ontology;
const isUnder = (code: string, ancestor: string): boolean =>
  code.startsWith(ancestor) && onto.isBillable(code);

function run(cases: RoundTripCase[]): {
  total: number;
  held: number;
  empty: number;
  misses: { text: string; code: string; got: string[] }[];
} {
  let held = 0;
  let empty = 0;
  const misses: { text: string; code: string; got: string[] }[] = [];
  cases.forEach((c, i) => {
    if (i % every) return;
    const got = core.coder
      .code(c.text, { scope: 'reportable', setting: 'outpatient' })
      .codes.map((s) => toDotless(s.code));
    if (roundTripHolds(c, got, isUnder)) held++;
    else {
      if (!got.length) empty++;
      misses.push({ text: c.text, code: c.code, got });
    }
  });
  return { total: Math.ceil(cases.length / every), held, empty, misses };
}

const t0 = performance.now();
const index = run(indexRoundTripCases(onto.pack));
const titles = run(titleRoundTripCases(onto.pack));
const pct = (r: { total: number; held: number }): string => ((100 * r.held) / r.total).toFixed(1);
process.stdout.write(
  `Index paths: ${index.held}/${index.total} (${pct(index)}%) come back as their code; ${index.empty} return nothing\n`,
);
process.stdout.write(
  `Billable titles: ${titles.held}/${titles.total} (${pct(titles)}%) come back as exactly their code; ${titles.empty} return nothing\n`,
);
process.stdout.write(`${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
const out = arg('--json');
if (out) writeFileSync(out, JSON.stringify({ index, titles }, null, 1));
