// Chromium part of the benchmarks: the extension's whole message path in a real browser.
// Run after `npm run build:test` (the e2e harness must work: `npm run test:e2e`):
//
//   node test/e2e/bench-chromium.mjs [--quick]
//
// Measures: browser launch to service worker; openPanel to first codes, cold (first pack
// install into IndexedDB), warm (offscreen document alive) and cold from IndexedDB (offscreen
// document closed); a synthetic 1,500-word note through the same path; offscreen document
// creation; memory of the browser's processes and the offscreen document's JS heap.
// Writes bench-results/bench-chromium-<date>.json and the Chromium section of
// docs/BENCHMARKS.md. Kept apart from the Node bench (build/bench.ts), which never needs a
// browser. Plain JS so that node runs it directly; the TypeScript harness is bundled in memory
// by esbuild and imported (harness/import-harness.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importHarness } from './harness/import-harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const QUICK = process.argv.includes('--quick');
const WARM_RUNS = QUICK ? 3 : 10;
const COLD_IDB_RUNS = QUICK ? 2 : 5;
const OFFSCREEN_RUNS = QUICK ? 3 : 8;
const POLL_MS = 100;

const log = (msg) => process.stderr.write(`bench-chromium: ${msg}\n`);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const pct = (p) =>
    s.length ? s[Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length))) - 1] : NaN;
  const mid = s.length >> 1;
  const median = s.length ? (s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2) : NaN;
  return {
    n: s.length,
    median: Math.round(median),
    p95: Math.round(pct(95)),
    min: Math.round(s[0] ?? NaN),
    max: Math.round(s.at(-1) ?? NaN),
  };
}

