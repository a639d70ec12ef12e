/**
 * One e2e browser: fixture server, egress proxy, Chromium with the built extension and a
 * fresh profile inside the project, the CDP network and console recorders, and the service
 * worker handle.
 *
 * Every browser launched here is registered for the suite-wide invariants
 * (`suite-invariants.ts`, a vitest setup file): after each e2e file, no request left the
 * machine, no log of any target carried the PHI sentinel, and the extension's storage, dumped
 * just before the browser closed, holds no note text.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type WebWorker } from 'puppeteer-core';
import {
  buildLaunchOptions,
  createProfileDirs,
  EXTENSION_DIR,
  PROFILES_DIR,
} from './chromium-launch.mjs';
import { recordConsole, type ConsoleRecorder } from './console-recorder.js';
import { dumpExtensionStorage, type StorageDump } from './dump-extension-storage.js';
import { startEgressProxy, type EgressProxy } from './egress-proxy.js';
import { startFixtureServer, type FixtureServer } from './fixture-server.mjs';
import { recordNetwork, type NetworkRecorder } from './network-recorder.js';
import { PHI_NEEDLES } from './phi-sentinel.js';

export interface ExtensionBrowser {
  label: string;
  browser: Browser;
  serviceWorker: WebWorker;
  extensionId: string;
  fixtures: FixtureServer;
  proxy: EgressProxy;
  network: NetworkRecorder;
  console: ConsoleRecorder;
  /** URLs this run requests on purpose (the negative control); the suite check ignores them. */
  expectedEgress: RegExp | undefined;
  /** The extension storage as it was just before close (null until closed). */
  finalStorage: StorageDump | null;
  /** Why the final storage dump failed, if it did. */
  finalStorageError: string | null;
  /**
   * Set when the extension was no longer loaded at close (a test called
   * chrome.runtime.reload(), after which Chromium keeps an unpacked extension unloaded in
   * this setup): its storage cannot be read then.
   */
  finalStorageSkipped: string | null;
  isClosed: boolean;
  /** The profile folders (for `reuseProfileOf`). */
  profile: ReturnType<typeof createProfileDirs>;
  /** Waits for the service worker of the (possibly reloaded) extension and returns it. */
  currentServiceWorker(): Promise<WebWorker>;
  close(): Promise<void>;
}

export interface LaunchExtensionOptions {
  /**
   * Build a modified copy of dist/extension first (e.g. delete an optional file). The
   * callback receives the copy's folder. The extension id differs from the main build's.
   */
  modifyExtension?(dir: string): void;
  /** Requests this run makes on purpose (negative control): ignored by the suite check. */
  expectedEgress?: RegExp;
  /**
   * Reopen the profile of an earlier run that was closed with `keepProfile` (a browser
   * restart: what the extension kept on disk is there, its session storage is not).
   */
  reuseProfileOf?: ExtensionBrowser;
  /** Keep the profile folder at close, for a later `reuseProfileOf`; the later run deletes it. */
  keepProfile?: boolean;
}

/** Every browser launched in this test file (one module instance per file: pool "forks"). */
export const LAUNCHED_BROWSERS: ExtensionBrowser[] = [];

function copyExtension(label: string, modify: (dir: string) => void): string {
  const dir = mkdtempSync(path.join(PROFILES_DIR, `${label}-extension-`));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  modify(dir);
  return dir;
}

export async function launchExtensionBrowser(
  label: string,
  options: LaunchExtensionOptions = {},
): Promise<ExtensionBrowser> {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      `Expected a built extension in ${EXTENSION_DIR}, found none. Run \`npm run build:test\` first.`,
    );
  }
  const fixtures = await startFixtureServer();
  const proxy = await startEgressProxy();
  const profile = options.reuseProfileOf?.profile ?? createProfileDirs(label);
  const extensionDir = options.modifyExtension
    ? copyExtension(label, options.modifyExtension)
    : EXTENSION_DIR;
  const browser = await puppeteer.launch(
    buildLaunchOptions({ profile, proxyPort: proxy.port, extensionDir }),
  );
  const [network, consoleRecorder] = await Promise.all([
    recordNetwork(browser),
    recordConsole(browser),
  ]);
  const isExtensionWorker = (url: string): boolean =>
    url.startsWith('chrome-extension://') && url.endsWith('/background.js');
  const workerTarget = await browser.waitForTarget(
    (target) => target.type() === 'service_worker' && isExtensionWorker(target.url()),
    { timeout: 30_000 },
  );
  const serviceWorker = await workerTarget.worker();
  if (!serviceWorker)
    throw new Error('Expected the extension service worker to be inspectable, got no worker.');
  const extensionId = new URL(workerTarget.url()).host;
  const run: ExtensionBrowser = {
    label,
    browser,
    serviceWorker,
    extensionId,
    fixtures,
    proxy,
    network,
    console: consoleRecorder,
    expectedEgress: options.expectedEgress,
    finalStorage: null,
    finalStorageError: null,
    finalStorageSkipped: null,
    isClosed: false,
    profile,
    async currentServiceWorker() {
      const target = await browser.waitForTarget(
        (candidate) =>
          candidate.type() === 'service_worker' &&
          candidate.url() === `chrome-extension://${extensionId}/background.js`,
        { timeout: 30_000 },
      );
      const worker = await target.worker();
      if (!worker)
        throw new Error('Expected the extension service worker to be inspectable, got no worker.');
      return worker;
    },
    async close() {
      if (run.isClosed) return;
      run.isClosed = true;
      try {
        await new Promise((resolve) => setTimeout(resolve, 300)); // let late requests and logs surface
        run.finalStorage = await Promise.race([
          dumpExtensionStorage(browser, extensionId, PHI_NEEDLES),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error('storage dump timed out after 30 s')), 30_000),
          ),
        ]);
      } catch (error) {
        if (String(error).includes('ERR_BLOCKED_BY_CLIENT')) {
          run.finalStorageSkipped =
            'the extension was unloaded by the test (chrome.runtime.reload)';
        } else {
          run.finalStorageError = String(error);
        }
      }
      await Promise.race([
        browser.close().catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 15_000)),
      ]);
      browser.process()?.kill('SIGKILL');
      await Promise.all([fixtures.close(), proxy.close()]);
      if (!options.keepProfile) rmSync(profile.base, { recursive: true, force: true });
      if (extensionDir !== EXTENSION_DIR) rmSync(extensionDir, { recursive: true, force: true });
    },
  };
  LAUNCHED_BROWSERS.push(run);
  return run;
}
