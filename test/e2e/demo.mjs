// `npm run demo` (and `bash build/demo.sh`): the test build of the extension on a synthetic EHR
// page with the panel open.
//   - With a display: a visible Chromium; close it to stop.
//   - Without one: a headless Chromium opens the panel, prints the codes the extension's engine
//     gives for the demo note and writes a screenshot of the panel (dist/demo/), then prints
//     how to load the extension by hand and serves the page until Ctrl+C (when run from a
//     terminal; otherwise it exits).
// Usage: node test/e2e/demo.mjs [fixture page, default plain-note.html]
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import {
  buildLaunchOptions,
  CHROMIUM_PATH,
  createProfileDirs,
  EXTENSION_DIR,
  REPO_ROOT,
} from './harness/chromium-launch.mjs';
import { startFixtureServer } from './harness/fixture-server.mjs';
import { importHarness } from './harness/import-harness.mjs';

const pageName = process.argv[2] ?? 'plain-note.html';
const SCREENSHOT = path.join(
  REPO_ROOT,
  'dist',
  'demo',
  `panel-${pageName.replace(/\.html$/, '')}.png`,
);

const { openPanelInActiveTab, waitForPanelResult, findPanelNodes } = await importHarness({
  'test/e2e/harness/open-panel.ts': ['openPanelInActiveTab'],
  'test/e2e/harness/panel-driver.ts': ['waitForPanelResult', 'findPanelNodes'],
});

/** Chromium with the extension, the page loaded and the panel open; resolves when it shows codes. */
async function openDemo(pageUrl, headless) {
  const profile = createProfileDirs('demo');
  const browser = await puppeteer.launch(buildLaunchOptions({ profile, headless }));
  const workerTarget = await browser.waitForTarget(
    (target) => target.type() === 'service_worker' && target.url().endsWith('/background.js'),
    { timeout: 30_000 },
  );
  const serviceWorker = await workerTarget.worker();
  const [first] = await browser.pages();
  const page = first ?? (await browser.newPage());
  await page.goto(pageUrl, { waitUntil: 'load' });
  await openPanelInActiveTab({ serviceWorker }, page);
  const panel = await waitForPanelResult(page, 120_000);
  return { browser, page, panel, profile };
}

/** Each code button's title (the `.title` span that follows its `data-code`), by code. */
async function titlesByCode(page) {
  const nodes = await findPanelNodes(
    page,
    (attributes) => 'data-code' in attributes || attributes.class === 'title',
  );
  const titles = new Map();
  let code;
  for (const node of nodes) {
    if ('data-code' in node.attributes) code = node.attributes['data-code'];
    else if (code !== undefined && !titles.has(code)) titles.set(code, node.text.trim());
  }
  return titles;
}

/** One line per code the panel lists: code, suggested or flagged (with the assertion), title. */
async function printCodes(page, panel) {
  const titles = await titlesByCode(page);
  console.log(`demo: ${panel.terminology}: ${panel.codes.length} codes for ${pageName}`);
  for (const { code, flagged } of panel.codes) {
    const label = flagged ? `flagged (${flagged})` : 'suggested';
    console.log(`  ${code.padEnd(9)} ${label.padEnd(20)} ${titles.get(code) ?? ''}`);
  }
}

function printManualSteps(pageUrl, why) {
  console.log(`demo: ${why}, so here is how to try it in a browser of your own:
  1. Open chrome://extensions in Chrome or Chromium, turn on Developer mode.
  2. "Load unpacked" and choose ${EXTENSION_DIR}
  3. Open ${pageUrl}
  4. Click the Marginalia toolbar button (or press Alt+Shift+M) to open the panel.
     Select some text and right-click "Code with Marginalia" to code only the selection.`);
}

async function headlessDemo(fixtures, pageUrl) {
  const { browser, page, panel, profile } = await openDemo(pageUrl, true);
  try {
    await printCodes(page, panel);
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    console.log(`demo: screenshot of the panel in ${path.relative(REPO_ROOT, SCREENSHOT)}`);
  } finally {
    await browser.close();
    rmSync(profile.base, { recursive: true, force: true });
  }
  printManualSteps(pageUrl, 'no display ($DISPLAY is not set)');
  if (!process.stdin.isTTY) return fixtures.close();
  console.log('The synthetic EHR page is served until you press Ctrl+C.');
  process.on('SIGINT', () => void fixtures.close().then(() => process.exit(0)));
}

async function visibleDemo(fixtures, pageUrl) {
  const { browser, profile } = await openDemo(pageUrl, false);
  console.log(
    `demo: panel opened on ${pageUrl}. Click a code to see its evidence. Close the browser to stop.`,
  );
  browser.on('disconnected', () => {
    rmSync(profile.base, { recursive: true, force: true });
    void fixtures.close().then(() => process.exit(0));
  });
}

if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
  console.error(
    `demo: expected the test build in ${EXTENSION_DIR}, found none. Run \`npm run build:test\`.`,
  );
  process.exit(1);
}
const fixtures = await startFixtureServer();
const pageUrl = fixtures.url(pageName);
if (!existsSync(CHROMIUM_PATH)) {
  printManualSteps(pageUrl, `no Chromium at ${CHROMIUM_PATH}`);
  console.log('The synthetic EHR page is served until you press Ctrl+C.');
  process.on('SIGINT', () => void fixtures.close().then(() => process.exit(0)));
} else if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) {
  await visibleDemo(fixtures, pageUrl);
} else {
  await headlessDemo(fixtures, pageUrl);
}
