// Does the neural linker (models/linker.onnx) gain from ONNX Runtime Web's WebGPU execution
// provider over WASM in Chromium, with the same outputs? Run after `npm run build` (the texts
// are ICD-10-CM code titles from dist/packs, never note text):
//
//   npm run bench:webgpu        (node test/e2e/measure-webgpu.mjs [--runs N])
//
// Bundles test/e2e/webgpu-probe/probe.ts twice (onnxruntime-web aliased to ORT's WASM build,
// which the extension ships, and to its WebGPU build), serves it with ORT's files and the
// model from a loopback server (cross-origin isolated, as the extension's pages are), and runs
// Debian's Chromium headless with --enable-unsafe-webgpu, which gives a SwiftShader fallback
// adapter when there is no GPU (TOOLCHAIN.md). Each execution provider gets a fresh page:
// session creation, then per batch size one first run and N warm runs (feeds → embeddings
// read back on the CPU). Writes bench-results/webgpu-<date>.json; results in
// models/MODEL_CARD.md ("Encoder inference per note"). Not part of the test suite: it needs
// the 27 MB WebGPU wasm and an unsafe flag.
import * as esbuild from 'esbuild';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import {
  CHROMIUM_PATH,
  QUIET_ARGS,
  REPO_ROOT as root,
  createProfileDirs,
  writeQuietPreferences,
} from './harness/chromium-launch.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 20;
const SIZES = [1, 20, 100, 400]; // a CodiEsp note has ~20 (reportable) to ~90 (mentions) texts
const MAX_ABS_DIFF = 1e-4;
const CONFIGS = [
  { name: 'wasm', build: 'wasm', ep: 'wasm', label: 'wasm EP, ORT WASM build (shipped)' },
  { name: 'webgpu', build: 'webgpu', ep: 'webgpu', label: 'webgpu EP, ORT WebGPU build' },
  { name: 'webgpu-build-wasm', build: 'webgpu', ep: 'wasm', label: 'wasm EP, ORT WebGPU build' },
];
const ORT_DIST = path.join(root, 'node_modules', 'onnxruntime-web', 'dist');
const ORT_FILES = [
  'ort-wasm-simd-threaded.mjs',
  'ort-wasm-simd-threaded.wasm',
  'ort-wasm-simd-threaded.asyncify.mjs',
  'ort-wasm-simd-threaded.asyncify.wasm',
];

const log = (msg) => process.stderr.write(`measure-webgpu: ${msg}\n`);

/** Every `step`-th ICD-10-CM code title of the built pack: short, mention-like texts. */
function mentionTexts(count) {
  const dir = path.join(root, 'dist', 'packs');
  const file = existsSync(dir) && readdirSync(dir).find((f) => /^icd10cm-.*\.json$/.test(f));
  if (!file) throw new Error(`Expected an icd10cm-*.json pack in ${dir}; run "npm run build".`);
  const { titles } = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const step = Math.floor(titles.length / count);
  return Array.from({ length: count }, (_, i) => titles[i * step]);
}

