/**
 * Load and unusual input, in a real Chromium. Large notes (1 MB, 50,000 words) are generated
 * into a blank fixture page and coded while a 'longtask' PerformanceObserver, registered by the
 * test in the page before the panel opens, watches the page's main thread: no task may exceed
 * 200 ms on the reference machine (scaled by how fast the page runs a fixed piece of work in
 * the same run), through extraction, coding, rendering and highlighting. The panel shows progress
 * while it codes. Empty pages, binary garbage, one huge line, RTL text, combining marks and
 * emoji each end in a clear panel state, and evidence highlights land on the right characters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  launchExtensionBrowser,
  type ExtensionBrowser,
} from './harness/launch-extension-browser.js';
import { PHI_SENTINEL } from './harness/phi-sentinel.js';
import { clickNode, type PanelSnapshot, readPanel } from './harness/panel-driver.js';
import { openPanelInActiveTab } from './harness/open-panel.js';

/**
 * The page-task budget on a quiet reference machine. The budget scales with how fast the page
 * runs a fixed piece of work in the same run (the brief: timings as ratios against a baseline in
 * the same run), so a loaded CI machine is not read as a regression.
 */
const MAX_PAGE_LONG_TASK_MS = 200;
/** Milliseconds the reference machine (2 quiet cores) takes for {@link pageSpeedFactor}'s work. */
const REFERENCE_WORK_MS = 25;

/**
 * How much slower than the reference machine this page runs right now (at least 1). Measured
 * before and after each large note (the budget takes the larger), since load varies in a run.
 */
