// Screenshots of the panel on synthetic fixture pages, light and dark, for README.md:
//   npm run screenshots   (builds first; writes docs/screenshots/*.png)
// Uses the e2e launch options (Debian Chromium, the built extension, Google traffic silenced)
// and the e2e harness's panel driver (the panel's closed shadow root through CDP).
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { buildLaunchOptions, createProfileDirs, REPO_ROOT } from './harness/chromium-launch.mjs';
import { startFixtureServer } from './harness/fixture-server.mjs';
import { importHarness } from './harness/import-harness.mjs';

const OUT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
const SHOTS = [
  { page: 'plain-note.html', name: 'panel-progress-note', accept: 3, browse: true },
  { page: 'chart-summary-table.html', name: 'panel-chart-summary', accept: 2 },
];

const { openPanelInActiveTab, findPanelNodes, waitForPanelNodes, clickNode, callOnNode } =
  await importHarness({
    'test/e2e/harness/open-panel.ts': ['openPanelInActiveTab'],
    'test/e2e/harness/panel-driver.ts': [
      'findPanelNodes',
      'waitForPanelNodes',
      'clickNode',
      'callOnNode',
    ],
  });

async function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  const fixtures = await startFixtureServer();
  const profile = createProfileDirs('screenshots');
  const options = buildLaunchOptions({ profile });
  options.defaultViewport = { width: 1280, height: 860, deviceScaleFactor: 1 };
  const browser = await puppeteer.launch(options);
  try {
    const workerTarget = await browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'),
    );
    const worker = await workerTarget.worker();
    for (const shot of SHOTS) {
      for (const scheme of ['light', 'dark']) {
        const page = await browser.newPage();
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await page.goto(fixtures.url(shot.page), { waitUntil: 'load' });
        await openPanelInActiveTab({ serviceWorker: worker }, page);
        await waitForPanelNodes(page, (a) => 'data-terminology' in a, {
          what: 'results',
          timeoutMs: 90_000,
        });
        // A fresh review each time (the same note keeps its decisions for the session).
        for (const remove of await findPanelNodes(page, (a) =>
          a['aria-label']?.startsWith('Remove '),
        ))
          await clickNode(page, remove);
        const codes = await findPanelNodes(page, (a) => 'data-code' in a && !('data-flagged' in a));
        const seen = [...new Set(codes.map((n) => n.attributes['data-code']))];
        for (const code of seen.slice(0, shot.accept)) {
          const [accept] = await findPanelNodes(
            page,
            (a) => a['data-action'] === 'accept' && a['aria-label'] === `Accept ${code}`,
          );
          if (accept) await clickNode(page, accept);
        }
        const first = codes[0];
        if (first) await clickNode(page, first); // highlight its evidence in the note
        if (shot.browse && seen[1]) {
          const [browse] = await findPanelNodes(
            page,
            (a) => a['data-action'] === 'browse' && a['aria-label']?.endsWith(` ${seen[1]}`),
          );
          if (browse) await clickNode(page, browse);
          await waitForPanelNodes(page, (a) => 'data-browse-code' in a, {
            what: 'the hierarchy',
            timeoutMs: 10_000,
          }).catch(() => undefined);
          const [hierarchy] = await findPanelNodes(page, (a) => 'data-browser-code' in a);
          if (hierarchy)
            await callOnNode(
              page,
              hierarchy.backendNodeId,
              'function () { this.scrollIntoView({ block: "end" }); }',
            );
        }
        await new Promise((r) => setTimeout(r, 700)); // checks arrive, smooth scroll settles
        const file = path.join(OUT_DIR, `${shot.name}-${scheme}.png`);
        await page.screenshot({ path: file });
        console.log(`screenshots: ${path.relative(REPO_ROOT, file)}`);
        await page.close();
      }
    }
    await shootEncounter(browser, worker, fixtures);
  } finally {
    await browser.close();
    await fixtures.close();
    rmSync(profile.base, { recursive: true, force: true });
  }
}

/** Three notes of one synthetic stay added to one encounter; the encounter view, light and dark. */
const ENCOUNTER_NOTES = [
  { page: 'encounter-hp.html', accept: ['E11.9'] },
  { page: 'encounter-consult.html', accept: ['N18.32'] },
  { page: 'encounter-discharge.html', accept: ['I11.0', 'I50.33'] },
];

async function openWithPanel(browser, worker, fixtures, name, scheme) {
  const page = await browser.newPage();
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.goto(fixtures.url(name), { waitUntil: 'load' });
  await openPanelInActiveTab({ serviceWorker: worker }, page);
  await waitForPanelNodes(page, (a) => 'data-terminology' in a, {
    what: 'results',
    timeoutMs: 90_000,
  });
  return page;
}

const waitFor = (page, match, what) => waitForPanelNodes(page, match, { what, timeoutMs: 30_000 });

async function shootEncounter(browser, worker, fixtures) {
  for (const [index, note] of ENCOUNTER_NOTES.entries()) {
    const page = await openWithPanel(browser, worker, fixtures, note.page, 'light');
    if (index === 0) {
      const [start] = await waitFor(
        page,
        (a) => a['data-action'] === 'start-encounter',
        'the start button',
      );
      await clickNode(page, start);
    }
    await waitFor(
      page,
      (a) => 'data-encounter' in a && a['data-encounter'] !== 'none',
      'an open encounter',
    );
    for (const code of note.accept) {
      const [accept] = await waitFor(
        page,
        (a) => a['data-action'] === 'accept' && a['aria-label'] === `Accept ${code}`,
        `accept ${code}`,
      );
      await clickNode(page, accept);
      await waitFor(page, (a) => a['data-accepted-code'] === code, `${code} accepted`);
    }
    const [add] = await waitFor(
      page,
      (a) => a['data-action'] === 'add-to-encounter' && !('disabled' in a),
      'the add button',
    );
    await clickNode(page, add);
    await waitFor(
      page,
      (a) => a['data-encounter-notes'] === String(index + 1),
      'the note in the encounter',
    );
    await page.close();
  }
  for (const scheme of ['light', 'dark']) {
    const page = await openWithPanel(browser, worker, fixtures, 'encounter-discharge.html', scheme);
    const [heading] = await waitFor(page, (a) => a.id === 'encounter-heading', 'the encounter');
    await waitFor(page, (a) => 'data-encounter-code' in a, 'the encounter codes');
    await callOnNode(
      page,
      heading.backendNodeId,
      'function () { this.scrollIntoView({ block: "start" }); }',
    );
    await new Promise((r) => setTimeout(r, 500));
    const file = path.join(OUT_DIR, `panel-encounter-${scheme}.png`);
    await page.screenshot({ path: file });
    console.log(`screenshots: ${path.relative(REPO_ROOT, file)}`);
    await page.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