async function main() {
  if (!existsSync(path.join(root, 'dist', 'extension-test', 'manifest.json')))
    throw new Error(
      'Expected the test build in dist/extension-test; run "npm run build:test" first.',
    );
  const started = new Date();
  const loadStart = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  const { launchExtensionBrowser, readPanel, syntheticNote, countWords } = await importHarness({
    'test/e2e/harness/launch-extension-browser.ts': ['launchExtensionBrowser'],
    'test/e2e/harness/panel-driver.ts': ['readPanel'],
    'build/bench-synthetic-notes.ts': ['syntheticNote', 'countWords'],
  });

  /**
   * Waits until the panel shows a result stamped after `since` (the page clock). The figure
   * comes from the panel's own stamp, so the polling interval only sets how soon the bench
   * notices. Polls read the stamp the test build also puts on the panel's host element (one
   * attribute in the page's DOM); walking the closed shadow root over CDP on every poll took
   * the page's main thread, the very path measured, for tens of milliseconds with a long
   * result on screen. The whole panel is read once at the end, and every 2 s for an error.
   */
  async function waitForCodes(page, since, timeoutMs = 90_000) {
    const deadline = Date.now() + timeoutMs;
    for (let polls = 1; ; polls++) {
      const shownAt = await page.evaluate(() =>
        Number(document.querySelector('marginalia-panel')?.getAttribute('data-shown-at') ?? NaN),
      );
      if (shownAt > since) {
        const p = await readPanel(page);
        if (p.terminology !== null && p.shownAt !== null && p.shownAt > since) return p;
      }
      if (polls % 20 === 0 && /Couldn’t code this page/.test((await readPanel(page)).text))
        throw new Error('The panel reported an error instead of codes.');
      if (Date.now() > deadline) throw new Error(`No codes within ${timeoutMs} ms.`);
      await sleep(POLL_MS);
    }
  }

  const t0 = performance.now();
  const run = await launchExtensionBrowser('bench-chromium');
  const launchMs = performance.now() - t0;
  const result = { date: started.toISOString(), quick: QUICK, launchMs: Math.round(launchMs) };
  try {
    const page = await run.browser.newPage();
    await page.goto(run.fixtures.url('plain-note.html'), { waitUntil: 'load' });

    const openPanel = () =>
      run.serviceWorker.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        if (tab?.id === undefined) throw new Error('Expected an active tab, got none.');
        await globalThis.marginalia.openPanel(tab.id);
      });
    /**
     * openPanel to the panel showing codes, on the page's clock: from just before the service
     * worker is asked to open the panel to the result's DOM commit in the panel.
     */
    async function timeToCodes() {
      await page.bringToFront();
      const since = await page.evaluate(() => performance.now());
      await openPanel();
      const panel = await waitForCodes(page, since);
      // The panel's own figure: from the content script sending the note to the result
      // arriving (extraction and the whole message path, without mounting and rendering).
      const own = /(?:whole note|selection)\s*·\s*(\d+)\s*ms/.exec(panel.text);
      return {
        ms: panel.firstCodesAt - since,
        allMs: panel.shownAt - since,
        panelMs: own ? Number(own[1]) : NaN,
        codes: panel.codes.length,
      };
    }
    const closeOffscreen = () =>
      run.serviceWorker.evaluate(async () => {
        const contexts = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
        if (contexts.length) await chrome.offscreen.closeDocument();
      });

    log('cold: first openPanel (installs the pack into IndexedDB)');
    const cold = await timeToCodes();
    result.coldFirstInstall = { ms: Math.round(cold.ms), codes: cold.codes };

    log(`warm: ${WARM_RUNS} x reload + openPanel (offscreen document alive)`);
    const warm = [];
    const warmOwn = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      await page.reload({ waitUntil: 'load' });
      const r = await timeToCodes();
      warm.push(r.ms);
      warmOwn.push(r.panelMs);
    }
    result.warmPlainNote = stats(warm);
    result.warmPlainNotePanel = stats(warmOwn.filter(Number.isFinite));

    log(
      `warm: ${WARM_RUNS} x openPanel again on the same page (content script and panel in place)`,
    );
    const reopen = [];
    for (let i = 0; i < WARM_RUNS; i++) reopen.push((await timeToCodes()).ms);
    result.warmPlainNoteReopen = stats(reopen);

    log('warm: synthetic 1,500-word note');
    const note = syntheticNote(1500, 1_500_000);
    const setNote = () =>
      page.evaluate((text) => {
        const main = document.querySelector('main') ?? document.body;
        main.replaceChildren(
          ...text
            .split('\n')
            .map((line) => Object.assign(document.createElement('p'), { textContent: line })),
        );
      }, note);
    const long = [];
    const longAll = [];
    const longOwn = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      await page.reload({ waitUntil: 'load' });
      await setNote();
      const r = await timeToCodes();
      long.push(r.ms);
      longAll.push(r.allMs);
      longOwn.push(r.panelMs);
    }
    result.warmSynthetic1500 = { words: countWords(note), ...stats(long) };
    result.warmSynthetic1500Panel = stats(longOwn.filter(Number.isFinite));
    result.warmSynthetic1500All = stats(longAll);
    // Again on the same page, each panel run beside one run of each part of its path, so that
    // the ratios compare figures taken under the same load: the engine alone (diagnoses), the
    // codeText handler's work (diagnoses and procedures, no messaging), the service worker's
    // round trip to the offscreen document with that note, then the panel.
    const offscreenPage = await run.browser
      .targets()
      .find((t) => t.url().endsWith('/offscreen.html'))
      ?.asPage();
    const longReopen = [];
    const longReopenAll = [];
    const path1500 = { engine: [], handler: [], relay: [], panel: [] };
    for (let i = 0; i < WARM_RUNS; i++) {
      if (offscreenPage) {
        const [engine, handler] = await offscreenPage.evaluate(
          async (text) => [
            (await globalThis.marginaliaOffscreen.benchmarkCoding(text, 1)).codeMs[0],
            // NaN for a build from before the hook (comparisons against an older build).
            (await globalThis.marginaliaOffscreen.benchmarkCodeText?.(text, 1))?.codeMs[0] ?? NaN,
          ],
          note,
        );
        path1500.engine.push(engine);
        path1500.handler.push(handler);
      }
      path1500.relay.push(await run.serviceWorker.evaluate(relayRoundTrip, note));
      const r = await timeToCodes();
      longReopen.push(r.ms);
      longReopenAll.push(r.allMs);
      path1500.panel.push(r.panelMs);
    }
    result.warmSynthetic1500Reopen = stats(longReopen);
    result.warmSynthetic1500ReopenAll = stats(longReopenAll);
    result.path1500 = Object.fromEntries(
      Object.entries(path1500).map(([k, v]) => [k, stats(v.filter(Number.isFinite))]),
    );

    log(
      "offscreen document alone: the engine on the same note, and the linker's ONNX Runtime session",
    );
    if (offscreenPage) {
      const engine = await offscreenPage.evaluate(
        (text, runs) => globalThis.marginaliaOffscreen.benchmarkCoding(text, runs),
        note,
        WARM_RUNS,
      );
      result.offscreenEngine1500 = {
        ...stats(engine.codeMs),
        resultJsonKiB: round1(engine.resultJsonChars / 1024),
        structuredCloneMs: round1(engine.structuredCloneMs),
      };
      result.linker = await offscreenPage.evaluate(() =>
        globalThis.marginaliaOffscreen.benchmarkLinker(200),
      );
      result.codeEmbeddings = await offscreenPage.evaluate(() =>
        globalThis.marginaliaOffscreen.benchmarkCodeEmbeddings(),
      );
    }

    log(`cold from IndexedDB: ${COLD_IDB_RUNS} x close offscreen + reload + openPanel`);
    const coldIdb = [];
    for (let i = 0; i < COLD_IDB_RUNS; i++) {
      await closeOffscreen();
      await page.reload({ waitUntil: 'load' });
      coldIdb.push((await timeToCodes()).ms);
    }
    result.coldFromIndexedDb = stats(coldIdb);

    log(`offscreen document creation: ${OFFSCREEN_RUNS} x`);
    const creations = [];
    for (let i = 0; i < OFFSCREEN_RUNS; i++) {
      await closeOffscreen();
      creations.push(
        await run.serviceWorker.evaluate(async () => {
          const t = performance.now();
          await chrome.offscreen.createDocument({
            url: 'offscreen.html',
            reasons: ['WORKERS'],
            justification: 'benchmark',
          });
          return performance.now() - t;
        }),
      );
    }
    result.offscreenCreate = stats(creations);
    // Let the last document finish loading its coder before reading memory.
    await page.reload({ waitUntil: 'load' });
    await timeToCodes();
    await sleep(500);

    log('memory');
    result.memory = await memory(run);
  } finally {
    await run.close();
  }
  result.loadAverage = {
    start: loadStart,
    end: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
  };

  const stamp = started
    .toISOString()
    .replace(/:\d\d\.\d+Z$/, '')
    .replace(':', '');
  mkdirSync(path.join(root, 'bench-results'), { recursive: true });
  const jsonPath = path.join(root, 'bench-results', `bench-chromium-${stamp}.json`);
  writeFileSync(jsonPath, JSON.stringify(result, null, 2) + '\n');
  const section = renderSection(result);
  process.stdout.write(section + '\n');
  if (!process.argv.includes('--no-docs')) updateDoc(section);
  log(`wrote ${path.relative(root, jsonPath)}`);
}

