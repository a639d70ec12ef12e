/**
 * Mines the CodiEsp splits the models are fitted on (train and dev by default; see fitSplits in
 * read-codiesp.ts) into `dist/packs/codiesp-train-stats.json`:
 *   (a) diagnosis-code document frequencies (for the eval's frequency buckets);
 *   (b) an English phrase table: for each gold diagnosis of a training document, its Spanish
 *       evidence span is aligned to the English machine translation and the English phrase
 *       that expresses it is extracted (see align-translation.ts), then scored across documents.
 *
 * Reads ONLY those splits, never test (and the ICD-10-CM order file for titles), verifying each file
 * against its folder's SHA256SUMS. Skips the work when the output exists with the same input
 * hash. Also writes `dist/reports/codiesp-mining-choices.tsv` (every extraction, for review).
 *
 * Run alone: npx esbuild build/mine-codiesp.ts --bundle --platform=node --format=esm
 *   --outfile=dist/tools/mine-codiesp.mjs && node dist/tools/mine-codiesp.mjs
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CODIESP_STATS_FORMAT,
  CODIESP_STATS_FORMAT_VERSION,
  type CodiespTrainStats,
  type MinedPhrase,
} from '../src/eval/codiesp-train-stats.js';
import { normalizeCode } from '../src/eval/normalize-code.js';
import { documentFrequencies, parseCodiespCodes } from '../src/eval/parse-codiesp-gold.js';
import {
  alignSentences,
  choosePhrase,
  learnLexicon,
  splitSpanishSentences,
  titleStems,
  tokensOf,
  type Bead,
  type Lexicon,
} from './align-translation.js';
import {
  dataDir,
  MissingCodiespDataError,
  fitSplits,
  readCodiespSplits,
  repoRoot,
  VerifiedReader,
} from './read-codiesp.js';
import { parseOrderFile } from './read-icd10cm-titles.js';

/** Bump when the mining logic changes in a way the script hash would not show. */
const MINER_VERSION = 'mine-codiesp/3';
/** Floors an extraction must clear (tuned by spot checks on train). */
const MIN_COVERAGE = 0.45;
const MIN_PURITY = 0.55;
/** Entries kept in the table: mined in >= 1 document and precision estimate >= this. */
const MIN_PRECISION = 0.1;
const MAX_PHRASE_TOKENS = 6;

