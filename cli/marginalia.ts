/**
 * `marginalia`: the command-line face of the core, for lookups, batch coding and evaluation.
 *
 *   marginalia lookup [--json] CODE...
 *   marginalia search [--json] [--limit N] QUERY...
 *   marginalia code [--json] [--scope reportable|mentions] [--setting inpatient|outpatient] [--no-model] [--jobs N] (FILE... | --dir DIR | -)
 *   marginalia eval --gold TSV --texts DIR [--scope mentions] [--train-gold TSV] [--json]
 *   marginalia eval-notes NOTES.json [--verbose] [--kind K] [--no-model] [--json]
 *   marginalia diff OLD_PACK NEW_PACK [--json] [--limit N]
 *   marginalia import-release FILE_OR_ZIP... --out PACK [--base PACK] [--version LABEL] [--json]
 *
 * Note text is read, coded and written to stdout only; nothing is logged or sent anywhere.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  codeOnWorkers,
  type CodeWorkerSetup,
  type FromWorker,
  type ToWorker,
} from './code-workers.js';
import { loadCoreFromDisk, type LoadedCore } from './load-core.js';
import type {
  CareSetting,
  CodingOptions,
  CodingResult,
  CodingScope,
} from '../src/engine/coding-types.js';
import { parseCodiespCodes, documentFrequencies } from '../src/eval/parse-codiesp-gold.js';
import { scoreCoding, formatEvalReport, type RankedCode } from '../src/eval/score-coding.js';
import { semanticSearch } from '../src/ontology/semantic-search.js';
import { looksLikeIcd9Code } from '../src/ontology/icd9-crosswalk.js';
import { EvalNotesUsageError, runEvalNotes } from './eval-notes-command.js';
import {
  formatProcedures,
  loadPcsFromDisk,
  loadProcedureCoderFromDisk,
  looksLikePcsCode,
  lookupPcs,
  NO_PCS_PACK,
  searchPcs,
  type CodeSystemChoice,
} from './pcs-commands.js';
import { formatPcsCodeInfo } from '../src/pcs/lookup-pcs-code.js';
import {
  cmdDiff,
  cmdImportRelease,
  formatIcd9Info,
  loadIcd9Crosswalk,
  lookupIcd9,
  NO_ICD9_PACK,
  TerminologyUsageError,
} from './terminology-commands.js';

const USAGE = `Usage:
  marginalia lookup [--json] CODE...
  marginalia search [--json] [--limit N] [--no-model] [--system cm|pcs|all] QUERY...
  marginalia code [--json] [--scope reportable|mentions] [--setting inpatient|outpatient] [--no-model] [--jobs N] (FILE... | --dir DIR | -)
  marginalia eval --gold TSV --texts DIR [--system cm|pcs] [--scope reportable|mentions] [--train-gold TSV] [--no-model] [--json]
  marginalia eval-notes NOTES.json [--verbose] [--kind K] [--no-model] [--json]
  marginalia diff OLD_PACK NEW_PACK [--json] [--limit N]
  marginalia import-release FILE_OR_ZIP... --out PACK [--base PACK] [--version LABEL] [--json]
lookup and search also take ICD-9-CM codes ("250.00", "V45.81", "E849.0") and show their ICD-10-CM
candidates from the GEMs; a code the ICD-10-CM release has is read as ICD-10-CM. They also take
ICD-10-PCS codes ("0DTJ4ZZ"; a partial code such as "0DT" shows the valid values of the next axis)
and search ICD-10-PCS Index terms, titles and root-operation definitions (--system pcs for only those).
Options:
  --pack FILE   terminology pack (default: dist/packs/icd10cm-2025-april.json, or $MARGINALIA_PACK)
  --no-model    dictionary path without the neural linker
  --no-ranker   rank by dictionary scores, without the learned reranker (models/code-ranker.json)
  --jobs N      code: notes coded on N worker threads, each loading its own coder (default: the
                number of cores; 1 codes in this thread); the output is the same, in input order`;

class UsageError extends Error {}

const CODING_COMMANDS = new Set(['code', 'eval', 'eval-notes']);

interface Args {
  command: string;
  positional: string[];
  flags: Map<string, string | true>;
  /** `code`'s notes, once read. */
  inputs?: Input[];
}