/** RSS of every process in the browser's tree by kind, and the offscreen document's JS heap. */
async function memory(run) {
  const pid = run.browser.process()?.pid;
  const byKind = {};
  let total = 0;
  if (pid && existsSync('/proc')) {
    const children = new Map();
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (!children.has(ppid)) children.set(ppid, []);
        children.get(ppid).push(Number(d));
      } catch {
        // process gone
      }
    }
    const tree = [];
    const stack = [pid];
    while (stack.length) {
      const p = stack.pop();
      tree.push(p);
      stack.push(...(children.get(p) ?? []));
    }
    for (const p of tree) {
      try {
        const rssKb = Number(
          /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0,
        );
        const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').split(/[\0 ]/); // Chromium rewrites its argv into one space-separated string
        const type = cmd.find((a) => a.startsWith('--type='))?.slice(7) ?? 'browser';
        const kind = cmd.includes('--extension-process') ? 'extension' : type;
        byKind[kind] = (byKind[kind] ?? 0) + rssKb;
        total += rssKb;
      } catch {
        // process gone
      }
    }
  }
  let offscreenHeap = null;
  const target = run.browser.targets().find((t) => t.url().endsWith('/offscreen.html'));
  if (target) {
    const session = await target.createCDPSession();
    await session.send('Performance.enable');
    const { metrics } = await session.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    offscreenHeap = {
      usedMiB: round1(m.JSHeapUsedSize / 2 ** 20),
      totalMiB: round1(m.JSHeapTotalSize / 2 ** 20),
    };
    await session.detach();
  }
  return {
    rssMiBByKind: Object.fromEntries(
      Object.entries(byKind).map(([k, kb]) => [k, round1(kb / 1024)]),
    ),
    rssMiBTotal: round1(total / 1024),
    offscreenJsHeap: offscreenHeap,
  };
}

