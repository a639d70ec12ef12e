/**
 * One e2e browser: fixture server, egress proxy, Chromium with the built extension and a
 * fresh profile inside the project, the CDP network recorder, and the service worker handle.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type WebWorker } from 'puppeteer-core';
import { buildLaunchOptions, createProfileDirs, EXTENSION_DIR } from './chromium-launch.mjs';
import { startEgressProxy, type EgressProxy } from './egress-proxy.js';
import { startFixtureServer, type FixtureServer } from './fixture-server.mjs';
import { recordNetwork, type NetworkRecorder } from './network-recorder.js';

export interface ExtensionBrowser {
  browser: Browser;
  serviceWorker: WebWorker;
  extensionId: string;
  fixtures: FixtureServer;
  proxy: EgressProxy;
  network: NetworkRecorder;
  close(): Promise<void>;
}

export async function launchExtensionBrowser(label: string): Promise<ExtensionBrowser> {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`Expected a built extension in ${EXTENSION_DIR}, found none. Run \`npm run build\` first.`);
  }
  const fixtures = await startFixtureServer();
  const proxy = await startEgressProxy();
  const profile = createProfileDirs(label);
  const browser = await puppeteer.launch(buildLaunchOptions({ profile, proxyPort: proxy.port }));
  const network = await recordNetwork(browser);
  const workerTarget = await browser.waitForTarget(
    (target) => target.type() === 'service_worker' && target.url().endsWith('/background.js'),
    { timeout: 30_000 },
  );
  const serviceWorker = await workerTarget.worker();
  if (!serviceWorker) throw new Error('Expected the extension service worker to be inspectable, got no worker.');
  return {
    browser,
    serviceWorker,
    extensionId: new URL(workerTarget.url()).host,
    fixtures,
    proxy,
    network,
    async close() {
      await browser.close().catch(() => undefined);
      await Promise.all([fixtures.close(), proxy.close()]);
      rmSync(profile.base, { recursive: true, force: true });
    },
  };
}
