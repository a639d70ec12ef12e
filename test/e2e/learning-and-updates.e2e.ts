/**
 * Learning from the coder and keeping the terminology current, in a real Chromium with the
 * built extension:
 * (a) reject a suggestion in the panel, re-code, see it ranked lower (or hidden); export the
 *     feedback file from the options page and check it holds short terms and codes only;
 * (b) build a synthetic next-year release from the real FY2025 order file (one code retitled,
 *     codes added and deleted), import it on the options page, read the diff, switch, and see
 *     the new version and title in the panel on the fixture page.
 * No request leaves the machine (the harness checks it after the file).
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { parseFeedbackFile, MAX_TERM_CHARS, MAX_TERM_WORDS } from '../../src/feedback/index.js';
import {
  launchExtensionBrowser,
  type ExtensionBrowser,
} from './harness/launch-extension-browser.js';
import {
  clickNode,
  findPanelNodes,
  readPanel,
  waitForPanelNodes,
  waitForPanelResult,
} from './harness/panel-driver.js';
import { PHI_NEEDLES } from './harness/phi-sentinel.js';
import { openPanelInActiveTab } from './harness/open-panel.js';

const DATA_DIR = process.env.MARGINALIA_DATA ?? path.resolve('../shared/data');
const ORDER_FILE = [
  path.join(DATA_DIR, 'icd10cm', 'icd10cm-order-2025-april.txt'),
  path.join(DATA_DIR, 'icd10cm-order-2025-april.txt'),
].find(existsSync);

let run: ExtensionBrowser;
let page: Page;
let work: string;
const timings: Record<string, number> = {};
/** Codes the fixture note gets, before any feedback. */
let positives: string[] = [];

async function timed<T>(label: string, task: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await task();
  } finally {
    timings[label] = Math.round(performance.now() - started);
  }
}

async function openPanel(): Promise<void> {
  await openPanelInActiveTab(run, page);
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Expected ${what} within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function openOptions(section: 'learned' | 'terminology'): Promise<Page> {
  const options = await run.browser.newPage();
  await options.goto(`chrome-extension://${run.extensionId}/options.html`, { waitUntil: 'load' });
  await options.waitForSelector(`#${section}-details > summary`);
  await options.click(`#${section}-details > summary`);
  return options;
}

/** The order file with `retitle` given a new long title, `remove` deleted, `add` inserted; renumbered. */
function makeNextRelease(
  source: string,
  retitle: { code: string; title: string },
  remove: string[],
  add: { after: string; code: string; title: string }[],
): string {
  const lines = source.split(/\r?\n/).filter((line) => line.length > 0);
  const codeOf = (line: string): string => line.slice(6, 13).trim();
  const out: string[] = [];
  const fixed = (code: string, header: boolean, title: string): string =>
    `00000 ${code.padEnd(7)} ${header ? 0 : 1} ${title.slice(0, 60).padEnd(60)} ${title}`;
  let retitled = false;
  for (const line of lines) {
    const code = codeOf(line);
    if (remove.includes(code)) continue;
    if (code === retitle.code) {
      out.push(`${line.slice(0, 77)}${retitle.title}`);
      retitled = true;
    } else out.push(line);
    for (const extra of add.filter((a) => a.after === code))
      out.push(fixed(extra.code, false, extra.title));
  }
  if (!retitled) throw new Error(`Expected ${retitle.code} in the order file, found none.`);
  return `${out.map((line, i) => `${String(i + 1).padStart(5, '0')}${line.slice(5)}`).join('\r\n')}\r\n`;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'marginalia-learning-'));
  run = await timed('launch', () => launchExtensionBrowser('learning-and-updates'));
  page = await run.browser.newPage();
  await page.goto(run.fixtures.url('plain-note.html'), { waitUntil: 'load' });
});

afterAll(async () => {
  console.log(`e2e timings (ms): ${JSON.stringify(timings)}`);
  await run?.close();
});