/**
 * Runs in the service worker: one `codeText` to the offscreen document and back, as the
 * background sends it for the panel (default settings), in milliseconds.
 */
async function relayRoundTrip(text) {
  const t0 = performance.now();
  const reply = await chrome.runtime.sendMessage({
    target: 'offscreen',
    type: 'codeText',
    data: { text, setting: 'outpatient', scope: 'reportable', useFeedback: true },
  });
  if (!reply?.ok)
    throw new Error(`Expected codeText to answer, got ${JSON.stringify(reply?.error)}.`);
  return performance.now() - t0;
}

const round1 = (x) => Math.round(x * 10) / 10;

function machineLine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu =
      /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux
  }
  let nproc = os.availableParallelism();
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // no nproc
  }
  return `${nproc} CPUs, ${cpu}, ${round1(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
}

function renderSection(r) {
  const row = (label, s) => `| ${label} | ${s.median} | ${s.p95} | ${s.min} | ${s.max} | ${s.n} |`;
  const mem = r.memory;
  return [
    '<!-- chromium:start -->',
    '## Chromium (extension, whole message path)',
    '',
    'Generated by `node test/e2e/bench-chromium.mjs` (after `npm run build:test`), reusing the e2e harness',
    '(test/e2e/harness): Debian Chromium, headless, fresh profile, fixture page `plain-note.html`.',
    "Times are on the page's clock, from just before the service worker is asked to `openPanel` to the",
    "panel's own stamp of the first codes' DOM commit (`data-first-codes-at`; a long result lists its",
    'first 12 codes at once and the rest after the first paint, "every code listed" rows: `data-shown-at`),',
    'so polling adds nothing (it reads one attribute the test build copies onto the panel host).',
    '"After reload" rows include injecting the content script and mounting the panel; "again on the same',
    'page" rows are a second open with both in place. The "own" rows are the panel\'s footer figure:',
    'content script sends the note → result back (extraction excluded, message path and engine included).',
    '',
    `- Date: ${r.date}${r.quick ? ' (quick run)' : ''}; machine: ${machineLine()}`,
    `- Load average at start: ${r.loadAverage.start}; at end: ${r.loadAverage.end}`,
    '',
    '| openPanel → codes shown | median ms | p95 ms | min | max | runs |',
    '| --- | --- | --- | --- | --- | --- |',
    `| cold, first run (pack install into IndexedDB) | ${r.coldFirstInstall.ms} | | | | 1 |`,
    row('cold from IndexedDB (offscreen document closed)', r.coldFromIndexedDb),
    row('warm, plain-note.html, after reload (offscreen alive)', r.warmPlainNote),
    ...(r.warmPlainNoteReopen
      ? [row('warm, plain-note.html, again on the same page', r.warmPlainNoteReopen)]
      : []),
    row(
      `warm, synthetic ${r.warmSynthetic1500.words}-word note, after reload`,
      r.warmSynthetic1500,
    ),
    ...(r.warmSynthetic1500Reopen
      ? [
          row(
            `warm, synthetic ${r.warmSynthetic1500.words}-word note, again on the same page`,
            r.warmSynthetic1500Reopen,
          ),
        ]
      : []),
    ...(r.warmSynthetic1500All
      ? [
          row(
            `warm, ${r.warmSynthetic1500.words}-word note, after reload: every code listed`,
            r.warmSynthetic1500All,
          ),
        ]
      : []),
    ...(r.warmSynthetic1500ReopenAll
      ? [
          row(
            `warm, ${r.warmSynthetic1500.words}-word note, again on the same page: every code listed`,
            r.warmSynthetic1500ReopenAll,
          ),
        ]
      : []),
    ...(r.warmPlainNotePanel?.n
      ? [row("warm, plain-note.html: the panel's own send → result time", r.warmPlainNotePanel)]
      : []),
    ...(r.warmSynthetic1500Panel?.n
      ? [
          row(
            `warm, ${r.warmSynthetic1500.words}-word note: the panel's own send → result time`,
            r.warmSynthetic1500Panel,
          ),
        ]
      : []),
    ...(r.offscreenEngine1500
      ? [
          row(
            `the engine alone in the offscreen document, same ${r.warmSynthetic1500.words}-word note (no messaging, no panel)`,
            r.offscreenEngine1500,
          ),
        ]
      : []),
    row('offscreen createDocument alone (no coder load)', r.offscreenCreate),
    '',
    ...(r.path1500 ? pathSection(r) : []),
    ...(r.offscreenEngine1500
      ? [
          `The engine's result for that note is ${r.offscreenEngine1500.resultJsonKiB} KiB as JSON (structured clone ${r.offscreenEngine1500.structuredCloneMs} ms).`,
        ]
      : []),
    ...(r.linker
      ? [
          `Linker in the offscreen document (ONNX Runtime Web, ${r.linker.executionProviders.join('+')}): session from the packaged model ${Math.round(r.linker.sessionMs)} ms; 200 mentions embedded in ${Math.round(r.linker.firstEmbedMs)} ms first, ${Math.round(r.linker.warmEmbedMs)} ms warm.`,
          '',
        ]
      : []),
    ...(r.codeEmbeddings
      ? [
          `Code embeddings (not packaged; computed from linker.onnx on the first start, then cached in IndexedDB): ${r.codeEmbeddings.codes} codes computed in ${Math.round(r.codeEmbeddings.computeMs)} ms (once per install or linker); read from the cache and checked in ${Math.round(r.codeEmbeddings.cachedMs)} ms (${r.codeEmbeddings.cachedFrom}) on each later start.`,
          '',
        ]
      : []),
    `Browser launch to service worker: ${r.launchMs} ms.`,
    '',
    `Memory after coding (RSS by Chromium process kind, MiB; shared pages count in each): ${Object.entries(
      mem.rssMiBByKind,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; total ${mem.rssMiBTotal}.` +
      (mem.offscreenJsHeap
        ? ` Offscreen document JS heap: ${mem.offscreenJsHeap.usedMiB} MiB used of ${mem.offscreenJsHeap.totalMiB} MiB.`
        : ''),
    '<!-- chromium:end -->',
  ].join('\n');
}