/** probe-wasm.js and probe-webgpu.js, with an HTML page each, in `dir`. */
async function bundleProbes(dir) {
  for (const build of ['wasm', 'webgpu']) {
    await esbuild.build({
      entryPoints: [path.join(root, 'test', 'e2e', 'webgpu-probe', 'probe.ts')],
      outfile: path.join(dir, `probe-${build}.js`),
      bundle: true,
      format: 'esm',
      target: 'chrome120',
      conditions: ['onnxruntime-web-use-extern-wasm'],
      alias: { 'onnxruntime-web': `onnxruntime-web/${build}` },
      logLevel: 'warning',
    });
    const html = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="probe-${build}.js"></script>\n`;
    writeFileSync(path.join(dir, `probe-${build}.html`), html);
  }
}

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};

/** Serves `files` (URL path → file) on 127.0.0.1, cross-origin isolated. */
async function serve(files) {
  const server = createServer((req, res) => {
    const file = files.get(new URL(req.url, 'http://x').pathname);
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

async function launchChromium() {
  const profile = createProfileDirs('measure-webgpu');
  writeQuietPreferences(profile.userData);
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    protocolTimeout: 300_000,
    userDataDir: profile.userData,
    // Any request that is not loopback goes to a dead proxy (Chromium bypasses it for loopback).
    args: [...QUIET_ARGS, '--proxy-server=http://127.0.0.1:9', '--enable-unsafe-webgpu'],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: profile.config,
      XDG_CACHE_HOME: profile.cache,
      TMPDIR: profile.tmp,
    },
  });
  return {
    browser,
    close: () => browser.close().then(() => rmSync(profile.base, { recursive: true, force: true })),
  };
}

/**
 * A fresh page on `url` that lets only loopback requests through and records the rest in
 * `blocked`; `consoleLines` collects the page's console.
 */
async function openPage(browser, url, blocked) {
  const page = await browser.newPage();
  const consoleLines = [];
  await page.setCacheEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    if (/^(https?|wss?):\/\/127\.0\.0\.1[:/]/.test(r.url())) return void r.continue();
    blocked.push(r.url());
    void r.abort();
  });
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => 'webgpuProbe' in globalThis);
  return { page, consoleLines };
}

/**
 * ORT's verbose node placements ("Node(s) placed on [WebGpuExecutionProvider]. Number of
 * nodes: 13", then "  Gather (Gather_2)" per node): execution provider → count and nodes.
 */
function nodePlacements(consoleLines) {
  const placements = {};
  let nodes;
  for (const line of consoleLines) {
    const text = /VerifyEachNodeIsAssignedToAnEp\]\s+(.*)$/.exec(line)?.[1] ?? '';
    const placed = /placed on \[(\w+)\]\. Number of nodes: (\d+)/.exec(text);
    if (placed) placements[placed[1]] = { count: Number(placed[2]), nodes: (nodes = []) };
    else if (nodes && /^\w+ \(\w+\)$/.test(text)) nodes.push(text);
  }
  return placements;
}

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { n: s.length, median: round2(median), p95: round2(at(0.95)), min: round2(s[0]) };
}

const round2 = (x) => Math.round(x * 100) / 100;

function maxAbsDiff(a, b) {
  if (a.length !== b.length) throw new Error(`Expected ${a.length} values, got ${b.length}.`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

function table(result) {
  const lines = [
    `${result.chromium}, WebGPU adapter ${JSON.stringify(result.adapter)}`,
    `ORT threads ${result.configs[0].numThreads} (cross-origin isolated: ${result.configs[0].crossOriginIsolated}); load average at start ${result.loadAverage.join(' ')}; ${result.runs} warm runs per batch`,
    '',
    '| execution provider | create ms | batch | first ms | median ms | p95 ms | max abs diff vs wasm |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const c of result.configs) {
    for (const b of c.batches) {
      const cells = [c.label, round2(c.createMs), b.size, round2(b.firstMs), b.median, b.p95];
      lines.push(`| ${cells.join(' | ')} | ${c.maxAbsDiffVsWasm.toExponential(1)} |`);
    }
  }
  for (const c of result.configs)
    for (const [ep, p] of Object.entries(c.nodePlacements))
      lines.push(
        `${c.label}: ${p.count} nodes on ${ep}${p.nodes.length ? `: ${p.nodes.join(', ')}` : ''}`,
      );
  return lines.join('\n');
}

/** One execution provider on a fresh page: timings, embeddings, then its node placements. */
async function measureConfig(browser, origin, config, texts, blocked) {
  log(`${config.label}: session, then ${RUNS} warm runs per batch of ${SIZES.join(', ')} texts`);
  const { page, consoleLines } = await openPage(
    browser,
    `${origin}/probe-${config.build}.html`,
    blocked,
  );
  const m = await page.evaluate(
    (ep, t, sizes, runs) => globalThis.webgpuProbe.measure(ep, t, sizes, runs),
    config.ep,
    texts,
    SIZES,
    RUNS,
  );
  const warnings = consoleLines
    .filter((l) => /^(warn|error):/.test(l))
    .map((l) => l.replace(/\x1B\[[\d;]*m/g, ''));
  await page.evaluate((ep) => globalThis.webgpuProbe.logNodePlacements(ep), config.ep);
  await page.close();
  const batches = m.batches.map(({ runsMs, ...b }) => ({ ...b, ...stats(runsMs) }));
  return { ...config, ...m, batches, nodePlacements: nodePlacements(consoleLines), warnings };
}

/** The adapter, then every configuration, in one browser; throws when there is no adapter. */
async function measureAll(origin, texts, blocked) {
  const chromium = await launchChromium();
  try {
    const { page } = await openPage(chromium.browser, `${origin}/probe-webgpu.html`, blocked);
    const adapter = await page.evaluate(() => globalThis.webgpuProbe.adapterInfo());
    await page.close();
    if (!adapter)
      throw new Error(
        `Expected a WebGPU adapter from ${CHROMIUM_PATH} with --enable-unsafe-webgpu (a SwiftShader fallback adapter without a GPU), got none: navigator.gpu.requestAdapter() returned null.`,
      );
    const configs = [];
    for (const c of CONFIGS)
      configs.push(await measureConfig(chromium.browser, origin, c, texts, blocked));
    return { chromium: await chromium.browser.version(), adapter, configs };
  } finally {
    await chromium.close();
  }
}

async function main() {
  const started = new Date();
  const loadAverage = os.loadavg().map(round2);
  const texts = mentionTexts(Math.max(...SIZES));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marginalia-webgpu-'));
  await bundleProbes(dir);
  const server = await serve(
    new Map([
      ...readdirSync(dir).map((f) => [`/${f}`, path.join(dir, f)]),
      ...ORT_FILES.map((f) => [`/${f}`, path.join(ORT_DIST, f)]),
      ['/linker.onnx', path.join(root, 'models', 'linker.onnx')],
      ['/linker.json', path.join(root, 'models', 'linker.json')],
    ]),
  );
  const blocked = [];
  let measured;
  try {
    measured = await measureAll(server.origin, texts, blocked);
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const reference = measured.configs[0].embeddings;
  for (const c of measured.configs) {
    c.maxAbsDiffVsWasm = maxAbsDiff(reference, c.embeddings);
    delete c.embeddings;
  }
  const result = { date: started.toISOString(), runs: RUNS, loadAverage, ...measured, blocked };
  process.stdout.write(`${table(result)}\n`);
  writeResult(result, started);
  if (blocked.length)
    throw new Error(`Expected only loopback requests, got ${blocked.join(', ')}.`);
  const worst = Math.max(...result.configs.map((c) => c.maxAbsDiffVsWasm));
  if (!(worst < MAX_ABS_DIFF))
    throw new Error(`Expected embeddings within ${MAX_ABS_DIFF} of WASM's, got ${worst}.`);
}

function writeResult(result, started) {
  const stamp = started
    .toISOString()
    .replace(/:\d\d\.\d+Z$/, '')
    .replace(':', '');
  mkdirSync(path.join(root, 'bench-results'), { recursive: true });
  const out = path.join(root, 'bench-results', `webgpu-${stamp}.json`);
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${path.relative(root, out)}`);
}

main().catch((error) => {
  console.error(`measure-webgpu: ${error?.stack ?? error}`);
  process.exit(1);
});
