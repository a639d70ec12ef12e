/**
 * `npm run bench`: speed and size of the core in Node, each beside a
 * baseline measured in the same run. Not part of `npm test`.
 *
 * Measures pack, lexicon and ranker load, coder and search-index build; warm ms per note over
 * CodiEsp dev (English) and over synthetic 300-, 1,500- and 10,000-word notes, with the time
 * per engine stage; one 1 MB note; as-you-type search latency; peak RSS; dist sizes; and a CPU
 * profile of the coding passes. Baselines: a naive title-matching index (build/bench-naive-baseline.ts)
 * and the engine without the learned ranker.
 *
 * Writes bench-results/bench-<date>.json (gitignored) and docs/BENCHMARKS.md. No note text is
 * ever printed: the synthetic notes are generated (build/bench-synthetic-notes.ts) and CodiEsp
 * notes are only counted and timed.
 *
 *   npm run bench                 # build, then node dist/tools/bench.mjs
 *   node dist/tools/bench.mjs --quick --no-docs
 */
import { execFileSync } from 'node:child_process';
import { cliFigures, type CliFigures } from './bench-cli.js';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { deflateRawSync } from 'node:zlib';
import { loadOntology, type Ontology } from '../src/ontology/ontology.js';
import type { TerminologyPack } from '../src/ontology/pack-format.js';
import { createCoder, type Coder } from '../src/engine/create-coder.js';
import type { SerializedDictionary } from '../src/engine/term-dictionary.js';
import { CodeRanker, type RankerModel } from '../src/engine/code-ranker.js';
import { readLexiconPack, type LexiconPack } from '../src/context/lexicon-pack.js';
import type { CodingOptions } from '../src/engine/coding-types.js';
import { parseCodiespCodes } from '../src/eval/parse-codiesp-gold.js';
import { scoreCoding, type RankedCode } from '../src/eval/score-coding.js';
import { dataDir, repoRoot } from './read-codiesp.js';
import { buildNaiveBaseline, type NaiveBaseline } from './bench-naive-baseline.js';
import { countWords, syntheticNote, syntheticNoteOfSize } from './bench-synthetic-notes.js';
import {
  fmtBytes,
  fmtMs,
  markdownTable,
  median,
  round,
  summarize,
  type Summary,
} from './bench-stats.js';
import { profile, summarizeProfile, type ProfileSummary } from './bench-profile.js';
import { loadModelFromDisk, modelCoderOf } from '../cli/load-model.js';
import type { ModelCoder } from '../src/engine/model-coder.js';

const argv = new Set(process.argv.slice(2));
const QUICK = argv.has('--quick');
const WRITE_DOCS = !argv.has('--no-docs');
const PROFILE = !argv.has('--no-profile');
const TARGET_MS_300 = 10;

const root = repoRoot();
const packPath = path.join(root, 'dist', 'packs', 'icd10cm-2025-april.json');
const lexiconPath = path.join(root, 'dist', 'packs', 'lexicons.json');
const rankerPath = [
  path.join(root, 'dist', 'models', 'code-ranker.json'),
  path.join(root, 'models', 'code-ranker.json'),
].find(existsSync);

// ---------------------------------------------------------------- memory sampling

// A forced full GC between phases (never inside a timed region) keeps one phase's garbage
// from being collected on the next phase's clock, and lets the samples report the live heap.
v8.setFlagsFromString('--expose-gc');
const forceGc = vm.runInNewContext('gc') as () => void;

const rssSamples: Array<{ at: string; rssMiB: number; liveHeapMiB: number }> = [];
let peakRss = 0;
/** RSS as the phase left it (garbage included), then the live heap after a full GC. */
function sampleRss(at: string): void {
  const rss = process.memoryUsage.rss();
  peakRss = Math.max(peakRss, rss);
  forceGc();
  rssSamples.push({
    at,
    rssMiB: round(rss / 2 ** 20, 1),
    liveHeapMiB: round(process.memoryUsage().heapUsed / 2 ** 20, 1),
  });
}
/** Cheap RSS check inside hot loops (process.memoryUsage.rss() does not walk the heap). */
function touchRss(): void {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}

function time<T>(work: () => T): [T, number] {
  const t0 = performance.now();
  const value = work();
  return [value, performance.now() - t0];
}

function progress(msg: string): void {
  process.stderr.write(`bench: ${msg}\n`);
}

// ---------------------------------------------------------------- machine

