// Screenshots of the panel on synthetic fixture pages, light and dark, for README.md:
//   npm run screenshots   (builds first; writes docs/screenshots/*.png)
// Uses the e2e launch options (Debian Chromium, the built extension, Google traffic silenced)
// and drives the panel's closed shadow root through CDP, as the e2e suite does.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { buildLaunchOptions, createProfileDirs, REPO_ROOT } from './harness/chromium-launch.mjs';
import { startFixtureServer } from './harness/fixture-server.mjs';

const OUT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
const SHOTS = [
  { page: 'plain-note.html', name: 'panel-progress-note', accept: 3, browse: true },
  { page: 'chart-summary-table.html', name: 'panel-chart-summary', accept: 2 },
];

function* walk(node) {
  yield node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) yield* walk(child);
}
const attrs = (node) => Object.fromEntries((node.attributes ?? []).flatMap((v, i, a) => (i % 2 ? [] : [[v, a[i + 1]]])));

async function panelNodes(session, match) {
  const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
  const host = [...walk(root)].find((n) => n.nodeName === 'MARGINALIA-PANEL');
  return host ? [...walk(host)].filter((n) => n.nodeType === 1 && match(attrs(n))) : [];
}

async function waitFor(session, match, what, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await panelNodes(session, match);
    if (found.length) return found;
    if (Date.now() > deadline) throw new Error(`screenshots: expected ${what} in the panel, found none.`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function click(session, node) {
  const { object } = await session.send('DOM.resolveNode', { backendNodeId: node.backendNodeId });
  await session.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function(){this.click()}' });
}

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
        await page.bringToFront();
        await worker.evaluate(async () => {
          const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
          await globalThis.marginalia.openPanel(tab.id);
        });
        const session = await page.createCDPSession();
        await waitFor(session, (a) => 'data-terminology' in a, 'results');
        // A fresh review each time (the same note keeps its decisions for the session).
        for (const remove of await panelNodes(session, (a) => a['aria-label']?.startsWith('Remove '))) await click(session, remove);
        const codes = await panelNodes(session, (a) => 'data-code' in a && !('data-flagged' in a));
        const seen = [...new Set(codes.map((n) => attrs(n)['data-code']))];
        for (const code of seen.slice(0, shot.accept)) {
          const [accept] = await panelNodes(session, (a) => a['data-action'] === 'accept' && a['aria-label'] === `Accept ${code}`);
          if (accept) await click(session, accept);
        }
        const first = codes[0];
        if (first) await click(session, first); // highlight its evidence in the note
        if (shot.browse && seen[1]) {
          const [browse] = await panelNodes(session, (a) => a['data-action'] === 'browse' && a['aria-label']?.endsWith(` ${seen[1]}`));
          if (browse) await click(session, browse);
          await waitFor(session, (a) => 'data-browse-code' in a, 'the hierarchy', 10_000).catch(() => undefined);
          const [browser] = await panelNodes(session, (a) => 'data-browser-code' in a);
          if (browser) {
            const { object } = await session.send('DOM.resolveNode', { backendNodeId: browser.backendNodeId });
            await session.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function(){this.scrollIntoView({block:"end"})}' });
          }
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
  await page.bringToFront();
  await worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    await globalThis.marginalia.openPanel(tab.id);
  });
  const session = await page.createCDPSession();
  await waitFor(session, (a) => 'data-terminology' in a, 'results');
  return { page, session };
}

async function shootEncounter(browser, worker, fixtures) {
  for (const [index, note] of ENCOUNTER_NOTES.entries()) {
    const { page, session } = await openWithPanel(browser, worker, fixtures, note.page, 'light');
    if (index === 0) await click(session, (await waitFor(session, (a) => a['data-action'] === 'start-encounter', 'the start button'))[0]);
    await waitFor(session, (a) => 'data-encounter' in a && a['data-encounter'] !== 'none', 'an open encounter');
    for (const code of note.accept) {
      const [accept] = await waitFor(session, (a) => a['data-action'] === 'accept' && a['aria-label'] === `Accept ${code}`, `accept ${code}`);
      await click(session, accept);
      await waitFor(session, (a) => a['data-accepted-code'] === code, `${code} accepted`);
    }
    await click(session, (await waitFor(session, (a) => a['data-action'] === 'add-to-encounter' && !('disabled' in a), 'the add button'))[0]);
    await waitFor(session, (a) => a['data-encounter-notes'] === String(index + 1), 'the note in the encounter');
    await page.close();
  }
  for (const scheme of ['light', 'dark']) {
    const { page, session } = await openWithPanel(browser, worker, fixtures, 'encounter-discharge.html', scheme);
    const [heading] = await waitFor(session, (a) => a.id === 'encounter-heading', 'the encounter');
    await waitFor(session, (a) => 'data-encounter-code' in a, 'the encounter codes');
    const { object } = await session.send('DOM.resolveNode', { backendNodeId: heading.backendNodeId });
    await session.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function(){this.scrollIntoView({block:"start"})}' });
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
