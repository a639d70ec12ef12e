/**
 * Where the official release files come from, and proof that they are the ones we expect.
 *
 * The data is never committed: the build reads it from `MARGINALIA_DATA` (default
 * `../shared/data` beside the repository) and checks every file it reads against the
 * folder's `SHA256SUMS` before using it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The data directory: `$MARGINALIA_DATA`, else `../shared/data` next to the repository. */
export function resolveDataDir(): string {
  const fromEnv = process.env.MARGINALIA_DATA;
  return path.resolve(
    fromEnv && fromEnv.trim() ? fromEnv : path.join(findRepoRoot(), '..', 'shared', 'data'),
  );
}

export function findRepoRoot(): string {
  let dir = process.cwd();
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'manifest.json')))
      return dir;
    if (
      existsSync(path.join(dir, 'package.json')) &&
      existsSync(path.join(dir, 'build', 'build.mjs'))
    )
      return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

export class MissingDataError extends Error {
  override name = 'MissingDataError';
}

export interface VerifiedFile {
  /** Path relative to the data directory, e.g. "icd10cm/icd10cm-order-2025-april.txt". */
  file: string;
  absPath: string;
  sha256: string;
}

export function sha256Of(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function readSums(folderAbs: string): Map<string, string> {
  const sumsPath = path.join(folderAbs, 'SHA256SUMS');
  const sums = new Map<string, string>();
  if (!existsSync(sumsPath)) return sums;
  for (const line of readFileSync(sumsPath, 'utf8').split(/\r?\n/)) {
    const m = /^([0-9a-f]{64})\s+\*?(.+)$/.exec(line.trim());
    if (m) sums.set(m[2]!.replace(/^\.\//, ''), m[1]!);
  }
  return sums;
}

/**
 * Checks that `files` (relative to the data directory) exist and match the SHA256SUMS of
 * their folder. Throws {@link MissingDataError} with instructions when something is absent,
 * and a plain Error naming the expected and actual hash on a mismatch.
 */
export function verifyDataFiles(
  dataDir: string,
  files: string[],
  howToGet: string,
): VerifiedFile[] {
  const missing = files.filter((f) => !existsSync(path.join(dataDir, f)));
  if (missing.length) {
    throw new MissingDataError(
      [
        `The terminology source files were not found in ${dataDir} (set MARGINALIA_DATA to the folder that holds them).`,
        `Missing: ${missing.join(', ')}`,
        howToGet,
      ].join('\n'),
    );
  }
  const out: VerifiedFile[] = [];
  const sumsByFolder = new Map<string, Map<string, string>>();
  for (const file of files) {
    const folder = path.dirname(file);
    let sums = sumsByFolder.get(folder);
    if (!sums) {
      sums = readSums(path.join(dataDir, folder));
      sumsByFolder.set(folder, sums);
    }
    const absPath = path.join(dataDir, file);
    const actual = sha256Of(readFileSync(absPath));
    const expected = sums.get(path.basename(file));
    if (!expected) {
      throw new Error(
        `${file}: expected an entry in ${folder}/SHA256SUMS, found none. Refusing to use an unverified file.`,
      );
    }
    if (expected !== actual) {
      throw new Error(
        `${file}: expected sha256 ${expected} (from ${folder}/SHA256SUMS), got ${actual}. The file is corrupt or not the official release.`,
      );
    }
    out.push({ file, absPath, sha256: actual });
  }
  return out;
}