async function pageSpeedFactor(): Promise<number> {
  const runs: number[] = [];
  for (let k = 0; k < 3; k++) {
    runs.push(
      await page.evaluate(() => {
        const start = performance.now();
        let x = 0;
        for (let i = 0; i < 20_000_000; i++) x += i % 7;
        return x > 0 ? performance.now() - start : 0;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  runs.sort((a, b) => a - b);
  return Math.max(1, runs[1]! / REFERENCE_WORK_MS);
}

/** The page-task budget for this run, and the figure in the timings. */
async function longTaskBudget(label: string): Promise<number> {
  const factor = await pageSpeedFactor();
  timings[`${label}: page speed factor`] = Math.round(factor * 100) / 100;
  return MAX_PAGE_LONG_TASK_MS * factor;
}

let run: ExtensionBrowser;
let page: Page;
const timings: Record<string, number> = {};

const SENTENCES = [
  'Patient with essential hypertension and type 2 diabetes mellitus with chronic kidney disease stage 3a.',
  'Denies chest pain. No pneumonia on imaging.',
  'Acute bronchitis, supportive care. Mother with breast cancer.',
  'Follow-up of chronic obstructive pulmonary disease with acute exacerbation; continue inhalers.',
  `${PHI_SENTINEL}.`,
  'Reviewed medications, vitals stable, ambulating without assistance, tolerating diet.',
];

/** Paragraphs of clinical-looking text totalling at least `minChars` or `minWords`. */
function generateParagraphs(options: {
  minChars?: number;
  minWords?: number;
  sentencesPerParagraph?: number;
}): string[] {
  const paragraphs: string[] = [];
  let chars = 0;
  let words = 0;
  let i = 0;
  while (chars < (options.minChars ?? 0) || words < (options.minWords ?? 0)) {
    const sentences: string[] = [];
    for (let s = 0; s < (options.sentencesPerParagraph ?? 4); s++)
      sentences.push(SENTENCES[i++ % SENTENCES.length]!);
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    chars += paragraph.length + 1;
    words += paragraph.split(' ').length;
  }
  return paragraphs;
}

/** Replaces the blank page's <main> with paragraphs (as text) and lets layout settle. */
async function fillNote(paragraphs: string[]): Promise<void> {
  await page.goto(run.fixtures.url('blank-page.html'), { waitUntil: 'load' });
  await page.evaluate((texts: string[]) => {
    const main = document.querySelector('main')!;
    const fragment = document.createDocumentFragment();
    for (const text of texts) {
      const p = document.createElement('p');
      p.textContent = text;
      fragment.append(p);
    }
    main.replaceChildren(fragment);
    void document.body.offsetHeight; // lay the page out now, not while the extension works
  }, paragraphs);
  await page.evaluate(
    () =>
      new Promise((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 300))),
      ),
  );
}

/** Registers the long-task observer in the page (before the panel opens). */
async function watchLongTasks(): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

async function readLongTasks(): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

async function openPanel(): Promise<void> {
  await openPanelInActiveTab(run, page);
}

/** Polls the panel until `done` holds; remembers every distinct text it showed on the way. */
async function pollPanel(
  done: (panel: PanelSnapshot) => boolean,
  timeoutMs: number,
): Promise<{ panel: PanelSnapshot; seen: string[] }> {
  const deadline = Date.now() + timeoutMs;
  const seen = new Set<string>();
  for (;;) {
    const panel = await readPanel(page);
    const status = panel.text.match(
      /(Reading the note|Coding [\d,]+ characters|[A-Z][a-z ]+ \(first run\)|Starting the coding engine|Indexing [\d,]+ codes)/,
    )?.[0];
    if (status) seen.add(status);
    if (done(panel)) return { panel, seen: [...seen] };
    if (Date.now() > deadline)
      throw new Error(
        `Expected the panel to finish within ${timeoutMs} ms; it shows: "${panel.text.slice(0, 300)}"`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const isFinished = (panel: PanelSnapshot): boolean =>
  panel.terminology !== null ||
  /Couldn’t code this page|No note text found|Couldn’t show the suggestions/.test(panel.text);

/** Ranges of the evidence highlight, as text. */
async function highlightedTexts(): Promise<string[]> {
  const handle = await page.waitForFunction(
    () => {
      const highlight = (
        CSS as unknown as { highlights?: Map<string, Iterable<Range>> }
      ).highlights?.get('marginalia-evidence');
      const texts = highlight ? [...highlight].map((range) => range.toString()) : [];
      return texts.length > 0 ? texts : null;
    },
    { timeout: 10_000 },
  );
  return (await handle.jsonValue()) as string[];
}

beforeAll(async () => {
  run = await launchExtensionBrowser('large-and-odd-notes');
  page = await run.browser.newPage();
  // Warm the engine once on a small note, so that the large-note timings measure coding.
  await fillNote(generateParagraphs({ minChars: 500 }));
  await openPanel();
  await pollPanel(isFinished, 90_000);
});

afterAll(async () => {
  console.log(`e2e timings (ms): ${JSON.stringify(timings)}`);
  await run?.close();
});

describe('large notes', () => {
  it('the long-task observer sees a busy page (positive control)', async () => {
    await fillNote(['Control.']);
    await watchLongTasks();
    await page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            const start = performance.now();
            while (performance.now() - start < 120) {
              /* a deliberate 120 ms task */
            }
            setTimeout(resolve, 50);
          }, 0),
        ),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(Math.max(0, ...(await readLongTasks()))).toBeGreaterThanOrEqual(110);
    // A task run in an ISOLATED world (where content scripts run) is seen by the page's observer too.
    await watchLongTasks();
    const session = await page.createCDPSession();
    const { frameTree } = (await session.send('Page.getFrameTree')) as {
      frameTree: { frame: { id: string } };
    };
    const { executionContextId } = await session.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'long-task-control',
    });
    await session.send('Runtime.evaluate', {
      contextId: executionContextId,
      expression:
        'setTimeout(() => { const s = performance.now(); while (performance.now() - s < 120) {} }, 0)',
    });
    await session.detach();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(Math.max(0, ...(await readLongTasks()))).toBeGreaterThanOrEqual(110);
  });

  for (const [label, generate] of [
    ['a 1 MB note', () => generateParagraphs({ minChars: 1_000_000 })],
    [
      'a 50,000-word note',
      () => generateParagraphs({ minWords: 50_000, sentencesPerParagraph: 2 }),
    ],
  ] as const) {
    it(`codes ${label} with progress shown and no page task over ${MAX_PAGE_LONG_TASK_MS} ms`, async () => {
      const paragraphs = generate();
      await fillNote(paragraphs);
      const budgetBefore = await longTaskBudget(label);
      await watchLongTasks();
      const started = performance.now();
      await openPanel();
      const { panel, seen } = await pollPanel(isFinished, 110_000);
      timings[`${label}: results`] = Math.round(performance.now() - started);
      expect(panel.text).not.toMatch(/Couldn’t/);
      expect(panel.terminology).toMatch(/^ICD-10-CM /);
      expect(panel.codes.map((code) => code.code)).toContain('I10');
      // Progress: the panel said what it was doing while the engine worked.
      expect(seen.some((status) => /^Coding [\d,]+ characters$/.test(status))).toBe(true);
      // Highlight drawing on the huge page stays off the long-task list too.
      const i10 = panel.codes.find((code) => code.code === 'I10')!;
      await clickNode(page, i10);
      const texts = await highlightedTexts();
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) expect(text.toLowerCase()).toContain('hypertension');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const longTasks = await readLongTasks();
      timings[`${label}: longest page task`] = Math.round(Math.max(0, ...longTasks));
      const budget = Math.max(budgetBefore, await longTaskBudget(`${label} (after)`));
      expect(Math.max(0, ...longTasks)).toBeLessThanOrEqual(budget);
    }, 180_000);
  }
});

