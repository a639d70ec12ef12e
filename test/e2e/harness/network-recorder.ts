/**
 * Records every request of every target (pages, the service worker, the offscreen document,
 * workers) through CDP `Network.requestWillBeSent`, attaching to targets as they appear.
 */
import { attachOrReportGap } from './attach-failure.js';
import type { Browser, Target } from 'puppeteer-core';

export interface RecordedRequest {
  /** "<target type> <target url>" */
  target: string;
  url: string;
}

export interface NetworkRecorder {
  requests: RecordedRequest[];
  /** Targets that could not be attached (reported, so a gap is visible). */
  attachFailures: string[];
}

/** Extension, browser-internal and loopback URLs: everything else is egress. */
export function isAllowedRequestUrl(url: string): boolean {
  return (
    /^(chrome-extension|chrome|data|blob|about|devtools):/.test(url) ||
    /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(url)
  );
}

export async function recordNetwork(browser: Browser): Promise<NetworkRecorder> {
  const recorder: NetworkRecorder = { requests: [], attachFailures: [] };
  const attached = new WeakSet<Target>();
  const attach = async (target: Target): Promise<void> => {
    if (target.type() === 'browser' || attached.has(target)) return;
    attached.add(target);
    // The label is taken per request: a target's URL is often still empty when it is attached.
    const label = (): string => `${target.type()} ${target.url()}`;
    const failure = await attachOrReportGap(browser, target, async () => {
      // A second CDP session on a service worker detaches puppeteer's own worker handle, so
      // workers are recorded through the session puppeteer already holds.
      const worker = target.type() === 'service_worker' ? await target.worker() : null;
      const session = worker ? worker.client : await target.createCDPSession();
      session.on('Network.requestWillBeSent', (event) => {
        recorder.requests.push({ target: label(), url: event.request.url });
      });
      await session.send('Network.enable');
    });
    if (failure) recorder.attachFailures.push(failure);
  };
  browser.on('targetcreated', (target: Target) => void attach(target));
  await Promise.all(browser.targets().map(attach));
  return recorder;
}