function machine(): Record<string, string | number> {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpuModel = m[1]!.trim();
  } catch {
    // not Linux
  }
  let nproc = os.availableParallelism();
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // no nproc
  }
  return {
    nproc,
    cpuModel,
    ramGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

function loadAvg(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

// ---------------------------------------------------------------- loading

interface LoadTimings {
  packBytes: number;
  packReadMs: number;
  packParseMs: number;
  loadOntologyMs: number;
  lexiconReadParseMs: number;
  rankerReadParseMs: number;
  rankerConstructMs: number;
  dictionaryReadParseMs: number;
  coderBuildMs: number;
  coderBuildNoRankerMs: number;
  /** createCoder without the prebuilt dictionary (what a new terminology costs on first load). */
  dictionaryFromScratchMs: number;
  searchIndexBuildMs: number;
  naiveBaselineBuildMs: number;
  /** The neural linker (absent without its model files): everything, the ORT session, the code embeddings. */
  modelLoadMs?: number;
  modelSessionMs?: number;
  modelCodeEmbeddingsMs?: number;
}

/** Named so that the load profile shows them by name. */
function readPack(): string {
  return readFileSync(packPath, 'utf8');
}
function parsePack(raw: string): TerminologyPack {
  return JSON.parse(raw) as TerminologyPack;
}

interface Loaded {
  ontology: Ontology;
  /** Every code title, lower-cased (the naive search baseline scans them). */
  titlesLower: string[];
  lexicons: LexiconPack | undefined;
  ranker: RankerModel | undefined;
  engine: Coder;
  noRanker: Coder;
  naive: NaiveBaseline;
  timings: LoadTimings;
}

function loadEverything(): Loaded {
  if (!existsSync(packPath))
    throw new Error(
      `bench: expected the terminology pack at ${packPath}, found none. Run "npm run build" first.`,
    );
  const [raw, packReadMs] = time(() => readPack());
  const [pack, packParseMs] = time(() => parsePack(raw));
  const [ontology, loadOntologyMs] = time(() => loadOntology(pack));
  sampleRss('pack loaded');
  const [lexicons, lexiconReadParseMs] = time(() =>
    existsSync(lexiconPath)
      ? readLexiconPack(JSON.parse(readFileSync(lexiconPath, 'utf8')))
      : undefined,
  );
  if (!lexicons)
    progress(`no lexicon pack at ${lexiconPath}; the engine runs with its built-in rules`);
  const [ranker, rankerReadParseMs] = time(() =>
    rankerPath ? (JSON.parse(readFileSync(rankerPath, 'utf8')) as RankerModel) : undefined,
  );
  if (!ranker) progress('no models/code-ranker.json; "engine" and "no ranker" are the same');
  const [, rankerConstructMs] = time(() => (ranker ? new CodeRanker(ranker) : undefined));
  // The prebuilt term dictionary, as the CLI and the extension load it (build/pack-dictionary.ts).
  const dictionaryPath = path.join(path.dirname(packPath), 'dictionary-2025-april.json');
  const [prebuilt, dictionaryReadParseMs] = time(() =>
    existsSync(dictionaryPath)
      ? (JSON.parse(readFileSync(dictionaryPath, 'utf8')) as SerializedDictionary)
      : undefined,
  );
  if (!prebuilt)
    progress(`no prebuilt dictionary at ${dictionaryPath}; the coder builds it from the pack`);
  const base = { ...(lexicons ? { lexicons } : {}), ...(prebuilt ? { prebuilt } : {}) };
  const [engine, coderBuildMs] = time(() =>
    createCoder(ontology, { ...base, ...(ranker ? { ranker } : {}) }),
  );
  sampleRss('coder built');
  const [noRanker, coderBuildNoRankerMs] = time(() => createCoder(ontology, base));
  const [, dictionaryFromScratchMs] = time(() =>
    createCoder(ontology, lexicons ? { lexicons } : {}),
  );
  const [, searchIndexBuildMs] = time(() => ontology.warmSearch());
  sampleRss('search index built');
  const [naive, naiveBaselineBuildMs] = time(() => buildNaiveBaseline(pack));
  sampleRss('baselines built');
  return {
    ontology,
    titlesLower: pack.titles.map((t) => t.toLowerCase()),
    lexicons,
    ranker,
    engine,
    noRanker,
    naive,
    timings: {
      packBytes: Buffer.byteLength(raw),
      packReadMs,
      packParseMs,
      loadOntologyMs,
      lexiconReadParseMs,
      rankerReadParseMs,
      rankerConstructMs,
      dictionaryReadParseMs,
      coderBuildMs,
      dictionaryFromScratchMs,
      coderBuildNoRankerMs,
      searchIndexBuildMs,
      naiveBaselineBuildMs,
    },
  };
}

// ---------------------------------------------------------------- coding passes

interface VariantOutput {
  stages?: Record<string, number>;
  codes: RankedCode[];
}

interface Variant {
  name: string;
  /** Synchronous for the dictionary paths; the neural linker's path awaits ONNX Runtime. */
  code(text: string): VariantOutput | Promise<VariantOutput>;
}

function engineVariant(name: string, coder: Coder, options: CodingOptions): Variant {
  return {
    name,
    code(text) {
      const r = coder.code(text, options);
      return {
        ...(r.timings ? { stages: r.timings } : {}),
        codes: r.codes.map((c) => ({ code: c.code, score: c.score })),
      };
    },
  };
}

/** The default path of the CLI and the extension: the dictionary coder with the neural linker. */
function modelVariant(name: string, coder: ModelCoder, options: CodingOptions): Variant {
  return {
    name,
    async code(text) {
      const r = await coder.code(text, options);
      return { codes: r.codes.map((c) => ({ code: c.code, score: c.score })) };
    },
  };
}

function naiveVariant(naive: NaiveBaseline): Variant {
  return { name: 'naive baseline', code: (text) => ({ codes: naive.code(text) }) };
}

interface VariantResult {
  perNote: Summary;
  /** Total words over total ms of the measured passes. */
  wordsPerMs: number;
  /** Mean ms per note in each engine stage, and its share of the stage total. */
  stages: Record<string, { ms: number; share: number }>;
}

/**
 * Times every variant over `notes`: `warmup` untimed passes, then `passes` timed ones, the
 * variants interleaved note by note so machine load falls on all of them alike.
 */
async function measure(
  variants: readonly Variant[],
  notes: readonly string[],
  passes: number,
  warmup = 1,
): Promise<Map<string, VariantResult>> {
  const words = notes.reduce((s, n) => s + countWords(n), 0);
  for (let w = 0; w < warmup; w++)
    for (const note of notes) for (const v of variants) await v.code(note);
  const samples = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  const stageSums = new Map<string, Map<string, number>>(variants.map((v) => [v.name, new Map()]));
  for (let p = 0; p < passes; p++) {
    for (const note of notes) {
      for (const v of variants) {
        const t0 = performance.now();
        const r = await v.code(note);
        samples.get(v.name)!.push(performance.now() - t0);
        const sums = stageSums.get(v.name)!;
        for (const [stage, ms] of Object.entries(r.stages ?? {}))
          sums.set(stage, (sums.get(stage) ?? 0) + ms);
      }
      touchRss();
    }
  }
  const out = new Map<string, VariantResult>();
  for (const v of variants) {
    const s = samples.get(v.name)!;
    const total = s.reduce((a, b) => a + b, 0);
    const sums = stageSums.get(v.name)!;
    const stageTotal = [...sums.values()].reduce((a, b) => a + b, 0);
    const stages: VariantResult['stages'] = {};
    for (const [stage, ms] of sums)
      stages[stage] = {
        ms: round(ms / s.length, 4),
        share: round(stageTotal ? ms / stageTotal : 0, 3),
      };
    out.set(v.name, {
      perNote: summarize(s),
      wordsPerMs: round((words * passes) / total, 1),
      stages,
    });
  }
  return out;
}

/** Predictions of one variant over the CodiEsp dev notes, scored as `marginalia eval` does. */
async function codiespAccuracy(
  variant: Variant,
  docs: ReadonlyArray<{ id: string; text: string }>,
  gold: ReturnType<typeof parseCodiespCodes>,
) {
  const predictions = new Map<string, RankedCode[]>();
  for (const d of docs) predictions.set(d.id, (await variant.code(d.text)).codes);
  const r = scoreCoding(gold, predictions);
  return {
    exactF1: round(r.exact.f1),
    exactP: round(r.exact.precision),
    exactR: round(r.exact.recall),
    categoryF1: round(r.category.f1),
    map: round(r.map),
  };
}

// ---------------------------------------------------------------- search

const SEARCH_QUERIES = [
  'diabetes with ckd',
  'type 2 diabetes with hyperglycemia',
  'stemi inferior wall',
  'nstemi',
  'chf exacerbation',
  'atrial fibrillation',
  'copd with acute exacerbation',
  'community acquired pneumonia',
  'urinary tract infection',
  'essential hypertension',
  'hyperlipidemia mixed',
  'major depressive disorder recurrent',
  'acute kidney injury',
  'sepsis due to e coli',
  'fracture of left femur',
  'low back pain',
  'iron deficiency anemia',
  'E11.2',
  'I21.1',
  'J44',
];

/** The search baseline: every title that contains the typed text, first 20 in code order. */
function naiveTitleSearch(titlesLower: readonly string[], query: string): number[] {
  const q = query.trim().toLowerCase();
  const out: number[] = [];
  for (let i = 0; i < titlesLower.length; i++) if (titlesLower[i]!.includes(q)) out.push(i);
  return out.slice(0, 20);
}

function searchLatency(ontology: Ontology, titlesLower: readonly string[], passes: number) {
  const prefixes = SEARCH_QUERIES.flatMap((q) =>
    Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)).filter((p) => !p.endsWith(' ')),
  );
  for (let w = 0; w < 2; w++) for (const p of prefixes) ontology.search(p, { limit: 20 });
  const all: number[] = [];
  // CPU time of this process per call beside the wall time: on a loaded machine a call's wall
  // time includes the time the OS gave other processes (issue 15: the max was such a call).
  const cpu: number[] = [];
  const byQuery: Record<string, Summary> = {};
  for (const q of SEARCH_QUERIES) {
    const mine: number[] = [];
    const ps = Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)).filter(
      (p) => !p.endsWith(' '),
    );
    for (let r = 0; r < passes; r++) {
      for (const p of ps) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        ontology.search(p, { limit: 20 });
        const dt = performance.now() - t0;
        const dc = process.cpuUsage(c0);
        mine.push(dt);
        all.push(dt);
        cpu.push((dc.user + dc.system) / 1000);
      }
    }
    byQuery[q] = summarize(mine);
  }
  // The naive baseline over the same prefixes, one pass.
  const naive: number[] = [];
  for (const p of prefixes) {
    const t0 = performance.now();
    naiveTitleSearch(titlesLower, p);
    naive.push(performance.now() - t0);
  }
  touchRss();
  return {
    queries: SEARCH_QUERIES.length,
    prefixes: prefixes.length,
    calls: all.length,
    overall: summarize(all),
    overallCpu: summarize(cpu),
    byQuery,
    naiveBaseline: summarize(naive),
  };
}

