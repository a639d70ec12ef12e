/**
 * Mines the CodiEsp splits the models are fitted on (train and dev by default;
 * MARGINALIA_FIT_SPLITS=train for held-out dev figures) into
 * `dist/packs/codiesp-procedure-phrases.json`: for each gold procedure evidence span, the
 * English phrase of the machine translation that expresses it, scored across documents like
 * the diagnosis phrases (build/mine-codiesp.ts). Never reads the test split.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MinedPhrase } from '../src/eval/codiesp-train-stats.js';
import { parseCodiespCodes } from '../src/eval/parse-codiesp-gold.js';
import {
  PROCEDURE_PHRASES_FORMAT,
  PROCEDURE_PHRASES_FORMAT_VERSION,
  type ProcedurePhraseTable,
} from '../src/pcs/procedure-phrase-table.js';
import { loadPcsTerminology, type PcsTerminology } from '../src/pcs/pcs-terminology.js';
import { phraseTokens } from '../src/eval/phrase-tokens.js';
import { titleStems } from './align-translation.js';
import { alignSplit, extractEvidencePhrase } from './align-codiesp-split.js';
import {
  dataDir,
  fitSplits,
  MissingCodiespDataError,
  readCodiespSplits,
  repoRoot,
  VerifiedReader,
} from './read-codiesp.js';

const MINER_VERSION = 'mine-codiesp-procedures/1';
const MAX_PHRASE_TOKENS = 6;
const MIN_PRECISION = 0.1;
export const PROCEDURE_PHRASES_FILE = 'codiesp-procedure-phrases.json';

function documentNgrams(lines: string[], maxLen: number): Set<string> {
  const out = new Set<string>();
  for (const line of lines) {
    const toks = phraseTokens(line).map((t) => t.token);
    for (let i = 0; i < toks.length; i++) {
      let g = '';
      for (let len = 1; len <= maxLen && i + len <= toks.length; len++) {
        g = len === 1 ? toks[i]! : `${g} ${toks[i + len - 1]!}`;
        out.add(g);
      }
    }
  }
  return out;
}

function titleOf(terms: PcsTerminology, code: string): Set<string> {
  const axes = terms.tables.axes(code) ?? [];
  return titleStems([terms.tables.title(code) ?? '', ...axes.map((a) => a.label)].join(' '));
}

function selfHash(): string {
  try {
    return createHash('sha256')
      .update(readFileSync(fileURLToPath(import.meta.url)))
      .digest('hex');
  } catch {
    return 'unknown';
  }
}

function main(): void {
  const t0 = performance.now();
  const root = repoRoot();
  const data = dataDir();
  const outFile = path.join(root, 'dist', 'packs', PROCEDURE_PHRASES_FILE);
  const pcsFile = path.join(root, 'dist', 'packs', 'icd10pcs-2026.json');
  if (!existsSync(pcsFile)) {
    console.warn(
      `mine-codiesp-procedures: skipped: expected the ICD-10-PCS pack at ${pcsFile} (build/pack-pcs.ts runs first), found none.`,
    );
    return;
  }
  const splits = fitSplits();
  const train = readCodiespSplits(splits, data);
  const reader = new VerifiedReader(data, 'codiesp');
  const goldTsv =
    splits.map((s) => reader.read(`${s}/${s}P.tsv`).replace(/\s+$/, '')).join('\n') + '\n';
  const sources = [...train.sources, ...reader.sources];
  const inputHash = createHash('sha256')
    .update(
      JSON.stringify({
        MINER_VERSION,
        self: selfHash(),
        sources,
        pcs: readFileSync(pcsFile + '.sources', 'utf8'),
      }),
    )
    .digest('hex');
  if (existsSync(outFile) && process.env['MARGINALIA_MINE_FORCE'] !== '1') {
    try {
      if (
        (JSON.parse(readFileSync(outFile, 'utf8')) as Partial<ProcedurePhraseTable>).inputHash ===
        inputHash
      ) {
        console.log(`mine-codiesp-procedures: up to date (${path.relative(root, outFile)})`);
        return;
      }
    } catch {
      // Rebuild below.
    }
  }
  const terms = loadPcsTerminology(JSON.parse(readFileSync(pcsFile, 'utf8')));
  const gold = parseCodiespCodes(goldTsv);
  const docs = new Map(train.docs.map((d) => [d.id, d]));
  const aligned = alignSplit(train.docs);
  const minedDocs = new Map<string, Set<string>>();
  const pairHasSpan = new Set<string>();
  const pairHasPhrase = new Set<string>();
  for (const row of train.evidence) {
    if (row.kind !== 'PROCEDIMIENTO') continue;
    const doc = docs.get(row.docId);
    if (!doc)
      throw new Error(
        `mine-codiesp-procedures: the evidence names document ${row.docId}, expected a text file for it, found none`,
      );
    const code = row.code.toUpperCase();
    pairHasSpan.add(`${row.docId}\t${code}`);
    const choice = extractEvidencePhrase(
      row,
      doc,
      aligned,
      titleOf(terms, code),
      MAX_PHRASE_TOKENS,
    );
    if (!choice) continue;
    pairHasPhrase.add(`${row.docId}\t${code}`);
    const key = `${choice.phrase}\t${code}`;
    let set = minedDocs.get(key);
    if (!set) minedDocs.set(key, (set = new Set()));
    set.add(row.docId);
  }
  const phraseSet = new Set([...minedDocs.keys()].map((k) => k.split('\t')[0]!));
  const phraseDocs = new Map<string, string[]>();
  for (const d of train.docs) {
    for (const g of documentNgrams(d.englishLines, MAX_PHRASE_TOKENS)) {
      if (!phraseSet.has(g)) continue;
      let list = phraseDocs.get(g);
      if (!list) phraseDocs.set(g, (list = []));
      list.push(d.id);
    }
  }
  const phrases: MinedPhrase[] = [];
  for (const [key, mined] of minedDocs) {
    const [phrase, code] = key.split('\t') as [string, string];
    const inDocs = phraseDocs.get(phrase) ?? [];
    const withCode = inDocs.filter((id) => gold.get(id)?.has(code)).length;
    const precision = withCode / (inDocs.length + 1);
    if (precision < MIN_PRECISION) continue;
    phrases.push({
      phrase,
      code,
      count: mined.size,
      docFreqOfPhrase: inDocs.length,
      precision: Math.round(precision * 1000) / 1000,
    });
  }
  phrases.sort((a, b) =>
    a.code < b.code
      ? -1
      : a.code > b.code
        ? 1
        : b.count - a.count || (a.phrase < b.phrase ? -1 : 1),
  );
  const codeDocFreq: Record<string, number> = {};
  for (const codes of gold.values())
    for (const c of codes) codeDocFreq[c] = (codeDocFreq[c] ?? 0) + 1;
  let goldPairs = 0;
  for (const codes of gold.values()) goldPairs += codes.size;
  const table: ProcedurePhraseTable = {
    format: PROCEDURE_PHRASES_FORMAT,
    formatVersion: PROCEDURE_PHRASES_FORMAT_VERSION,
    split: train.split,
    documents: train.docs.length,
    inputHash,
    sources: sources.filter((s) => !s.file.includes('/text_files')),
    codeDocFreq,
    phrases,
    summary: { goldPairs, pairsWithSpan: pairHasSpan.size, pairsWithPhrase: pairHasPhrase.size },
  };
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(table));
  console.log(
    `mine-codiesp-procedures: ${train.docs.length} ${train.split} docs; phrase for ${pairHasPhrase.size}/${goldPairs} gold procedure pairs (${pairHasSpan.size} with a span); ${phrases.length} phrase entries; ${(performance.now() - t0).toFixed(0)} ms -> ${path.relative(root, outFile)}`,
  );
}

try {
  main();
} catch (err) {
  if (err instanceof MissingCodiespDataError && process.env['MARGINALIA_REQUIRE_CODIESP'] !== '1') {
    console.warn(`mine-codiesp-procedures: skipped, no CodiEsp data. ${err.message}`);
    process.exit(0);
  }
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
