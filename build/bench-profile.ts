/**
 * In-process CPU profiling for `npm run bench` (node:inspector, the same sampler as
 * `node --cpu-prof`), and a self-time summary by function and by source file. The bench runs
 * bundled (dist/tools/bench.mjs); esbuild marks where each source module starts with a
 * `// src/...ts` comment, which maps a bundle line back to its source file.
 */
import { Session } from 'node:inspector';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  /** Samples per source line (1-based lines of the script), when V8 recorded them. */
  positionTicks?: Array<{ line: number; ticks: number }>;
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface SelfTimeRow {
  /** "src/engine/locate-concepts.ts:locateConcepts" (or a V8 pseudo-frame such as "(garbage collector)"). */
  where: string;
  selfMs: number;
  share: number;
}

export interface HotLine {
  /** "src/engine/locate-concepts.ts:63" when the line is found in the source, else the bundle line. */
  where: string;
  /** The line's code, trimmed (source code only, never note text). */
  code: string;
  /** Share of the function's line-attributed samples. */
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  byFunction: SelfTimeRow[];
  byFile: SelfTimeRow[];
  /** Hottest lines of the top functions, keyed like byFunction rows. */
  hotLines: Record<string, HotLine[]>;
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T)));
  });
}

/** Runs `work` under the V8 sampling profiler and returns the raw profile (.cpuprofile JSON). */
export async function profile(work: () => void, samplingIntervalUs = 200): Promise<CpuProfile> {
  const session = new Session();
  session.connect();
  try {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: samplingIntervalUs });
    await post(session, 'Profiler.start');
    work();
    const { profile: p } = await post<{ profile: CpuProfile }>(session, 'Profiler.stop');
    return p;
  } finally {
    session.disconnect();
  }
}

/** Maps a bundle (url, 0-based line) to the source file esbuild bundled there. */
function sourceMapper(): (url: string, line: number) => string {
  const cache = new Map<string, Array<{ line: number; file: string }>>();
  const markersOf = (url: string): Array<{ line: number; file: string }> => {
    let markers = cache.get(url);
    if (markers) return markers;
    markers = [];
    if (url.startsWith('file:')) {
      linesOf(url).forEach((l, i) => {
        const m = /^\/\/ ((?:src|build|cli|extension|node_modules)\/\S+)$/.exec(l);
        if (m) markers!.push({ line: i, file: m[1]! });
      });
    }
    cache.set(url, markers);
    return markers;
  };
  return (url, line) => {
    if (!url) return '';
    if (url.startsWith('node:')) return url;
    if (/\.tsx?$/.test(url)) return url.replace(/^.*?\/((?:src|build|cli)\/)/, '$1');
    const markers = markersOf(url);
    let file = url.replace(/^.*\//, '');
    for (const m of markers) {
      if (m.line > line) break;
      file = m.file;
    }
    return file;
  };
}

const scriptLines = new Map<string, string[]>();
function linesOf(fileOrUrl: string): string[] {
  let lines = scriptLines.get(fileOrUrl);
  if (!lines) {
    try {
      lines = readFileSync(
        fileOrUrl.startsWith('file:') ? fileURLToPath(fileOrUrl) : fileOrUrl,
        'utf8',
      ).split('\n');
    } catch {
      lines = [];
    }
    scriptLines.set(fileOrUrl, lines);
  }
  return lines;
}

// Snapshot this script's own text now: a build running elsewhere may rewrite the bundle on
// disk while the bench runs, and the profile's line numbers refer to the code node loaded.
if (import.meta.url.startsWith('file:')) linesOf(import.meta.url);

/** Finds a bundle line's code in its source file (esbuild keeps most lines verbatim). */
function sourceLine(root: string, file: string, code: string): number | undefined {
  if (!/\.tsx?$/.test(file) || code.length < 8) return undefined;
  const lines = linesOf(path.join(root, file));
  const exact = lines.findIndex((l) => l.trim() === code);
  if (exact >= 0) return exact + 1;
  // esbuild drops non-null assertions and type annotations and rewrites quotes.
  const loose = (l: string): string =>
    l
      .replace(/!(?!=)/g, '')
      .replace(/'/g, '"')
      .replace(/\s+/g, '');
  const want = loose(code);
  const i = lines.findIndex((l) => loose(l) === want);
  return i >= 0 ? i + 1 : undefined;
}

/** Self time per function and per source file, largest first; hot lines of the top functions. */
export function summarizeProfile(
  p: CpuProfile,
  top = 15,
  root = process.cwd(),
  hotFunctions = 4,
): ProfileSummary {
  const mapFile = sourceMapper();
  const byId = new Map<number, ProfileNode>();
  for (const n of p.nodes) byId.set(n.id, n);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i]!;
    // timeDeltas[i] is the time before sample i; attribute the following delta to sample i.
    const dt = p.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
  }
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  const ticksByFn = new Map<string, Map<string, { code: string; ticks: number; file: string }>>();
  for (const node of p.nodes) {
    if (!node.positionTicks?.length) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const src = mapFile(url, lineNumber);
    const key = src ? `${src}:${functionName || '(anonymous)'}` : functionName;
    let m = ticksByFn.get(key);
    if (!m) ticksByFn.set(key, (m = new Map()));
    for (const { line, ticks } of node.positionTicks) {
      const code = (linesOf(url)[line - 1] ?? '').trim();
      const k = `${url}:${line}`;
      const e = m.get(k) ?? { code, ticks: 0, file: src };
      e.ticks += ticks;
      m.set(k, e);
    }
  }
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const src = mapFile(url, lineNumber);
    const name = functionName || '(anonymous)';
    const key = src ? `${src}:${name}` : name;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const fileKey = src || name;
    file.set(fileKey, (file.get(fileKey) ?? 0) + us);
    total += us;
  }
  const rows = (m: Map<string, number>): SelfTimeRow[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([where, us]) => ({
        where,
        selfMs: Math.round(us / 100) / 10,
        share: total ? Math.round((us / total) * 1000) / 1000 : 0,
      }));
  const byFunction = rows(fn);
  const hotLines: Record<string, HotLine[]> = {};
  for (const row of byFunction.filter((r) => ticksByFn.has(r.where)).slice(0, hotFunctions)) {
    const lines = [...ticksByFn.get(row.where)!.values()];
    const sum = lines.reduce((a, b) => a + b.ticks, 0);
    hotLines[row.where] = lines
      .sort((a, b) => b.ticks - a.ticks)
      .slice(0, 5)
      .map((l) => {
        const n = sourceLine(root, l.file, l.code);
        return {
          where: n ? `${l.file}:${n}` : `${l.file} (bundle)`,
          code: l.code.slice(0, 110),
          share: sum ? Math.round((l.ticks / sum) * 1000) / 1000 : 0,
        };
      });
  }
  return { totalMs: Math.round(total / 1000), byFunction, byFile: rows(file), hotLines };
}