describe('unusual notes end in a clear panel state', () => {
  it('a note over the 2,000,000-character limit is refused with a message saying so, quickly', async () => {
    await fillNote(generateParagraphs({ minChars: 2_100_000 }));
    const budgetBefore = await longTaskBudget('over the limit');
    await watchLongTasks();
    const started = performance.now();
    await openPanel();
    const { panel } = await pollPanel(isFinished, 30_000);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(panel.text).toMatch(/Couldn’t code this page/);
    expect(panel.text).toMatch(/at most 2000000 chars/);
    expect(panel.text).not.toContain(PHI_SENTINEL); // the error describes the payload's shape, not its text
    const longest = Math.max(0, ...(await readLongTasks()));
    const budget = Math.max(budgetBefore, await longTaskBudget('over the limit (after)'));
    expect(longest).toBeLessThanOrEqual(budget);
  });

  it('an empty page says there is no note text', async () => {
    await fillNote([]);
    await openPanel();
    const { panel } = await pollPanel(isFinished, 30_000);
    expect(panel.text).toMatch(/No note text found/);
  });

  it('binary garbage codes without crashing (results, possibly none)', async () => {
    let seed = 4711;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const garbage: string[] = [];
    for (let p = 0; p < 40; p++) {
      let text = '';
      for (let i = 0; i < 400; i++) {
        const pick = random();
        // Control characters, lone surrogates, private use, replacement chars and bytes as Latin-1.
        text +=
          pick < 0.2
            ? String.fromCharCode(Math.floor(random() * 32))
            : pick < 0.3
              ? String.fromCharCode(0xd800 + Math.floor(random() * 0x800))
              : pick < 0.4
                ? String.fromCharCode(0xe000 + Math.floor(random() * 0x1000))
                : pick < 0.45
                  ? '\ufffd'
                  : String.fromCharCode(Math.floor(random() * 256));
      }
      garbage.push(text);
    }
    garbage.push(`Essential hypertension. ${PHI_SENTINEL}.`);
    await fillNote(garbage);
    await openPanel();
    const { panel } = await pollPanel(isFinished, 60_000);
    expect(panel.text).not.toMatch(/Couldn’t/);
    expect(panel.terminology).toMatch(/^ICD-10-CM /);
  });

  it('one huge line (500,000 characters, plus a 50,000-character token) codes with highlights in place', async () => {
    const line = generateParagraphs({ minChars: 500_000, sentencesPerParagraph: 50 }).join(' ');
    await fillNote([`${'x'.repeat(50_000)} ${line}`]);
    const budgetBefore = await longTaskBudget('one huge line');
    await watchLongTasks();
    await openPanel();
    const { panel } = await pollPanel(isFinished, 110_000);
    expect(panel.text).not.toMatch(/Couldn’t/);
    const i10 = panel.codes.find((code) => code.code === 'I10');
    expect(i10).toBeDefined();
    await clickNode(page, i10!);
    for (const text of await highlightedTexts())
      expect(text.toLowerCase()).toContain('hypertension');
    const longest = Math.max(0, ...(await readLongTasks()));
    const budget = Math.max(budgetBefore, await longTaskBudget('one huge line (after)'));
    expect(longest).toBeLessThanOrEqual(budget);
  }, 150_000);

  it('RTL text, combining marks and emoji keep evidence offsets on the right characters', async () => {
    await fillNote([
      'المريض يعاني من ارتفاع ضغط الدم — patient has essential hypertension — מטופל עם יתר לחץ דם.',
      'Pe\u0301rez re\u0301sume\u0301: Z\u0335a\u0335l\u0335g\u0335o\u0335 text, then 🫀🩺👩🏽‍⚕️ acute bronchitis 🙂🙂.',
      `🧬 Type 2 diabetes mellitus 👨‍👩‍👧 with chronic kidney disease. ${PHI_SENTINEL}.`,
    ]);
    await openPanel();
    const { panel } = await pollPanel(isFinished, 60_000);
    expect(panel.text).not.toMatch(/Couldn’t/);
    const byCode = new Map(panel.codes.map((code) => [code.code, code]));
    const expectations: [string, RegExp][] = [
      ['I10', /hypertension/i],
      ['J20.9', /bronchitis/i],
    ];
    let checked = 0;
    for (const [code, pattern] of expectations) {
      const entry = byCode.get(code);
      if (!entry) continue;
      await clickNode(page, entry);
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const text of await highlightedTexts()) expect(text).toMatch(pattern);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