/** The 1,500-word note's path, each part measured beside each panel run (same load). */
function pathSection(r) {
  const p = r.path1500;
  const row = (label, s) => `| ${label} | ${s.median} | ${s.p95} | ${s.min} | ${s.max} | ${s.n} |`;
  const ratio = (a, b) => (b.median > 0 ? (a.median / b.median).toFixed(2) : 'n/a');
  return [
    `The ${r.warmSynthetic1500.words}-word note again on the same page, part by part (each run of the panel beside one run of each part):`,
    '',
    '| part of the path | median ms | p95 ms | min | max | runs |',
    '| --- | --- | --- | --- | --- | --- |',
    row('engine alone in the offscreen document (diagnoses)', p.engine),
    row("the codeText handler's work (diagnoses and procedures, no messaging)", p.handler),
    row('service worker → offscreen document → service worker (codeText)', p.relay),
    row(
      "the panel's own send → result (content script → background → offscreen and back)",
      p.panel,
    ),
    '',
    `Panel send → result over the engine alone: ${ratio(p.panel, p.engine)}x (goal ≤ 1.5x); over the codeText handler's work: ${ratio(p.panel, p.handler)}x; the relay from the service worker over the handler's work: ${ratio(p.relay, p.handler)}x.`,
    '',
  ];
}

function updateDoc(section) {
  const docPath = path.join(root, 'docs', 'BENCHMARKS.md');
  const start = '<!-- chromium:start -->';
  const end = '<!-- chromium:end -->';
  const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n';
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  const next =
    a >= 0 && b > a
      ? doc.slice(0, a) + section + doc.slice(b + end.length)
      : `${doc.trimEnd()}\n\n${section}\n`;
  mkdirSync(path.dirname(docPath), { recursive: true });
  writeFileSync(docPath, next);
}

main().catch((error) => {
  console.error(`bench-chromium: ${error?.stack ?? error}`);
  process.exit(1);
});