const VALUE_FLAGS = new Set([
  '--system',
  '--kind',
  '--scope',
  '--setting',
  '--dir',
  '--jobs',
  '--gold',
  '--texts',
  '--limit',
  '--pack',
  '--train-gold',
  '--out',
  '--base',
  '--version',
]);

function parseArgs(argv: string[]): Args {
  const [command = '', ...rest] = argv;
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '-' || !a.startsWith('--')) positional.push(a);
    else if (VALUE_FLAGS.has(a)) {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} expects a value.`);
      flags.set(a, v);
    } else if (a.includes('=') && VALUE_FLAGS.has(a.split('=')[0]!))
      flags.set(a.split('=')[0]!, a.slice(a.indexOf('=') + 1));
    else flags.set(a, true);
  }
  return { command, positional, flags };
}

function oneOf<T extends string>(
  flag: string,
  value: string | true | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (value === true || !allowed.includes(value as T)) {
    throw new UsageError(
      `${flag} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}.`,
    );
  }
  return value as T;
}

function defaultPackPath(): string {
  if (process.env.MARGINALIA_PACK) return process.env.MARGINALIA_PACK;
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const base of [
    path.join(here, '..'),
    path.join(here, '..', 'dist'),
    process.cwd(),
    path.join(process.cwd(), 'dist'),
  ]) {
    const p = path.join(base, 'packs', 'icd10cm-2025-april.json');
    if (existsSync(p)) return p;
  }
  return path.join(here, '..', 'packs', 'icd10cm-2025-april.json');
}

function packPathOf(args: Args): string {
  const packFlag = args.flags.get('--pack');
  return typeof packFlag === 'string' ? packFlag : defaultPackPath();
}

function out(line: string): void {
  process.stdout.write(line + '\n');
}

function cmdLookup(core: LoadedCore, args: Args): number {
  if (!args.positional.length) throw new UsageError('lookup expects at least one code.');
  const results = args.positional.map((raw) => {
    const info = core.ontology.lookup(raw);
    if (info) return info;
    const pcs = (): ReturnType<typeof lookupPcs> =>
      lookupPcs(loadPcsFromDisk(path.dirname(packPathOf(args))), raw);
    if (looksLikePcsCode(raw)) return pcs();
    const icd9 = lookupIcd9(raw, packPathOf(args), core.ontology);
    if (icd9) return icd9;
    const procedure = pcs();
    return 'error' in procedure
      ? { code: raw, error: `Unknown code "${raw}" in ICD-10-CM ${core.ontology.version}.` }
      : procedure;
  });
  if (args.flags.has('--json')) out(JSON.stringify(results, null, 2));
  else {
    for (const r of results) {
      if ('error' in r) {
        out(`${r.code}\terror: ${r.error}`);
        continue;
      }
      if ('system' in r && r.system === 'ICD-10-PCS') {
        for (const line of formatPcsCodeInfo(r)) out(line);
        continue;
      }
      if ('system' in r) {
        for (const line of formatIcd9Info(r)) out(line);
        continue;
      }
      out(`${r.code}\t${r.billable ? 'billable' : 'header'}\t${r.title}`);
      out(`  path: ${r.parents.map((p) => p.code).join(' > ')}`);
      for (const [kind, notes] of Object.entries(r.notes)) {
        for (const n of notes ?? [])
          out(`  ${kind}: ${n.text}${n.from !== r.code ? `  [from ${n.from}]` : ''}`);
      }
      if (r.seventhCharacter)
        out(
          `  7th character (${r.seventhCharacter.from}): ${Object.entries(r.seventhCharacter.chars)
            .map(([k, v]) => `${k}=${v}`)
            .join('; ')}`,
        );
      if (r.children.length) out(`  children: ${r.children.join(', ')}`);
    }
  }
  return results.some((r) => 'error' in r) ? 1 : 0;
}

async function cmdSearch(core: LoadedCore, args: Args): Promise<number> {
  const query = args.positional.join(' ');
  if (!query.trim()) throw new UsageError('search expects a query.');
  const limit = Number(args.flags.get('--limit') ?? 20);
  const n = Number.isFinite(limit) && limit > 0 ? limit : 20;
  const system = oneOf<CodeSystemChoice>(
    '--system',
    args.flags.get('--system'),
    ['cm', 'pcs', 'all'],
    'all',
  );
  const procedures =
    system === 'cm' ? [] : searchPcs(loadPcsFromDisk(path.dirname(packPathOf(args))), query, n);
  if (system === 'pcs') {
    if (args.flags.has('--json')) out(JSON.stringify(procedures, null, 2));
    else
      for (const h of procedures)
        out(`${h.code}\tPCS\t${h.score.toFixed(3)}\t${h.title}\t[${h.via}: ${h.matched}]`);
    return 0;
  }
  // An ICD-9-CM code (or prefix such as "250") the ICD-10-CM release does not have: its GEM candidates.
  if (looksLikeIcd9Code(query) && !core.ontology.has(query)) {
    const xw = loadIcd9Crosswalk(packPathOf(args), core.ontology);
    if (!xw) throw new Error(`"${query}" ${NO_ICD9_PACK}`);
    const hits = xw.search(query, { limit: n });
    if (args.flags.has('--json')) out(JSON.stringify(hits, null, 2));
    else
      for (const h of hits)
        out(
          `${h.code}\t${h.billable ? 'B' : 'H'}\t${h.score.toFixed(3)}\t${h.title}\t[${h.via}: ${h.matched}]`,
        );
    return 0;
  }
  const hits = core.model
    ? await semanticSearch(core.ontology, core.model.embedder, core.model.codeIndex, query, {
        limit: n,
      })
    : core.ontology.search(query, { limit: n });
  // Procedures follow the diagnoses, only those that match most of the query.
  const strong = procedures.filter((h) => h.score >= 0.6);
  if (args.flags.has('--json')) out(JSON.stringify([...hits, ...strong], null, 2));
  else {
    for (const h of hits)
      out(
        `${h.code}\t${h.billable ? 'B' : 'H'}\t${h.score.toFixed(3)}\t${h.title}\t[${h.via}: ${h.matched}]`,
      );
    for (const h of strong)
      out(`${h.code}\tPCS\t${h.score.toFixed(3)}\t${h.title}\t[${h.via}: ${h.matched}]`);
  }
  return 0;
}

interface Input {
  file: string;
  text: string;
}

function readInputs(args: Args): Input[] {
  const dir = args.flags.get('--dir');
  const files: string[] = [];
  if (typeof dir === 'string') {
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new UsageError(`--dir expects a folder; ${JSON.stringify(dir)} is not one.`);
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.txt')) files.push(path.join(dir, f));
  }
  files.push(...args.positional);
  if (!files.length) throw new UsageError('code expects FILE..., --dir DIR or - (standard input).');
  return files.map((f) => {
    if (f === '-') return { file: '-', text: readFileSync(0, 'utf8') };
    if (!existsSync(f)) throw new UsageError(`No such file: ${f}`);
    return { file: f, text: decodeText(readFileSync(f), f) };
  });
}

/** UTF-8 text; binary input gets a clear error instead of garbage codes. */
function decodeText(bytes: Buffer, file: string): string {
  const text = bytes.toString('utf8');
  const sample = text.slice(0, 4096);
  const control =
    sample.replace(/[\t\n\r\f]/g, '').match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (control > sample.length * 0.1)
    throw new UsageError(
      `${file} looks binary (${control} control characters in its first 4 KB); expected a UTF-8 text file.`,
    );
  return text;
}

function codingOptionsOf(args: Args, defaultScope: CodingScope = 'reportable'): CodingOptions {
  const scope = oneOf<CodingScope>(
    '--scope',
    args.flags.get('--scope'),
    ['reportable', 'mentions'],
    defaultScope,
  );
  const setting = oneOf<CareSetting>(
    '--setting',
    args.flags.get('--setting'),
    ['inpatient', 'outpatient'],
    'inpatient',
  );
  return { scope, setting };
}

function jobsOf(args: Args): number {
  const flag = args.flags.get('--jobs');
  if (flag === undefined) return availableParallelism();
  const n = Number(flag);
  if (flag === true || !Number.isInteger(n) || n < 1)
    throw new UsageError(
      `--jobs expects a whole number of threads >= 1; got ${JSON.stringify(flag)}.`,
    );
  return n;
}

/** Codes one note and returns what `code` writes for it (one JSON line, or the text lines). */
type NoteCoder = (input: Input) => Promise<string>;

function noteCoderOf(core: LoadedCore, args: Args): NoteCoder {
  const { scope, setting } = codingOptionsOf(args);
  const json = args.flags.has('--json');
  const procedureCoder = loadProcedureCoderFromDisk(path.dirname(packPathOf(args)));
  return async (input) => {
    const result = core.modelCoder
      ? await core.modelCoder.code(input.text, { scope, setting })
      : core.coder.code(input.text, { scope, setting });
    const { timings: _t, ...rest } = result;
    // Procedures (ICD-10-PCS) travel beside the diagnosis codes, so readers of "codes" see diagnoses only.
    const procedures = procedureCoder?.code(input.text, { scope }) ?? [];
    if (json) return JSON.stringify({ file: input.file, ...rest, procedures }) + '\n';
    const lines: string[] = [];
    lines.push(`# ${input.file} (${result.terminology}${result.model ? `, ${result.model}` : ''})`);
    for (const c of result.codes) {
      lines.push(
        `${c.code}\t${c.score.toFixed(2)}\t${c.assertion}\t${c.title}\t${c.evidence.map((e) => JSON.stringify(e.text)).join(' ')}`,
      );
      for (const n of c.notes) lines.push(`    ${n.rule}: ${n.message}`);
    }
    if (result.flagged.length) {
      lines.push('# flagged');
      for (const c of result.flagged)
        lines.push(`${c.code}\t${c.score.toFixed(2)}\t${c.assertion}\t${c.title}`);
    }
    lines.push(...formatProcedures(procedures));
    return lines.map((l) => l + '\n').join('');
  };
}