// ---------------------------------------------------------------- sizes

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

function sizes() {
  const ext = path.join(root, 'dist', 'extension');
  const extFiles = filesUnder(ext);
  const extBytes = extFiles.reduce((s, f) => s + statSync(f).size, 0);
  // Per-file raw deflate at level 9, plus about 100 bytes of zip headers per file.
  const extDeflateEstimate = extFiles.reduce(
    (s, f) => s + deflateRawSync(readFileSync(f), { level: 9 }).length + 100,
    0,
  );
  let extZipBytes: number | null = null;
  try {
    const zipPath = path.join(os.tmpdir(), `marginalia-bench-${process.pid}.zip`);
    rmSync(zipPath, { force: true });
    execFileSync('zip', ['-q', '-r', '-9', zipPath, '.'], { cwd: ext, stdio: 'ignore' });
    extZipBytes = statSync(zipPath).size;
    rmSync(zipPath, { force: true });
  } catch {
    // no zip command: the deflate estimate stands
  }
  const largest = extFiles
    .map((f) => ({ file: path.relative(ext, f), bytes: statSync(f).size }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 4);
  const modelsBytes = filesUnder(path.join(root, 'models')).reduce(
    (s, f) => s + statSync(f).size,
    0,
  );
  const packGz = `${packPath}.gz`;
  return {
    extensionFiles: extFiles.length,
    extensionBytes: extBytes,
    extensionDeflateEstimateBytes: extDeflateEstimate,
    extensionZipBytes: extZipBytes,
    extensionLargest: largest,
    modelsBytes,
    packJsonBytes: existsSync(packPath) ? statSync(packPath).size : null,
    packGzBytes: existsSync(packGz) ? statSync(packGz).size : null,
  };
}

// ---------------------------------------------------------------- main

function readCodiespDev():
  | { docs: Array<{ id: string; text: string }>; gold: ReturnType<typeof parseCodiespCodes> }
  | undefined {
  const dev = path.join(dataDir(), 'codiesp', 'dev');
  const textDir = path.join(dev, 'text_files_en');
  const goldPath = path.join(dev, 'devD.tsv');
  if (!existsSync(textDir) || !existsSync(goldPath)) {
    progress(`CodiEsp dev not found under ${dev}; skipping the CodiEsp rows (set MARGINALIA_DATA)`);
    return undefined;
  }
  const docs = readdirSync(textDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({
      id: f.replace(/\.txt$/, ''),
      text: readFileSync(path.join(textDir, f), 'utf8'),
    }));
  return { docs, gold: parseCodiespCodes(readFileSync(goldPath, 'utf8')) };
}

async function main(): Promise<void> {
  const started = new Date();
  const loadStart = loadAvg();
  progress(`load average ${loadStart}; ${QUICK ? 'quick run' : 'full run'}`);
  sampleRss('start');

  progress('loading pack, lexicons, ranker; building coder and search index');
  const loaded = loadEverything();
  const { ontology, engine, noRanker, naive } = loaded;
  // The neural linker, as the CLI loads it: onnxruntime-web's WASM build in Node, one thread.
  const modelStarted = performance.now();
  const model = await loadModelFromDisk(path.dirname(packPath));
  const modelCoder = model ? modelCoderOf(engine, model) : undefined;
  if (model) {
    loaded.timings.modelLoadMs = performance.now() - modelStarted;
    loaded.timings.modelSessionMs = model.loadMs.session;
    loaded.timings.modelCodeEmbeddingsMs = model.loadMs.codeEmbeddings;
  } else progress('no linker model; the "engine + linker" rows are left out');
  sampleRss('linker loaded');

  const mentions: CodingOptions = { scope: 'mentions', setting: 'inpatient' };
  const reportable: CodingOptions = { scope: 'reportable' };
  const variantsFor = (options: CodingOptions): Variant[] => [
    ...(modelCoder ? [modelVariant('engine + linker', modelCoder, options)] : []),
    engineVariant('engine', engine, options),
    engineVariant('engine, no ranker', noRanker, options),
    naiveVariant(naive),
  ];

  // CodiEsp dev, mentions scope (how it is scored).
  const codiesp = readCodiespDev();
  let codiespResult:
    | {
        notes: number;
        meanWords: number;
        passes: number;
        timing: Record<string, VariantResult>;
        accuracy: Record<string, Awaited<ReturnType<typeof codiespAccuracy>>>;
      }
    | undefined;
  if (codiesp) {
    const passes = QUICK ? 2 : 6;
    progress(`CodiEsp dev: ${codiesp.docs.length} notes x ${passes} passes`);
    const texts = codiesp.docs.map((d) => d.text);
    forceGc();
    const timing = await measure(variantsFor(mentions), texts, passes);
    const accuracy: Record<string, Awaited<ReturnType<typeof codiespAccuracy>>> = {};
    for (const v of variantsFor(mentions))
      accuracy[v.name] = await codiespAccuracy(v, codiesp.docs, codiesp.gold);
    codiespResult = {
      notes: texts.length,
      meanWords: round(texts.reduce((s, t) => s + countWords(t), 0) / texts.length, 1),
      passes,
      timing: Object.fromEntries(timing),
      accuracy,
    };
    sampleRss('CodiEsp passes done');
  }

  // Synthetic notes, reportable scope (what the panel asks for).
  const synthetic: Record<
    string,
    { notes: number; meanWords: number; passes: number; timing: Record<string, VariantResult> }
  > = {};
  const plan: Array<[number, number, number]> = QUICK
    ? [
        [300, 10, 5],
        [1500, 6, 3],
        [10_000, 3, 2],
      ]
    : [
        [300, 20, 20],
        [1500, 12, 10],
        [10_000, 4, 5],
      ];
  for (const [words, count, passes] of plan) {
    const notes = Array.from({ length: count }, (_, i) => syntheticNote(words, 1000 * words + i));
    progress(`synthetic ${words}-word notes: ${count} notes x ${passes} passes`);
    forceGc();
    const timing = await measure(variantsFor(reportable), notes, passes);
    synthetic[String(words)] = {
      notes: count,
      meanWords: round(notes.reduce((s, t) => s + countWords(t), 0) / count, 1),
      passes,
      timing: Object.fromEntries(timing),
    };
  }
  sampleRss('synthetic passes done');

  // One 1 MB note, once (must finish).
  const big = syntheticNoteOfSize(1_000_000, 77);
  progress(`1 MB note (${big.length} characters), once`);
  const [bigResult, bigMs] = time(() => engine.code(big, reportable));
  const [, bigNaiveMs] = time(() => naive.code(big));
  const oneMb = {
    chars: big.length,
    words: countWords(big),
    ms: round(bigMs, 1),
    codes: bigResult.codes.length + bigResult.flagged.length,
    stages: Object.fromEntries(
      Object.entries(bigResult.timings ?? {}).map(([k, v]) => [k, round(v, 1)]),
    ),
    naiveMs: round(bigNaiveMs, 1),
  };
  sampleRss('1 MB note coded');

  progress('search latency (as-you-type prefixes)');
  const search = searchLatency(ontology, loaded.titlesLower, QUICK ? 3 : 10);
  sampleRss('search done');

  // Peak memory of one loaded core doing its work, before the reloads below add a second pack.
  const memory = {
    peakRssSampledMiB: round(peakRss / 2 ** 20, 1),
    maxRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
    samples: rssSamples,
  };

  // The CLI in child processes: start-up, and --dir on one thread against --jobs N.
  let cli: CliFigures | null = null;
  if (codiesp) {
    progress(
      `CLI: start-up to the first coded note, code --dir on one thread and on ${os.availableParallelism()}`,
    );
    cli = cliFigures(root, path.join(dataDir(), 'codiesp', 'dev', 'text_files_en'), QUICK);
  }

  // Warm reloads of the pack (after the cold one above), for the JIT-warm parse and build cost;
  // the heap still holds the first pack, so GC makes these noisier than the cold load.
  const reloads: number[] = [];
  const rebuilds: number[] = [];
  for (let i = 0; i < (QUICK ? 1 : 3); i++) {
    forceGc();
    const [pack, ms] = time(() => loadOntology(parsePack(readPack())));
    reloads.push(ms);
    const [, b] = time(() =>
      createCoder(pack, {
        ...(loaded.lexicons ? { lexicons: loaded.lexicons } : {}),
        ...(loaded.ranker ? { ranker: loaded.ranker } : {}),
      }),
    );
    rebuilds.push(b);
    touchRss();
  }
  sampleRss('warm reloads done');

  let prof: ProfileSummary | undefined;
  let buildProf: ProfileSummary | undefined;
  let mentionsProf: ProfileSummary | undefined;
  let searchProf: ProfileSummary | undefined;
  if (PROFILE) {
    mkdirSync(path.join(root, 'bench-results'), { recursive: true });
    const profilePasses = QUICK ? 1 : 2;
    progress(
      'CPU profile of coding, reportable scope (synthetic 300- and 1,500-word notes, CodiEsp dev)',
    );
    const productNotes = [
      ...Array.from({ length: 20 }, (_, i) => syntheticNote(300, 300_000 + i)),
      ...Array.from({ length: 8 }, (_, i) => syntheticNote(1500, 1_500_000 + i)),
      ...(codiesp?.docs.map((d) => d.text) ?? []),
    ];
    forceGc();
    const raw = await profile(() => {
      for (let p = 0; p < profilePasses; p++)
        for (const n of productNotes) engine.code(n, reportable);
    });
    prof = summarizeProfile(raw, 20, root, 6);
    writeFileSync(
      path.join(root, 'bench-results', 'bench-latest-reportable.cpuprofile'),
      JSON.stringify(raw),
    );
    if (codiesp) {
      progress('CPU profile of coding, mentions scope (CodiEsp dev)');
      forceGc();
      const rawMentions = await profile(() => {
        for (let p = 0; p < profilePasses; p++)
          for (const d of codiesp.docs) engine.code(d.text, mentions);
      });
      mentionsProf = summarizeProfile(rawMentions, 20, root, 3);
      writeFileSync(
        path.join(root, 'bench-results', 'bench-latest-mentions.cpuprofile'),
        JSON.stringify(rawMentions),
      );
    }
    progress('CPU profile of one load: JSON.parse + loadOntology + createCoder + search index');
    const rawBuild = await profile(() => {
      const onto = loadOntology(parsePack(readPack()));
      createCoder(onto, {
        ...(loaded.lexicons ? { lexicons: loaded.lexicons } : {}),
        ...(loaded.ranker ? { ranker: loaded.ranker } : {}),
      });
      onto.warmSearch();
    }, 500);
    buildProf = summarizeProfile(rawBuild, 20, root);
    writeFileSync(
      path.join(root, 'bench-results', 'bench-latest-load.cpuprofile'),
      JSON.stringify(rawBuild),
    );
    progress('CPU profile of as-you-type search');
    const prefixes = SEARCH_QUERIES.flatMap((q) =>
      Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)),
    );
    const rawSearch = await profile(() => {
      for (let p = 0; p < 3; p++) for (const q of prefixes) ontology.search(q, { limit: 20 });
    });
    searchProf = summarizeProfile(rawSearch, 20, root);
    writeFileSync(
      path.join(root, 'bench-results', 'bench-latest-search.cpuprofile'),
      JSON.stringify(rawSearch),
    );
  }

  const sz = sizes();
  const loadEnd = loadAvg();
  const result = {
    date: started.toISOString(),
    gitCommit: gitCommit(),
    machine: { ...machine(), loadAverageStart: loadStart, loadAverageEnd: loadEnd },
    quick: QUICK,
    devInSample:
      (loaded.ranker?.meta as { dev?: { heldOut?: boolean } } | undefined)?.dev?.heldOut === false,
    load: {
      ...Object.fromEntries(Object.entries(loaded.timings).map(([k, v]) => [k, round(v, 1)])),
      warmReloadMs: round(median(reloads), 1),
      warmCoderRebuildMs: round(median(rebuilds), 1),
    },
    codiespDev: codiespResult ?? null,
    synthetic,
    oneMbNote: oneMb,
    search,
    cli,
    memory,
    sizes: sz,
    profile: prof ?? null,
    mentionsProfile: mentionsProf ?? null,
    loadProfile: buildProf ?? null,
    searchProfile: searchProf ?? null,
  };

  const stamp = started
    .toISOString()
    .replace(/:\d\d\.\d+Z$/, '')
    .replace(':', '');
  mkdirSync(path.join(root, 'bench-results'), { recursive: true });
  const jsonPath = path.join(root, 'bench-results', `bench-${stamp}.json`);
  writeFileSync(jsonPath, JSON.stringify(result, null, 2) + '\n');

  const report = renderReport(result);
  process.stdout.write(report.tables + '\n');
  if (WRITE_DOCS) {
    const docPath = path.join(root, 'docs', 'BENCHMARKS.md');
    mkdirSync(path.dirname(docPath), { recursive: true });
    const previous = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
    writeFileSync(
      docPath,
      renderDoc(
        report.tables,
        result,
        keptSection(previous, 'analysis'),
        keptSection(previous, 'chromium'),
        keptSection(previous, 'assertions'),
        trailingSections(previous),
      ),
    );
    progress(`wrote ${path.relative(root, jsonPath)} and ${path.relative(root, docPath)}`);
  } else progress(`wrote ${path.relative(root, jsonPath)}`);
}

