/**
 * The CLI as a user runs it, in child processes (part of `npm run bench`): start-up to the first
 * coded note with and without the linker, and `code --dir` on one thread against `--jobs N`
 * (throughput, whether the output is identical, peak RSS of the whole process). Note text is
 * never logged: only timings, sizes and whether two outputs are byte-identical.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, round } from './bench-stats.js';

export interface CliRun {
  /** Wall-clock milliseconds of the whole process. */
  ms: number;
  /** Peak RSS of the process (all threads), MiB; null without /usr/bin/time. */
  maxRssMiB: number | null;
}

export interface CliFigures {
  /** `code FILE` (one CodiEsp dev note): median wall ms over the runs. */
  startup: { withModelMs: number; noModelMs: number; runs: number };
  /** `code --dir` over `notes` notes, default (reportable) scope, with the linker. */
  batch: {
    notes: number;
    jobs: number;
    oneThread: CliRun;
    workers: CliRun;
    /** Notes per second with `--jobs N` over notes per second on one thread. */
    throughputRatio: number;
    identicalOutput: boolean;
  };
}

const TIME = '/usr/bin/time';

function runCli(cli: string, args: string[]): CliRun & { stdout: string } {
  const withTime = existsSync(TIME);
  const argv = withTime
    ? [TIME, '-f', 'maxrss-kib=%M', process.execPath, cli, ...args]
    : [process.execPath, cli, ...args];
  const t0 = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), {
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0)
    throw new Error(`marginalia ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const rss = /maxrss-kib=(\d+)/.exec(r.stderr)?.[1];
  return { ms, maxRssMiB: rss ? round(Number(rss) / 1024, 1) : null, stdout: r.stdout };
}

/** The figures, from CodiEsp dev's text folder (`textDir`); `quick` codes 40 notes, not all. */
export function cliFigures(root: string, textDir: string, quick: boolean): CliFigures {
  const cli = path.join(root, 'dist', 'cli', 'marginalia.js');
  const files = readdirSync(textDir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const runs = quick ? 1 : 3;
  const withModel: number[] = [];
  const noModel: number[] = [];
  const one = path.join(textDir, files[0]!);
  for (let i = 0; i < runs; i++) {
    withModel.push(runCli(cli, ['code', one]).ms);
    noModel.push(runCli(cli, ['code', '--no-model', one]).ms);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marginalia-bench-cli-'));
  try {
    const chosen = quick ? files.slice(0, 40) : files;
    for (const f of chosen) copyFileSync(path.join(textDir, f), path.join(dir, f));
    const jobs = os.availableParallelism();
    const a = runCli(cli, ['code', '--dir', dir, '--jobs', '1']);
    const b = runCli(cli, ['code', '--dir', dir, '--jobs', String(jobs)]);
    return {
      startup: {
        withModelMs: round(median(withModel), 1),
        noModelMs: round(median(noModel), 1),
        runs,
      },
      batch: {
        notes: chosen.length,
        jobs,
        oneThread: { ms: round(a.ms, 1), maxRssMiB: a.maxRssMiB },
        workers: { ms: round(b.ms, 1), maxRssMiB: b.maxRssMiB },
        throughputRatio: round(a.ms / b.ms, 2),
        identicalOutput: a.stdout === b.stdout,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