async function cmdCode(core: LoadedCore, args: Args): Promise<number> {
  const codeNote = noteCoderOf(core, args);
  for (const input of args.inputs ?? readInputs(args)) process.stdout.write(await codeNote(input));
  return 0;
}

/** `code` with more than one note and `--jobs` above 1: the notes go to worker threads. */
async function cmdCodeOnWorkers(args: Args, inputs: Input[], jobs: number): Promise<number> {
  const setup: CodeWorkerSetup = { argv: process.argv.slice(2) };
  await codeOnWorkers(new URL(import.meta.url), setup, inputs, jobs, (output) =>
    process.stdout.write(output),
  );
  return 0;
}

/** A coding worker (see cli/code-workers.ts): builds the coder the options ask for, then codes what it is sent. */
async function runCodeWorker(setup: CodeWorkerSetup): Promise<void> {
  const port = parentPort!;
  const args = parseArgs(setup.argv);
  const core = await loadCore(args);
  const codeNote = noteCoderOf(core, args);
  port.on('message', (m: ToWorker) => {
    if ('done' in m) {
      core.model?.runner.dispose();
      port.close();
      return;
    }
    codeNote(m).then(
      (output) => port.postMessage({ index: m.index, output } satisfies FromWorker),
      (err: unknown) =>
        port.postMessage({
          index: m.index,
          error: `${m.file}: ${err instanceof Error ? err.message : String(err)}`,
        } satisfies FromWorker),
    );
  });
  port.postMessage({ ready: true } satisfies FromWorker);
}

