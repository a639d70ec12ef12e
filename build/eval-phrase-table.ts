/**
 * Baseline and ceilings on the CodiEsp DEV split for the mined phrase table (not shipped).
 *
 * 1. A pure "phrase table lookup" coder: every mined phrase found in a dev English text votes
 *    for its code with its precision estimate; codes are ranked by their best vote. Scored with
 *    src/eval at several thresholds, with and without suppressing phrases nested in longer ones.
 * 2. Ceilings: how many dev gold codes occur in train at all (memorisation recall ceiling), how
 *    many are in the phrase table, and how dev gold codes spread over chapters and over 3-character
 *    codes (billable like R52 vs category-level headers like C34).
 *
 * Needs dist/packs/codiesp-train-stats.json (run mine-codiesp first). Run:
 *   npx esbuild build/eval-phrase-table.ts --bundle --platform=node --format=esm \
 *     --outfile=dist/tools/eval-phrase-table.mjs && node dist/tools/eval-phrase-table.mjs
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  parseCodiespTrainStats,
  trainDocFreqMap,
  type MinedPhrase,
} from '../src/eval/codiesp-train-stats.js';
import { parseCodiespCodes } from '../src/eval/parse-codiesp-gold.js';
import { phraseTokens } from '../src/eval/phrase-tokens.js';
import { formatEvalReport, scoreCoding, type ScoredCode } from '../src/eval/score-coding.js';
import { parseOrderFile } from './read-icd10cm-titles.js';
import { dataDir, readCodiespSplit, repoRoot, VerifiedReader } from './read-codiesp.js';

const root = repoRoot();
const statsPath = path.join(root, 'dist', 'packs', 'codiesp-train-stats.json');
const stats = parseCodiespTrainStats(JSON.parse(readFileSync(statsPath, 'utf8')));
const dev = readCodiespSplit('dev', dataDir());
const gold = parseCodiespCodes(dev.diagnosisTsv);
const trainDocFreq = trainDocFreqMap(stats);
const titles = parseOrderFile(
  new VerifiedReader(dataDir(), 'icd10cm').read('icd10cm-order-2025-april.txt'),
);

const byPhrase = new Map<string, MinedPhrase[]>();
for (const p of stats.phrases) {
  const list = byPhrase.get(p.phrase) ?? [];
  list.push(p);
  byPhrase.set(p.phrase, list);
}

interface Match {
  start: number; // token index in the line
  end: number;
  entries: MinedPhrase[];
}

function predict(lines: string[], nestedSuppression: boolean, minCount: number): ScoredCode[] {
  const best = new Map<string, number>();
  for (const line of lines) {
    const toks = phraseTokens(line).map((t) => t.token);
    const matches: Match[] = [];
    for (let i = 0; i < toks.length; i++) {
      let g = '';
      for (let len = 1; len <= 6 && i + len <= toks.length; len++) {
        g = len === 1 ? toks[i]! : `${g} ${toks[i + len - 1]!}`;
        const entries = byPhrase.get(g)?.filter((e) => e.count >= minCount);
        if (entries && entries.length > 0) matches.push({ start: i, end: i + len, entries });
      }
    }
    for (const m of matches) {
      if (
        nestedSuppression &&
        matches.some(
          (o) =>
            o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start,
        )
      ) {
        continue;
      }
      for (const e of m.entries) best.set(e.code, Math.max(best.get(e.code) ?? 0, e.precision));
    }
  }
  return [...best].sort((a, b) => b[1] - a[1]).map(([code, score]) => ({ code, score }));
}

const lines: string[] = [];
const out = (s = ''): void => {
  lines.push(s);
};

// Ceilings.
let pairs = 0;
let inTrain = 0;
let inTable = 0;
const tableCodes = new Set(stats.phrases.map((p) => p.code));
const chapters = new Map<string, number>();
let threeChar = 0;
let threeCharHeader = 0;
let threeCharBillable = 0;
let notInOrderFile = 0;
const headerCodes = new Set<string>();
for (const codes of gold.values()) {
  for (const c of codes) {
    pairs += 1;
    if ((trainDocFreq.get(c) ?? 0) > 0) inTrain += 1;
    if (tableCodes.has(c)) inTable += 1;
    chapters.set(c[0]!, (chapters.get(c[0]!) ?? 0) + 1);
    if (!titles.has(c)) notInOrderFile += 1;
    if (c.length === 3) {
      threeChar += 1;
      const hasChildren = [...titles.keys()].some((k) => k.length > 3 && k.startsWith(c));
      if (hasChildren) {
        threeCharHeader += 1;
        headerCodes.add(c);
      } else threeCharBillable += 1;
    }
  }
}
const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
out(
  `DEV: ${gold.size} documents, ${pairs} gold diagnosis (doc, code) pairs, ${new Set([...gold.values()].flatMap((s) => [...s])).size} distinct codes`,
);
out(`  code occurs in train (memorisation recall ceiling): ${inTrain} (${pct(inTrain, pairs)})`);
out(`  code has a mined phrase:                           ${inTable} (${pct(inTable, pairs)})`);
out(
  `  code not in the ICD-10-CM 2025 order file:         ${notInOrderFile} (${pct(notInOrderFile, pairs)})`,
);
out(
  `  3-character codes: ${threeChar} (${pct(threeChar, pairs)}): ${threeCharBillable} billable without children (R52, I10...), ` +
    `${threeCharHeader} category-level headers (${[...headerCodes].slice(0, 12).join(' ')}...)`,
);
out(
  '  chapters (first letter): ' +
    [...chapters]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${pct(v, pairs)}`)
      .join(', '),
);
out();
out(
  `phrase table: ${stats.phrases.length} entries; train mining summary ${JSON.stringify(stats.summary)}`,
);
out();

// The lookup coder.
const results: Array<{ label: string; f1: number; text: string }> = [];
for (const nested of [false, true]) {
  for (const minCount of [1, 2]) {
    const preds = new Map(dev.docs.map((d) => [d.id, predict(d.englishLines, nested, minCount)]));
    for (const threshold of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]) {
      const r = scoreCoding(gold, preds, { trainDocFreq, setThreshold: threshold });
      const label = `nested-suppression=${nested} minCount=${minCount} threshold=${threshold}`;
      out(
        `${label.padEnd(52)} P ${r.exact.precision.toFixed(3)} R ${r.exact.recall.toFixed(3)} F1 ${r.exact.f1.toFixed(3)} | cat F1 ${r.category.f1.toFixed(3)} | MAP ${r.map.toFixed(3)}`,
      );
      results.push({
        label,
        f1: r.exact.f1,
        text: formatEvalReport(r, `Phrase-table lookup on CodiEsp dev (${label})`),
      });
    }
  }
}
const top = results.sort((a, b) => b.f1 - a.f1)[0];
if (top) {
  out();
  out(top.text);
}
console.log(lines.join('\n'));