function gitCommit(): string | null {
  try {
    const git = (...args: string[]): string =>
      execFileSync('git', args, {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    const head = git('rev-parse', '--short', 'HEAD');
    // The bench measures the working tree: say so when the engine has uncommitted changes.
    const dirty = git('status', '--porcelain', '--', 'src', 'cli', 'extension')
      .split('\n')
      .filter(Boolean).length;
    return dirty ? `${head} + ${dirty} uncommitted file(s) in src/, cli/, extension/` : head;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- report

type Result = {
  date: string;
  gitCommit: string | null;
  machine: Record<string, string | number>;
  quick: boolean;
  /** The ranker (and linker) were fitted with dev among their notes: dev accuracy is in-sample. */
  devInSample: boolean;
  load: Record<string, number>;
  codiespDev: {
    notes: number;
    meanWords: number;
    passes: number;
    timing: Record<string, VariantResult>;
    accuracy: Record<
      string,
      { exactF1: number; exactP: number; exactR: number; categoryF1: number; map: number }
    >;
  } | null;
  synthetic: Record<
    string,
    { notes: number; meanWords: number; passes: number; timing: Record<string, VariantResult> }
  >;
  oneMbNote: {
    chars: number;
    words: number;
    ms: number;
    codes: number;
    stages: Record<string, number>;
    naiveMs: number;
  };
  search: {
    queries: number;
    prefixes: number;
    calls: number;
    overall: Summary;
    /** CPU time of the process per call (absent in results from before it was measured). */
    overallCpu?: Summary;
    byQuery: Record<string, Summary>;
    naiveBaseline: Summary;
  };
  cli: CliFigures | null;
  memory: {
    peakRssSampledMiB: number;
    maxRssMiB: number;
    samples: Array<{ at: string; rssMiB: number; liveHeapMiB: number }>;
  };
  sizes: ReturnType<typeof sizes>;
  profile: ProfileSummary | null;
  mentionsProfile: ProfileSummary | null;
  loadProfile: ProfileSummary | null;
  searchProfile: ProfileSummary | null;
};

const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');

/** Issue 15's goals measurable in Node, each beside its baseline from the same run. */
function renderGoals(r: Result): string {
  const rows: string[][] = [];
  const met = (ok: boolean | undefined): string =>
    ok === undefined ? '-' : ok ? 'met' : 'not met';
  const t = r.codiespDev?.timing;
  const m = t?.['engine + linker']?.perNote.median;
  const e = t?.['engine']?.perNote.median;
  if (m !== undefined && e !== undefined)
    rows.push([
      'CodiEsp dev, mentions scope: cost with the linker',
      `${fmtMs(m)} ms per note (${ratio(m, e)} the engine alone)`,
      `engine alone (--no-model) ${fmtMs(e)} ms`,
      '<= 2x',
      met(m / e <= 2),
    ]);
  if (r.cli) {
    const c = r.cli;
    rows.push([
      'CLI: start-up to the first coded note, with the linker',
      `${Math.round(c.startup.withModelMs)} ms`,
      `--no-model ${Math.round(c.startup.noModelMs)} ms`,
      '<= 1000 ms',
      met(c.startup.withModelMs <= 1000),
    ]);
    rows.push([
      `CLI: code --dir, ${c.batch.notes} notes, --jobs ${c.batch.jobs} (output ${c.batch.identicalOutput ? 'identical' : 'DIFFERENT'})`,
      `${Math.round(c.batch.workers.ms)} ms (${c.batch.throughputRatio}x the throughput)`,
      `--jobs 1 ${Math.round(c.batch.oneThread.ms)} ms`,
      '>= 1.8x on 2 cores',
      met(c.batch.identicalOutput && c.batch.throughputRatio >= 1.8),
    ]);
    if (c.batch.oneThread.maxRssMiB !== null)
      rows.push([
        `CLI: peak RSS coding ${c.batch.notes} notes`,
        `${c.batch.oneThread.maxRssMiB} MiB on one thread; ${c.batch.workers.maxRssMiB} MiB with --jobs ${c.batch.jobs}`,
        '-',
        '<= 300 MiB',
        met(c.batch.oneThread.maxRssMiB <= 300),
      ]);
  }
  const s = r.search.overall;
  rows.push([
    'search as you type: p95 / max',
    `${fmtMs(s.p95)} / ${fmtMs(s.max)} ms`,
    `naive title scan ${fmtMs(r.search.naiveBaseline.p95)} / ${fmtMs(r.search.naiveBaseline.max)} ms`,
    '<= 5 / <= 20 ms',
    met(s.p95 <= 5 && s.max <= 20),
  ]);
  const zip = r.sizes.extensionZipBytes ?? r.sizes.extensionDeflateEstimateBytes;
  rows.push([
    'packaged extension: zipped / unpacked',
    `${fmtBytes(zip)} / ${fmtBytes(r.sizes.extensionBytes)}`,
    '-',
    '<= 15 / <= 30 MiB',
    met(zip <= 15 * 2 ** 20 && r.sizes.extensionBytes <= 30 * 2 ** 20),
  ]);
  return markdownTable(['goal (issue 15)', 'measured', 'baseline, same run', 'target', ''], rows);
}

function renderReport(r: Result): { tables: string } {
  const out: string[] = [];
  out.push('### Goals (Node; the Chromium goals are in the Chromium section)\n');
  out.push(renderGoals(r));
  out.push('');
  const L = r.load;
  out.push('### Load and build (cold, once per process)\n');
  out.push(
    markdownTable(
      ['step', 'ms'],
      [
        [`pack read (${fmtBytes(L['packBytes'] ?? 0)})`, fmtMs(L['packReadMs']!)],
        ['pack JSON.parse', fmtMs(L['packParseMs']!)],
        ['loadOntology', fmtMs(L['loadOntologyMs']!)],
        ['lexicons read + parse', fmtMs(L['lexiconReadParseMs']!)],
        ['ranker read + parse', fmtMs(L['rankerReadParseMs']!)],
        ['ranker construct', fmtMs(L['rankerConstructMs']!)],
        ['prebuilt dictionary read + parse', fmtMs(L['dictionaryReadParseMs']!)],
        ['createCoder (prebuilt dictionary, with ranker)', fmtMs(L['coderBuildMs']!)],
        [
          'createCoder (dictionary from the pack, first load of a new release)',
          fmtMs(L['dictionaryFromScratchMs']!),
        ],
        ['createCoder (no ranker, JIT-warm)', fmtMs(L['coderBuildNoRankerMs']!)],
        ['search index build (warmSearch)', fmtMs(L['searchIndexBuildMs']!)],
        ['naive baseline index build', fmtMs(L['naiveBaselineBuildMs']!)],
        ...(L['modelLoadMs'] !== undefined
          ? [
              [
                'neural linker load (model read, ORT session, code embeddings)',
                fmtMs(L['modelLoadMs']),
              ],
              ['  of which ONNX Runtime session creation', fmtMs(L['modelSessionMs']!)],
              [
                '  of which code embeddings read + decode + index',
                fmtMs(L['modelCodeEmbeddingsMs']!),
              ],
            ]
          : []),
        ['warm reload: read + parse + loadOntology (median)', fmtMs(L['warmReloadMs']!)],
        ['warm createCoder rebuild (median)', fmtMs(L['warmCoderRebuildMs']!)],
      ],
    ),
  );

  out.push('\n### Coding: warm ms per note (median / p95), words per ms, ratio to the baselines\n');
  const rows: string[][] = [];
  const addRows = (
    label: string,
    words: number,
    notes: number,
    passes: number,
    t: Record<string, VariantResult>,
  ): void => {
    const e = t['engine']!;
    const nr = t['engine, no ranker']!;
    const nv = t['naive baseline']!;
    const m = t['engine + linker'];
    rows.push([
      label,
      `${Math.round(words)}`,
      `${notes}x${passes}`,
      m ? `${fmtMs(m.perNote.median)} / ${fmtMs(m.perNote.p95)}` : '-',
      `${fmtMs(e.perNote.median)} / ${fmtMs(e.perNote.p95)}`,
      `${e.wordsPerMs}`,
      `${fmtMs(nr.perNote.median)} / ${fmtMs(nr.perNote.p95)}`,
      `${fmtMs(nv.perNote.median)} / ${fmtMs(nv.perNote.p95)}`,
      ratio(e.perNote.median, nr.perNote.median),
      ratio(e.perNote.median, nv.perNote.median),
      m ? ratio(m.perNote.median, nv.perNote.median) : '-',
    ]);
  };
  if (r.codiespDev)
    addRows(
      'CodiEsp dev (mentions)',
      r.codiespDev.meanWords,
      r.codiespDev.notes,
      r.codiespDev.passes,
      r.codiespDev.timing,
    );
  for (const [w, s] of Object.entries(r.synthetic))
    addRows(`synthetic ${w} words`, s.meanWords, s.notes, s.passes, s.timing);
  out.push(
    markdownTable(
      [
        'notes',
        'words',
        'notes x passes',
        'engine + linker ms',
        'engine ms',
        'engine words/ms',
        'no-ranker ms',
        'naive ms',
        'engine / no-ranker',
        'engine / naive',
        'engine + linker / naive',
      ],
      rows,
    ),
  );
  out.push(
    '\n"engine + linker" is the default path of the CLI and the panel (dictionary, ranker and the neural linker in ONNX Runtime Web, WASM, one thread); "engine" is `--no-model`.',
  );
  const s300 =
    r.synthetic['300']?.timing['engine + linker']?.perNote.median ??
    r.synthetic['300']?.timing['engine']?.perNote.median;
  if (s300 !== undefined)
    out.push(
      `\nTarget ≤ ${TARGET_MS_300} ms per 300-word note: ${s300 <= TARGET_MS_300 ? 'met' : 'NOT met'} (median ${fmtMs(s300)} ms).`,
    );
  out.push(
    `\n1 MB note (${r.oneMbNote.chars.toLocaleString('en-US')} characters, ${r.oneMbNote.words.toLocaleString('en-US')} words): engine ${fmtMs(r.oneMbNote.ms)} ms ` +
      `(${Object.entries(r.oneMbNote.stages)
        .map(([k, v]) => `${k} ${fmtMs(v)}`)
        .join(
          ', ',
        )}), ${r.oneMbNote.codes} codes; naive baseline ${fmtMs(r.oneMbNote.naiveMs)} ms.`,
  );

  out.push('\n### Where the time goes (engine, mean ms per note per stage, share)\n');
  const stageNames = new Set<string>();
  const stageSets: Array<[string, Record<string, { ms: number; share: number }>]> = [];
  if (r.codiespDev) stageSets.push(['CodiEsp dev', r.codiespDev.timing['engine']!.stages]);
  for (const [w, s] of Object.entries(r.synthetic))
    stageSets.push([`${w} words`, s.timing['engine']!.stages]);
  for (const [, st] of stageSets) for (const k of Object.keys(st)) stageNames.add(k);
  out.push(
    markdownTable(
      ['stage', ...stageSets.map(([l]) => l)],
      [...stageNames].map((k) => [
        k,
        ...stageSets.map(([, st]) =>
          st[k] ? `${fmtMs(st[k].ms)} (${(st[k].share * 100).toFixed(0)}%)` : '-',
        ),
      ]),
    ),
  );

  if (r.codiespDev) {
    out.push(
      '\n### CodiEsp dev accuracy (mentions scope, exact codes; for reference beside the timing)\n',
    );
    if (r.devInSample) {
      out.push(
        'The shipped models are fitted on CodiEsp train + dev, so these dev figures are **in-sample** (they check that nothing broke, not accuracy on new notes); held-out figures of the same recipe fitted on train only are in models/MODEL_CARD.md and the README.\n',
      );
    }
    out.push(
      markdownTable(
        ['variant', 'micro P', 'micro R', 'micro F1', 'category F1', 'MAP'],
        Object.entries(r.codiespDev.accuracy).map(([k, a]) => [
          k,
          a.exactP.toFixed(3),
          a.exactR.toFixed(3),
          a.exactF1.toFixed(3),
          a.categoryF1.toFixed(3),
          a.map.toFixed(3),
        ]),
      ),
    );
  }

  out.push(
    `\n### Search, as you type (${r.search.queries} queries, ${r.search.prefixes} prefixes, ${r.search.calls} timed calls, limit 20)\n`,
  );
  const worst = Object.entries(r.search.byQuery)
    .sort((a, b) => b[1].p95 - a[1].p95)
    .slice(0, 3);
  out.push(
    markdownTable(
      ['', 'p50 ms', 'p95 ms', 'max ms'],
      [
        [
          'all prefixes',
          fmtMs(r.search.overall.median),
          fmtMs(r.search.overall.p95),
          fmtMs(r.search.overall.max),
        ],
        ...(r.search.overallCpu
          ? [
              [
                'all prefixes, CPU time of the process per call (without time the OS gave others)',
                fmtMs(r.search.overallCpu.median),
                fmtMs(r.search.overallCpu.p95),
                fmtMs(r.search.overallCpu.max),
              ],
            ]
          : []),
        ...worst.map(([q, s]) => [`slowest: "${q}"`, fmtMs(s.median), fmtMs(s.p95), fmtMs(s.max)]),
        [
          'baseline: naive title substring scan, one pass',
          fmtMs(r.search.naiveBaseline.median),
          fmtMs(r.search.naiveBaseline.p95),
          fmtMs(r.search.naiveBaseline.max),
        ],
      ],
    ),
  );

  out.push('\n### Memory and size\n');
  const z = r.sizes;
  out.push(
    markdownTable(
      ['what', 'value'],
      [
        ['peak RSS, sampled (process.memoryUsage().rss)', `${r.memory.peakRssSampledMiB} MiB`],
        ['peak RSS, process.resourceUsage().maxRSS', `${r.memory.maxRssMiB} MiB`],
        ...r.memory.samples.map((x) => [
          `RSS / live heap after GC: ${x.at}`,
          `${x.rssMiB} / ${x.liveHeapMiB} MiB`,
        ]),
        [`dist/extension (${z.extensionFiles} files)`, fmtBytes(z.extensionBytes)],
        [
          'dist/extension zipped (zip -9)',
          z.extensionZipBytes === null ? 'n/a (no zip)' : fmtBytes(z.extensionZipBytes),
        ],
        ['dist/extension, per-file deflate estimate', fmtBytes(z.extensionDeflateEstimateBytes)],
        [
          'largest in dist/extension',
          z.extensionLargest.map((f) => `${f.file} ${fmtBytes(f.bytes)}`).join('; '),
        ],
        ['models/', fmtBytes(z.modelsBytes)],
        [
          'dist/packs pack JSON / .gz',
          `${z.packJsonBytes === null ? 'n/a' : fmtBytes(z.packJsonBytes)} / ${z.packGzBytes === null ? 'n/a' : fmtBytes(z.packGzBytes)}`,
        ],
      ],
    ),
  );

  const renderProfile = (title: string, prof: ProfileSummary, rows: number): void => {
    out.push(`\n### CPU profile: ${title} (${prof.totalMs} ms sampled)\n`);
    out.push(
      markdownTable(
        ['function (source file: name)', 'self ms', 'share'],
        prof.byFunction
          .slice(0, rows)
          .map((x) => [x.where, x.selfMs.toFixed(1), `${(x.share * 100).toFixed(1)}%`]),
      ),
    );
    const hot = Object.entries(prof.hotLines);
    if (hot.length) {
      out.push("\nHottest lines of the top functions (share of that function's samples):\n");
      for (const [where, lines] of hot) {
        out.push(
          `- \`${where}\`: ${lines.map((l) => `${l.where} ${(l.share * 100).toFixed(0)}% \`${l.code.replace(/`/g, "'")}\``).join('; ')}`,
        );
      }
    }
  };
  if (r.profile) {
    renderProfile(
      "coding in reportable scope (the panel's path): synthetic 300- and 1,500-word notes + CodiEsp dev",
      r.profile,
      15,
    );
    out.push('\nBy source file:\n');
    out.push(
      markdownTable(
        ['source file', 'self ms', 'share'],
        r.profile.byFile
          .slice(0, 10)
          .map((x) => [x.where, x.selfMs.toFixed(1), `${(x.share * 100).toFixed(1)}%`]),
      ),
    );
  }
  if (r.mentionsProfile)
    renderProfile(
      'coding in mentions scope (the CodiEsp evaluation path): CodiEsp dev',
      r.mentionsProfile,
      10,
    );
  if (r.loadProfile)
    renderProfile(
      'one load, JIT-warm (readPack + parsePack + loadOntology + createCoder + search index)',
      r.loadProfile,
      12,
    );
  if (r.searchProfile)
    renderProfile('as-you-type search, 3 passes over every prefix', r.searchProfile, 10);
  return { tables: out.join('\n') };
}

/** Hand-written sections of docs/BENCHMARKS.md kept across runs, between their markers. */
const KEPT_SECTIONS: Record<string, string> = {
  analysis: [
    '## Analysis',
    '',
    '_Hand-written reading of the numbers (kept across runs); none yet._',
  ].join('\n'),
  chromium: [
    '## Chromium (extension, whole message path)',
    '',
    '_Written by test/e2e/bench-chromium.mjs, the second half of `npm run bench`: time from',
    '`openPanel` to first codes (cold and warm), offscreen session creation and the extension',
    "processes' memory._",
  ].join('\n'),
  // Written by `npm run bench:context` (build/bench-context.ts).
  assertions:
    '## Assertion benchmark (public examples)\n\n_Not run yet: `npm run build && node dist/tools/bench-context.mjs --write-docs`._',
};

function keptSection(previous: string, name: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = previous.indexOf(start);
  const b = previous.indexOf(end);
  if (a >= 0 && b > a) return previous.slice(a, b + end.length);
  return `${start}\n${KEPT_SECTIONS[name] ?? ''}\n${end}`;
}

function renderDoc(
  tables: string,
  r: Result,
  analysis: string,
  chromium: string,
  assertions: string,
  trailer: string,
): string {
  const m = r.machine;
  return `# Benchmarks

Generated by \`npm run bench\`: the Node part (build/bench.ts → dist/tools/bench.mjs), then the
Chromium part (test/e2e/bench-chromium.mjs, the built extension in Debian's Chromium); the raw numbers of every
run go to \`bench-results/bench-<date>.json\` (not committed). Each speed and size figure stands
beside a baseline measured in the same run; the baselines here are
a naive lexical matcher (every code title whose content words all occur in a sentence,
build/bench-naive-baseline.ts) and the engine without its learned ranker.

Notes are timed warm (one untimed pass first), engine variants and baseline interleaved note
by note so machine load falls on all alike. CodiEsp dev is coded in \`mentions\` scope (how it
is scored), the synthetic notes in \`reportable\` scope (what the panel asks for). Synthetic
notes are generated from templates with a fixed seed (build/bench-synthetic-notes.ts); no
note text is logged.

Run: \`npm run bench\` (about 5 minutes on 2 cores), or one part: \`npm run bench:node\` (never
needs a browser; \`node dist/tools/bench.mjs --quick\` after a build for a rough pass,
\`--no-profile\`, \`--no-docs\`) or \`node test/e2e/bench-chromium.mjs [--quick]\` after
\`npm run build\`. The CPU profiles are saved as \`bench-results/bench-latest-*.cpuprofile\` (open
them in Chrome DevTools). The Analysis section is hand-written and kept across runs.

## Latest run

- Date: ${r.date}${r.gitCommit ? ` (commit ${r.gitCommit})` : ''}${r.quick ? ' (quick run)' : ''}
- Machine: ${m['nproc']} CPUs (\`nproc\`), ${m['cpuModel']}, ${m['ramGiB']} GiB RAM, Node ${m['node']}, ${m['platform']}
- Load average (1/5/15 min) at start: ${m['loadAverageStart']}; at end: ${m['loadAverageEnd']}. The machine is shared: treat
  differences under ~20% between runs as noise.

${tables}

${analysis}

${chromium}

${assertions}
${trailer}`;
}

/** Hand-written sections after the last kept one (e.g. reportable coding), kept as they are. */
function trailingSections(previous: string): string {
  const end = '<!-- assertions:end -->';
  const at = previous.indexOf(end);
  return at >= 0 ? previous.slice(at + end.length).replace(/^\n/, '') : '';
}

main().catch((err: unknown) => {
  console.error(`bench: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