/**
 * Training-split document frequencies for the recall-by-frequency report: `--train-gold`, else
 * the split's own file beside the gold's folder (`../train/<file>`), else none.
 */
function trainFrequencies(
  args: Args,
  goldPath: string,
  file: string,
): Map<string, number> | undefined {
  let trainGold = args.flags.get('--train-gold');
  if (trainGold === undefined) {
    const guess = path.join(path.dirname(path.dirname(path.resolve(goldPath))), 'train', file);
    if (existsSync(guess)) trainGold = guess;
  }
  return typeof trainGold === 'string'
    ? documentFrequencies(parseCodiespCodes(readFileSync(trainGold, 'utf8')))
    : undefined;
}

/** The reported codes, then (for MAP only) the candidates ranked below the threshold. */
function rankedCodes(r: CodingResult): RankedCode[] {
  return [
    ...r.codes.map((c) => ({ code: c.code, score: c.score })),
    ...(r.considered ?? []).map((c) => ({ ...c, reported: false })),
  ];
}

async function cmdEval(core: LoadedCore, args: Args): Promise<number> {
  const goldPath = args.flags.get('--gold');
  const textsDir = args.flags.get('--texts');
  if (typeof goldPath !== 'string' || typeof textsDir !== 'string')
    throw new UsageError('eval expects --gold TSV and --texts DIR.');
  const { scope = 'mentions', setting = 'inpatient' } = codingOptionsOf(args, 'mentions');
  const system = oneOf<'cm' | 'pcs'>('--system', args.flags.get('--system'), ['cm', 'pcs'], 'cm');
  if (system === 'pcs') return evalProcedures(args, goldPath, textsDir, scope);
  const gold = parseCodiespCodes(readFileSync(goldPath, 'utf8'));
  const trainDocFreq = trainFrequencies(args, goldPath, 'trainD.tsv');
  const predictions = new Map<string, RankedCode[]>();
  const t0 = performance.now();
  let words = 0;
  for (const f of readdirSync(textsDir).sort()) {
    if (!f.endsWith('.txt')) continue;
    const text = readFileSync(path.join(textsDir, f), 'utf8');
    words += text.split(/\s+/).length;
    const r = core.modelCoder
      ? await core.modelCoder.code(text, { scope, setting })
      : core.coder.code(text, { scope, setting });
    predictions.set(f.replace(/\.txt$/, ''), rankedCodes(r));
  }
  const ms = performance.now() - t0;
  const report = scoreCoding(gold, predictions, trainDocFreq ? { trainDocFreq } : {});
  if (args.flags.has('--json'))
    out(
      JSON.stringify(
        { ...report, msPerNote: ms / predictions.size, wordsPerMs: words / ms },
        null,
        2,
      ),
    );
  else {
    out(
      formatEvalReport(
        report,
        `CodiEsp-D evaluation (${scope} scope, ${core.coder.ontology.label}, ${core.modelLabel})`,
      ),
    );
    out(
      `${predictions.size} notes, ${(ms / predictions.size).toFixed(2)} ms per note, ${(words / ms).toFixed(0)} words per ms`,
    );
  }
  return 0;
}

