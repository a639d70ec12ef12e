/**
 * Reads a CodiEsp split (train or dev) from the data directory, verifying every file it reads
 * against `codiesp/SHA256SUMS`. Build tools only (node: APIs); never used for the test split.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One CodiEsp-X evidence row (diagnoses and procedures). */
export interface EvidenceRow {
  docId: string;
  kind: 'DIAGNOSTICO' | 'PROCEDIMIENTO';
  /** As in the file: lowercase, dotted. */
  code: string;
  text: string;
  /** Offsets into the Spanish text, one pair per fragment. */
  offsets: Array<[number, number]>;
}

export interface CodiespDoc {
  id: string;
  spanish: string;
  /** English translation lines (one sentence per line), blank lines dropped. */
  englishLines: string[];
}

export interface CodiespSplit {
  /** "train", "dev", or "train+dev" for the splits the models are fitted on. */
  split: string;
  docs: CodiespDoc[];
  /** Raw text of `{split}D.tsv`. */
  diagnosisTsv: string;
  evidence: EvidenceRow[];
  /** Every file read, relative to the data directory, with its verified hash. */
  sources: Array<{ file: string; sha256: string }>;
}

/** Repository root (the folder holding package.json and build/build.mjs). */
export function repoRoot(): string {
  const candidates = [process.cwd(), path.dirname(fileURLToPath(import.meta.url))];
  for (const start of candidates) {
    let dir = start;
    for (;;) {
      if (
        existsSync(path.join(dir, 'package.json')) &&
        existsSync(path.join(dir, 'build', 'build.mjs'))
      )
        return dir;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return process.cwd();
}

/** `$MARGINALIA_DATA`, else `../shared/data` beside the repository. */
export function dataDir(): string {
  const env = process.env['MARGINALIA_DATA'];
  return path.resolve(env && env.trim() ? env : path.resolve(repoRoot(), '../shared/data'));
}

/** Parse a SHA256SUMS file into relative path -> hex digest. */
export function readSha256Sums(folderAbs: string): Map<string, string> {
  const sumsPath = path.join(folderAbs, 'SHA256SUMS');
  if (!existsSync(sumsPath)) {
    throw new Error(`read-codiesp: expected a checksum list at ${sumsPath}, found none`);
  }
  const sums = new Map<string, string>();
  for (const line of readFileSync(sumsPath, 'utf8').split(/\r?\n/)) {
    const m = /^([0-9a-f]{64})\s+\*?(.+)$/.exec(line.trim());
    if (m && m[1] && m[2]) sums.set(m[2].replace(/^\.\//, ''), m[1]);
  }
  return sums;
}

/** The data folder is absent (as opposed to present but wrong, which is a plain Error). */
export class MissingCodiespDataError extends Error {
  override name = 'MissingCodiespDataError';
}

/** Reads files of one data folder, each checked against the folder's SHA256SUMS. */
export class VerifiedReader {
  readonly sources: Array<{ file: string; sha256: string }> = [];
  private readonly sums: Map<string, string>;
  constructor(
    private readonly dataRoot: string,
    private readonly folder: string,
  ) {
    const abs = path.join(dataRoot, folder);
    if (!existsSync(abs)) {
      throw new MissingCodiespDataError(
        `read-codiesp: expected the data folder ${abs} (set MARGINALIA_DATA to the folder holding ${folder}/), found nothing`,
      );
    }
    this.sums = readSha256Sums(abs);
  }
  /** Read `rel` (relative to the folder) as UTF-8 after checking its hash. */
  read(rel: string): string {
    const bytes = readFileSync(path.join(this.dataRoot, this.folder, rel));
    const expected = this.sums.get(rel);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (expected === undefined) {
      throw new Error(
        `read-codiesp: expected ${this.folder}/${rel} to be listed in ${this.folder}/SHA256SUMS, it is not`,
      );
    }
    if (expected !== actual) {
      throw new Error(
        `read-codiesp: ${this.folder}/${rel} has sha256 ${actual}, expected ${expected} (SHA256SUMS)`,
      );
    }
    this.sources.push({ file: `${this.folder}/${rel}`, sha256: actual });
    return bytes.toString('utf8');
  }
  list(rel: string): string[] {
    return readdirSync(path.join(this.dataRoot, this.folder, rel)).sort();
  }
}

function parseEvidence(tsv: string, file: string): EvidenceRow[] {
  const rows: EvidenceRow[] = [];
  tsv.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const f = line.split('\t');
    const [docId, kind, code, text, pos] = f;
    if (
      f.length !== 5 ||
      !docId ||
      !code ||
      text === undefined ||
      !pos ||
      (kind !== 'DIAGNOSTICO' && kind !== 'PROCEDIMIENTO')
    ) {
      throw new Error(
        `read-codiesp: expected 5 fields "doc kind code text offsets" on ${file}:${i + 1}, got ${JSON.stringify(line.slice(0, 100))}`,
      );
    }
    const offsets = pos.split(';').map((p): [number, number] => {
      const [a, b] = p.trim().split(/\s+/).map(Number);
      if (a === undefined || b === undefined || !Number.isInteger(a) || !Number.isInteger(b)) {
        throw new Error(
          `read-codiesp: expected "start end" offsets on ${file}:${i + 1}, got ${JSON.stringify(pos)}`,
        );
      }
      return [a, b];
    });
    rows.push({ docId, kind, code, text, offsets });
  });
  return rows;
}

/** Read and verify one split. The test split is refused. */
export function readCodiespSplit(split: 'train' | 'dev', root = dataDir()): CodiespSplit {
  if ((split as string) === 'test')
    throw new Error('read-codiesp: the CodiEsp test split is never read');
  const reader = new VerifiedReader(root, 'codiesp');
  const diagnosisTsv = reader.read(`${split}/${split}D.tsv`);
  const evidence = parseEvidence(reader.read(`${split}/${split}X.tsv`), `${split}X.tsv`);
  const docs: CodiespDoc[] = [];
  for (const name of reader.list(`${split}/text_files`)) {
    if (!name.endsWith('.txt')) continue;
    const id = name.slice(0, -4);
    const spanish = reader.read(`${split}/text_files/${name}`);
    const english = reader.read(`${split}/text_files_en/${name}`);
    docs.push({ id, spanish, englishLines: english.split(/\r?\n/).filter((l) => l.trim() !== '') });
  }
  return { split, docs, diagnosisTsv, evidence, sources: reader.sources };
}

export type CodiespFitSplit = 'train' | 'dev';

/**
 * The splits the shipped models are fitted on: `$MARGINALIA_FIT_SPLITS`, "train,dev" by default
 * (every labelled note the project may use; the test split is never read). With
 * `MARGINALIA_FIT_SPLITS=train` the same recipe leaves dev out, and dev scores are held out
 * (how the model card's dev figures were measured).
 */
export function fitSplits(): CodiespFitSplit[] {
  const raw = process.env['MARGINALIA_FIT_SPLITS'] ?? 'train,dev';
  const splits = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (
    splits.length === 0 ||
    splits.some((s) => s !== 'train' && s !== 'dev') ||
    new Set(splits).size !== splits.length
  ) {
    throw new Error(
      `read-codiesp: expected MARGINALIA_FIT_SPLITS to be "train" or "train,dev", got ${JSON.stringify(raw)}`,
    );
  }
  return splits as CodiespFitSplit[];
}

/** Reads and verifies several splits as one (document ids are unique across CodiEsp splits). */
export function readCodiespSplits(
  splits: readonly CodiespFitSplit[],
  root = dataDir(),
): CodiespSplit {
  const parts = splits.map((split) => readCodiespSplit(split, root));
  const ids = new Set<string>();
  for (const part of parts) {
    for (const d of part.docs) {
      if (ids.has(d.id))
        throw new Error(
          `read-codiesp: expected document ids unique across splits, ${d.id} is in more than one`,
        );
      ids.add(d.id);
    }
  }
  return {
    split: splits.join('+'),
    docs: parts.flatMap((p) => p.docs),
    diagnosisTsv: parts.map((p) => p.diagnosisTsv.replace(/\s+$/, '')).join('\n') + '\n',
    evidence: parts.flatMap((p) => p.evidence),
    sources: parts.flatMap((p) => p.sources),
  };
}
