// `npm run demo`: the built extension on the synthetic EHR page, in a visible Chromium, with
// the panel opened. Without a display it prints how to try it by hand and keeps serving the
// page. Usage: node test/e2e/demo.mjs [fixture page, default plain-note.html]
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { buildLaunchOptions, CHROMIUM_PATH, createProfileDirs, EXTENSION_DIR } from './harness/chromium-launch.mjs';
import { startFixtureServer } from './harness/fixture-server.mjs';

const pageName = process.argv[2] ?? 'plain-note.html';

if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
  console.error(`demo: expected a built extension in ${EXTENSION_DIR}, found none. Run \`npm run build:test\`.`);
  process.exit(1);
}

const fixtures = await startFixtureServer();
const pageUrl = fixtures.url(pageName);
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

if (!hasDisplay || !existsSync(CHROMIUM_PATH)) {
  console.log(`demo: ${hasDisplay ? `no Chromium at ${CHROMIUM_PATH}` : 'no display ($DISPLAY is not set)'}, so here is how to try it by hand:
  1. Open chrome://extensions in Chrome or Chromium, turn on Developer mode.
  2. "Load unpacked" and choose ${EXTENSION_DIR}
  3. Open ${pageUrl}
  4. Click the Marginalia toolbar button (or press Alt+Shift+M) to open the panel.
     Select some text and right-click "Code with Marginalia" to code only the selection.
The synthetic EHR page is served until you press Ctrl+C.`);
  process.on('SIGINT', () => void fixtures.close().then(() => process.exit(0)));
} else {
  const profile = createProfileDirs('demo');
  const browser = await puppeteer.launch(buildLaunchOptions({ profile, headless: false }));
  const workerTarget = await browser.waitForTarget(
    (target) => target.type() === 'service_worker' && target.url().endsWith('/background.js'),
    { timeout: 30_000 },
  );
  const worker = await workerTarget.worker();
  const [page] = await browser.pages();
  const tab = page ?? (await browser.newPage());
  await tab.goto(pageUrl, { waitUntil: 'load' });
  await tab.bringToFront();
  await worker.evaluate(async () => {
    const [active] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (active?.id === undefined) throw new Error('Expected an active tab, got none.');
    await globalThis.marginalia.openPanel(active.id);
  });
  console.log(`demo: panel opened on ${pageUrl}. Click a code to see its evidence. Close the browser to stop.`);
  browser.on('disconnected', () => {
    rmSync(profile.base, { recursive: true, force: true });
    void fixtures.close().then(() => process.exit(0));
  });
}