/** English n-grams (1..maxLen tokens) per line of a document. */
function documentNgrams(lines: string[], maxLen: number): Set<string> {
  const out = new Set<string>();
  for (const line of lines) {
    const toks = tokensOf(line);
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

function main(): void {
  const t0 = performance.now();
  const root = repoRoot();
  const data = dataDir();
  const outFile = path.join(root, 'dist', 'packs', 'codiesp-train-stats.json');

  const train = readCodiespSplits(fitSplits(), data);
  const icd = new VerifiedReader(data, 'icd10cm');
  const titles = parseOrderFile(icd.read('icd10cm-order-2025-april.txt'));
  const sources = [...train.sources, ...icd.sources];

  let selfHash = '';
  try {
    selfHash = createHash('sha256')
      .update(readFileSync(fileURLToPath(import.meta.url)))
      .digest('hex');
  } catch {
    selfHash = 'unknown';
  }
  const inputHash = createHash('sha256')
    .update(JSON.stringify({ MINER_VERSION, selfHash, sources }))
    .digest('hex');
  if (existsSync(outFile) && process.env['MARGINALIA_MINE_FORCE'] !== '1') {
    try {
      const prev = JSON.parse(readFileSync(outFile, 'utf8')) as Partial<CodiespTrainStats>;
      if (prev.inputHash === inputHash) {
        console.log(`mine-codiesp: up to date (${path.relative(root, outFile)})`);
        return;
      }
    } catch {
      // Rebuild below.
    }
  }

  const gold = parseCodiespCodes(train.diagnosisTsv);
  const headers = new Set<string>();
  for (const code of titles.keys())
    for (let l = 3; l < code.length; l++) headers.add(code.slice(0, l));
  const codeDocFreq = documentFrequencies(gold);
  const docs = new Map(train.docs.map((d) => [d.id, d]));
  for (const id of gold.keys()) {
    if (!docs.has(id))
      throw new Error(
        `mine-codiesp: trainD.tsv names document ${id}, expected a text file for it, found none`,
      );
  }

  // Pass 1: align without a lexicon; learn the lexicon from confident 1-1 beads; pass 2.
  const sentences = new Map(train.docs.map((d) => [d.id, splitSpanishSentences(d.spanish)]));
  const align = (lexicon: Lexicon | null): Map<string, Bead[]> =>
    new Map(
      train.docs.map((d) => [d.id, alignSentences(sentences.get(d.id)!, d.englishLines, lexicon)]),
    );
  const firstPass = align(null);
  const pairs: Array<[string[], string[]]> = [];
  for (const d of train.docs) {
    const sents = sentences.get(d.id)!;
    for (const b of firstPass.get(d.id)!) {
      if (b.es.length === 1 && b.en.length === 1) {
        pairs.push([tokensOf(sents[b.es[0]!]!.text), tokensOf(d.englishLines[b.en[0]!]!)]);
      }
    }
  }
  const lexicon = learnLexicon(pairs);
  const beadsByDoc = align(lexicon);
  let esSentences = 0;
  let esAligned = 0;
  for (const beads of beadsByDoc.values()) {
    for (const b of beads) {
      esSentences += b.es.length;
      if (b.en.length > 0) esAligned += b.es.length;
    }
  }

  // Extract phrases for every diagnosis evidence span.
  const minedDocs = new Map<string, Set<string>>(); // "phrase\tcode" -> doc ids
  const pairHasPhrase = new Set<string>();
  const pairHasSpan = new Set<string>();
  let widened = 0;
  const choices: string[] = ['doc\tcode\tspan\tphrase\tscore\tcoverage\tpurity\tenglish_line'];
  for (const row of train.evidence) {
    if (row.kind !== 'DIAGNOSTICO') continue;
    const doc = docs.get(row.docId);
    if (!doc)
      throw new Error(
        `mine-codiesp: trainX.tsv names document ${row.docId}, expected a text file for it, found none`,
      );
    const code = normalizeCode(row.code);
    const pairKey = `${row.docId}\t${code}`;
    pairHasSpan.add(pairKey);
    const sents = sentences.get(row.docId)!;
    const beads = beadsByDoc.get(row.docId)!;
    const start = row.offsets[0]![0];
    const sentIdx = sents.findIndex((s) => start >= s.start && start < s.end);
    const beadIdx = beads.findIndex((b) => b.es.includes(sentIdx));
    if (beadIdx < 0) continue;
    const lines: Array<{ index: number; text: string; weight: number }> = [];
    const own = beads[beadIdx]!.en;
    for (let k = beadIdx - 2; k <= beadIdx + 2; k++) {
      const b = beads[k];
      if (!b) continue;
      const dist = Math.abs(k - beadIdx);
      const weight =
        dist === 0 ? 1 : own.length === 0 ? (dist === 1 ? 0.9 : 0.8) : dist === 1 ? 0.8 : 0;
      if (weight === 0) continue;
      for (const j of b.en) lines.push({ index: j, text: doc.englishLines[j]!, weight });
    }
    const title = new Set([
      ...titleStems(titles.get(code) ?? ''),
      ...titleStems(titles.get(code.slice(0, 3)) ?? ''),
    ]);
    let choice = choosePhrase(row.text, lines, title, lexicon, MAX_PHRASE_TOKENS);
    if (!choice || choice.coverage < MIN_COVERAGE || choice.purity < MIN_PURITY) {
      // The translation may have moved, merged or dropped the sentence: we want the phrase, not
      // its position, so fall back to the whole document at a lower weight.
      const all = doc.englishLines.map((text, index) => ({ index, text, weight: 0.75 }));
      const wide = choosePhrase(row.text, all, title, lexicon, MAX_PHRASE_TOKENS);
      if (wide && wide.coverage >= MIN_COVERAGE + 0.15 && wide.purity >= MIN_PURITY + 0.15) {
        choice = wide;
        widened += 1;
      }
    }
    if (!choice || choice.coverage < MIN_COVERAGE || choice.purity < MIN_PURITY) {
      choices.push([row.docId, code, row.text, '', '', '', '', ''].join('\t'));
      continue;
    }
    choices.push(
      [
        row.docId,
        code,
        row.text,
        choice.phrase,
        choice.score.toFixed(3),
        choice.coverage.toFixed(2),
        choice.purity.toFixed(2),
        doc.englishLines[choice.line]!,
      ].join('\t'),
    );
    pairHasPhrase.add(pairKey);
    const k = `${choice.phrase}\t${code}`;
    let set = minedDocs.get(k);
    if (!set) minedDocs.set(k, (set = new Set()));
    set.add(row.docId);
  }

  // Cross-document association: in how many training documents does each phrase occur, and
  // in how many of those is the code gold?
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
  for (const [k, mined] of minedDocs) {
    const [phrase, code] = k.split('\t') as [string, string];
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

  let goldPairs = 0;
  let pairsWithPhrase = 0;
  let pairsWithSpan = 0;
  for (const [id, codes] of gold) {
    for (const c of codes) {
      goldPairs += 1;
      if (pairHasSpan.has(`${id}\t${c}`)) pairsWithSpan += 1;
      if (pairHasPhrase.has(`${id}\t${c}`)) pairsWithPhrase += 1;
    }
  }

  const stats: CodiespTrainStats = {
    format: CODIESP_STATS_FORMAT,
    formatVersion: CODIESP_STATS_FORMAT_VERSION,
    split: train.split,
    documents: train.docs.length,
    sources: sources
      .filter((s) => !s.file.includes('/text_files'))
      .concat({
        file: `codiesp/${train.split.includes('+') ? `{${train.split.replace('+', ',')}}` : train.split}/text_files{,_en}/*.txt`,
        sha256: createHash('sha256')
          .update(
            sources
              .filter((s) => s.file.includes('/text_files'))
              .map((s) => s.sha256)
              .join('\n'),
          )
          .digest('hex'),
      }),
    inputHash,
    codeDocFreq: Object.fromEntries([...codeDocFreq].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
    cmHeaderCodes: Object.fromEntries(
      [...codeDocFreq].filter(([c]) => headers.has(c)).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    ),
    phrases,
    summary: {
      goldPairs,
      pairsWithSpan,
      pairsWithPhrase,
      alignedSentenceShare: Math.round((esAligned / Math.max(1, esSentences)) * 1000) / 1000,
      phraseEntries: phrases.length,
    },
  };
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(stats));
  const reportDir = path.join(root, 'dist', 'reports');
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(path.join(reportDir, 'codiesp-mining-choices.tsv'), choices.join('\n') + '\n');
  console.log(
    `mine-codiesp: ${train.docs.length} ${train.split} docs, ${codeDocFreq.size} codes; phrase for ${pairsWithPhrase}/${goldPairs} gold pairs ` +
      `(${pairsWithSpan} with a span); ${phrases.length} phrase entries; lexicon ${lexicon.size} words; ${widened} spans found outside their aligned sentences; ` +
      `${(performance.now() - t0).toFixed(0)} ms -> ${path.relative(root, outFile)}`,
  );
}

try {
  main();
} catch (err) {
  if (err instanceof MissingCodiespDataError && process.env['MARGINALIA_REQUIRE_CODIESP'] !== '1') {
    // The stats are for evaluation and the mined phrase table; a build without the corpus
    // still works, so say so loudly and go on. Checksum mismatches still fail.
    console.warn(`mine-codiesp: skipped, no CodiEsp data. ${err.message}`);
    process.exit(0);
  }
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
