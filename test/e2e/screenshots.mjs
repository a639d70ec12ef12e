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

const { openPanelInActiveTab, findPanelNodes, waitForPanelNodes, clickNode, callOnNode } = await importHarness({
  'test/e2e/harness/open-panel.ts': ['openPanelInActiveTab'],
  'test/e2e/harness/panel-driver.ts': ['findPanelNodes', 'waitForPanelNodes', 'clickNode', 'callOnNode'],
});

async function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  const fixtures = await startFixtureServer();
  const profile = createProfileDirs('screenshots');
  const options = buildLaunchOptions({ profile });
  options.defaultViewport = { width: 1280, height: 860, deviceScaleFactor: 1 };
  const browser = await puppeteer.launch(options);
  try {
    const workerTarget = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'));
    const worker = await workerTarget.worker();
    for (const shot of SHOTS) {
      for (const scheme of ['light', 'dark']) {
        const page = await browser.newPage();
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await page.goto(fixtures.url(shot.page), { waitUntil: 'load' });
        await openPanelInActiveTab({ serviceWorker: worker }, page);
        await waitForPanelNodes(page, (a) => 'data-terminology' in a, { what: 'results', timeoutMs: 90_000 });
        // A fresh review each time (the same note keeps its decisions for the session).
        for (const remove of await findPanelNodes(page, (a) => a['aria-label']?.startsWith('Remove '))) await clickNode(page, remove);
        const codes = await findPanelNodes(page, (a) => 'data-code' in a && !('data-flagged' in a));
        const seen = [...new Set(codes.map((n) => n.attributes['data-code']))];
        for (const code of seen.slice(0, shot.accept)) {
          const [accept] = await findPanelNodes(page, (a) => a['data-action'] === 'accept' && a['aria-label'] === `Accept ${code}`);
          if (accept) await clickNode(page, accept);
        }
        const first = codes[0];
        if (first) await clickNode(page, first); // highlight its evidence in the note
        if (shot.browse && seen[1]) {
          const [browse] = await findPanelNodes(page, (a) => a['data-action'] === 'browse' && a['aria-label']?.endsWith(` ${seen[1]}`));
          if (browse) await clickNode(page, browse);
          await waitForPanelNodes(page, (a) => 'data-browse-code' in a, { what: 'the hierarchy', timeoutMs: 10_000 }).catch(() => undefined);
          const [hierarchy] = await findPanelNodes(page, (a) => 'data-browser-code' in a);
          if (hierarchy) await callOnNode(page, hierarchy.backendNodeId, 'function () { this.scrollIntoView({ block: "end" }); }');
        }
        await new Promise((r) => setTimeout(r, 700)); // checks arrive, smooth scroll settles
        const file = path.join(OUT_DIR, `${shot.name}-${scheme}.png`);
        await page.screenshot({ path: file });
        console.log(`screenshots: ${path.relative(REPO_ROOT, file)}`);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await fixtures.close();
    rmSync(profile.base, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