describe('learning from the coder', () => {
  it('ranks a rejected suggestion lower after re-coding', async () => {
    await openPanel();
    const first = await timed('first results', () => waitForPanelResult(page, 90_000));
    positives = [...new Set(first.codes.filter((c) => c.flagged === null).map((c) => c.code))];
    expect(positives.length).toBeGreaterThan(1);
    const target = positives[1]!;
    const confidenceOf = async (): Promise<number | undefined> => {
      const row = (await findPanelNodes(page, (a) => a['data-suggestion'] === target))[0];
      const match = row ? /(\d+)%/.exec(row.text) : null;
      return match ? Number(match[1]) : undefined;
    };
    const before = (await confidenceOf())!;
    const [reject] = await findPanelNodes(
      page,
      (a) => a['data-action'] === 'reject' && a['aria-label'] === `Reject ${target}`,
    );
    await clickNode(page, reject!);
    await waitForPanelNodes(
      page,
      (a) => a['data-suggestion'] === target && a['data-decision'] === 'rejected',
      { what: `${target} rejected` },
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // the feedback message goes out after the render

    await timed('re-code with feedback', async () => {
      await openPanel();
      await waitFor(`${target} ranked lower or hidden`, async () => {
        const row = (
          await findPanelNodes(
            page,
            (a) => a['data-suggestion'] === target || a['data-hidden-code'] === target,
          )
        )[0];
        if (!row) return false;
        if ('data-hidden-code' in row.attributes || /Ranked lower/.test(row.text)) return true;
        const now = await confidenceOf();
        return now !== undefined && now < before;
      });
    });
  });

  it('exports a feedback file with short terms and codes only', async () => {
    const target = positives[1]!;
    const downloads = path.join(work, 'downloads');
    mkdirSync(downloads, { recursive: true });
    const session = await run.browser.target().createCDPSession();
    await session.send('Browser.setDownloadBehavior', {
      behavior: 'allow',
      downloadPath: downloads,
    });
    const options = await openOptions('learned');
    await options.waitForSelector(
      `tr[data-feedback-code="${target}"][data-feedback-decision="reject"]`,
      { timeout: 60_000 },
    );
    await options.click('#feedback-export');
    const file = await waitFor(
      'the exported file',
      async () => readdirSync(downloads).find((name) => name.endsWith('.json')),
      15_000,
    );
    const text = readFileSync(path.join(downloads, file), 'utf8');
    const parsed = parseFeedbackFile(text); // the importer's own checks: stored-form terms only
    expect(parsed.records.some((r) => r.code === target && r.decision === 'reject')).toBe(true);
    for (const needle of PHI_NEEDLES)
      expect(text.toLowerCase()).not.toContain(needle.toLowerCase());
    for (const record of parsed.records) {
      expect(record.term.split(' ').length).toBeLessThanOrEqual(MAX_TERM_WORDS);
      expect(record.term.length).toBeLessThanOrEqual(MAX_TERM_CHARS);
    }
    // Nothing but the format's fields: no sentence of the note anywhere in the file.
    const note = (await readPanel(page)).text;
    for (const sentence of note
      .split(/[.“”]/)
      .map((s) => s.trim())
      .filter((s) => s.split(/\s+/).length > MAX_TERM_WORDS)) {
      expect(text).not.toContain(sentence);
    }
    await options.close();
  });
});

describe('keeping the terminology current', () => {
  it('imports a synthetic next-year release, shows the diff, switches, the panel uses it, rolls back and removes it', async () => {
    expect(
      ORDER_FILE,
      'the FY2025 order file ($MARGINALIA_DATA or ../shared/data/icd10cm)',
    ).toBeDefined();
    const retitled = positives[0]!;
    const dotless = retitled.replace('.', '');
    const newTitle = 'Retitled for the next release (synthetic test title)';
    const release = makeNextRelease(
      readFileSync(ORDER_FILE!, 'latin1'),
      { code: dotless, title: newTitle },
      ['A000', 'A001'],
      [
        { after: 'A009', code: 'A008', title: 'Cholera due to a synthetic test organism' },
        { after: 'A0105', code: 'A0108', title: 'Typhoid fever, synthetic test variant' },
      ],
    );
    const releaseFile = path.join(work, 'icd10cm-order-2026.txt');
    writeFileSync(releaseFile, release, 'latin1');

    const options = await openOptions('terminology');
    await options.waitForSelector('[data-active-version="2025-april"]', { timeout: 60_000 });
    const input = (await options.waitForSelector(
      '#release-files',
    )) as ElementHandle<HTMLInputElement> | null;
    await input!.uploadFile(releaseFile);
    await options.waitForSelector('#release-version');
    expect(await options.$eval('#release-version', (el) => (el as HTMLInputElement).value)).toBe(
      '2026',
    );
    await options.click('#release-preview');
    await timed('read release + diff', () =>
      options.waitForSelector('[data-release-preview="2026"], [data-release-status="failed"]', {
        timeout: 90_000,
      }),
    );
    const failure = await options
      .$eval('[data-release-status="failed"]', (el) => el.textContent)
      .catch(() => null);
    expect(failure).toBeNull();
    const count = (name: string) =>
      options.$eval(`[data-count="${name}"]`, (el) => Number(el.textContent));
    expect(await count('added')).toBe(2);
    expect(await count('deleted')).toBe(2);
    expect(await count('retitled')).toBeGreaterThanOrEqual(1);
    expect(await options.$eval(`[data-retitled="${retitled}"]`, (el) => el.textContent)).toContain(
      newTitle,
    );

    await options.click('#release-switch');
    await timed('switch', () =>
      options.waitForSelector('[data-release-status="done"], [data-release-status="failed"]', {
        timeout: 90_000,
      }),
    );
    expect(
      await options.$eval(
        '[data-release-status]',
        (el) => `${el.getAttribute('data-release-status')}: ${el.textContent}`,
      ),
    ).toMatch(/^done/);
    // The earlier version stays selectable (roll back).
    await options.waitForSelector('[data-use-version="2025-april"]');
    await options.close();

    await page.reload({ waitUntil: 'load' });
    await openPanel();
    const after = await timed('panel on the new release', () => waitForPanelResult(page, 60_000));
    expect(after.terminology).toBe('ICD-10-CM 2026');
    expect(after.text).toContain(newTitle);

    // Roll back through the options page, then remove the imported version from IndexedDB.
    const back = await openOptions('terminology');
    await back.waitForSelector('[data-active-version="2026"]', { timeout: 60_000 });
    expect(await back.$('[data-delete-version="2026"]')).toBeNull(); // the version in use cannot be removed
    expect(await back.$('[data-delete-version="2025-april"]')).toBeNull(); // nor the packaged one
    await back.click('[data-use-version="2025-april"]');
    await back.waitForSelector('[data-active-version="2025-april"]', { timeout: 90_000 });
    await back.waitForSelector('[data-delete-version="2026"]');
    await back.click('[data-delete-version="2026"]');
    await back.waitForSelector('[data-release-status="done"], [data-release-status="failed"]', {
      timeout: 30_000,
    });
    expect(
      await back.$eval(
        '[data-release-status]',
        (el) => `${el.getAttribute('data-release-status')}: ${el.textContent}`,
      ),
    ).toMatch(/^done: Removed/);
    const stored = await back.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('marginalia');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const keys = db
              .transaction('terminology-packs')
              .objectStore('terminology-packs')
              .getAllKeys();
            keys.onsuccess = () => {
              resolve(keys.result.map(String));
              db.close();
            };
            keys.onerror = () => reject(keys.error);
          };
        }),
    );
    expect(stored).toEqual(['2025-april']);
    await back.close();
    await page.reload({ waitUntil: 'load' });
    await openPanel();
    expect((await waitForPanelResult(page, 60_000)).terminology).toBe('ICD-10-CM 2025-april');
  });
});