async function cmdEvalNotes(core: LoadedCore, args: Args): Promise<number> {
  const file = args.positional[0];
  if (!file) throw new UsageError('eval-notes expects a JSON file of hand-coded notes.');
  const codeNote = (text: string, options: CodingOptions) =>
    core.modelCoder ? core.modelCoder.code(text, options) : core.coder.code(text, options);
  try {
    out(await runEvalNotes(codeNote, file, args.flags, core.modelLabel));
  } catch (err) {
    if (err instanceof EvalNotesUsageError) throw new UsageError(err.message);
    throw err;
  }
  return 0;
}

/** `eval --system pcs`: the procedure coder against CodiEsp-P gold (e.g. devP.tsv). */
function evalProcedures(
  args: Args,
  goldPath: string,
  textsDir: string,
  scope: CodingScope,
): number {
  const coder = loadProcedureCoderFromDisk(path.dirname(packPathOf(args)));
  if (!coder) throw new Error(`eval --system pcs ${NO_PCS_PACK}`);
  const gold = parseCodiespCodes(readFileSync(goldPath, 'utf8'));
  const trainDocFreq = trainFrequencies(args, goldPath, 'trainP.tsv');
  const predictions = new Map<string, RankedCode[]>();
  const t0 = performance.now();
  for (const f of readdirSync(textsDir).sort()) {
    if (!f.endsWith('.txt')) continue;
    const found = coder.code(readFileSync(path.join(textsDir, f), 'utf8'), { scope });
    predictions.set(
      f.replace(/\.txt$/, ''),
      found.map((p) => ({ code: p.code, score: p.score })),
    );
  }
  const ms = performance.now() - t0;
  const report = scoreCoding(gold, predictions, trainDocFreq ? { trainDocFreq } : {});
  if (args.flags.has('--json'))
    out(JSON.stringify({ ...report, msPerNote: ms / predictions.size }, null, 2));
  else {
    out(formatEvalReport(report, `CodiEsp-P evaluation (${scope} scope, ${coder.terminology})`));
    out(`${predictions.size} notes, ${(ms / predictions.size).toFixed(2)} ms per note`);
  }
  return 0;
}

function loadCore(args: Args): Promise<LoadedCore> {
  return loadCoreFromDisk({
    packPath: packPathOf(args),
    withCoder: CODING_COMMANDS.has(args.command),
    // eval --system pcs and search --system pcs need no diagnosis model.
    withModel:
      !args.flags.has('--no-model') &&
      args.flags.get('--system') !== 'pcs' &&
      (CODING_COMMANDS.has(args.command) || args.command === 'search'),
    withRanker: !args.flags.has('--no-ranker'),
    modelOnOwnThread: modelThreadPays(args),
  });
}

/**
 * Whether the linker's session gets its own thread: when one note (or a search) waits for it,
 * the session is created beside the pack parse instead of after it (start-up); a batch of notes
 * keeps it on the coding thread, where it costs no second heap (~45 MiB) and no message per note.
 */
function modelThreadPays(args: Args): boolean {
  if (!isMainThread) return false;
  if (args.command === 'search') return true;
  return args.command === 'code' && (args.inputs?.length ?? 0) <= 1;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args.command || args.command === 'help' || args.flags.has('--help')) {
    out(USAGE);
    return args.command ? 0 : 2;
  }
  const commands: Record<string, (core: LoadedCore, args: Args) => number | Promise<number>> = {
    lookup: cmdLookup,
    search: cmdSearch,
    code: cmdCode,
    eval: cmdEval,
    'eval-notes': cmdEvalNotes,
  };
  // Terminology maintenance works on pack files, without loading a coder.
  try {
    if (args.command === 'diff') return cmdDiff(args.positional, args.flags);
    if (args.command === 'import-release')
      return await cmdImportRelease(args.positional, args.flags);
  } catch (err) {
    if (err instanceof TerminologyUsageError) throw new UsageError(err.message);
    throw err;
  }
  const run = commands[args.command];
  if (!run)
    throw new UsageError(
      `Unknown command "${args.command}". Expected one of: ${[...Object.keys(commands), 'diff', 'import-release'].join(', ')}.`,
    );
  if (args.command === 'code') {
    // Options and inputs are checked before any coder is built, on whichever thread codes.
    codingOptionsOf(args);
    const jobs = jobsOf(args);
    const inputs = readInputs(args);
    if (jobs > 1 && inputs.length > 1) return cmdCodeOnWorkers(args, inputs, jobs);
    args.inputs = inputs;
  }
  const core = await loadCore(args);
  try {
    return await run(core, args);
  } finally {
    core.model?.runner.dispose();
  }
}

const worker = isMainThread
  ? undefined
  : (workerData as { marginaliaCodeWorker?: CodeWorkerSetup } | null)?.marginaliaCodeWorker;
if (worker)
  runCodeWorker(worker).catch((err: unknown) => {
    parentPort!.postMessage({
      index: -1,
      error: err instanceof Error ? err.message : String(err),
    } satisfies FromWorker);
  });
else
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      if (err instanceof UsageError) {
        process.stderr.write(`marginalia: ${err.message}\n${USAGE}\n`);
        process.exit(2);
      }
      process.stderr.write(`marginalia: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
