/**
 * Records the console output and uncaught exceptions of every target (pages with their
 * content-script worlds, the service worker, the offscreen document, workers) through CDP
 * `Runtime.consoleAPICalled`, `Runtime.exceptionThrown` and `Log.entryAdded`, so that the
 * suite can assert that note text never reaches a log.
 */
import { attachOrReportGap } from './attach-failure.js';
import type { Browser, CDPSession, Target } from 'puppeteer-core';

export interface ConsoleEntry {
  /** "<target type> <target url>" */
  target: string;
  source: 'console' | 'exception' | 'log';
  level: string;
  text: string;
}

export interface ConsoleRecorder {
  entries: ConsoleEntry[];
  attachFailures: string[];
  /** "<type> <url>" of every target attached so far, as they are now (a gap would show here). */
  targetLabels(): string[];
}

interface RemoteObjectLike {
  type?: string;
  value?: unknown;
  description?: string;
  unserializableValue?: string;
  preview?: { properties?: { name: string; value?: string }[] };
}

function describeRemoteObject(arg: RemoteObjectLike): string {
  if (arg.value !== undefined)
    return typeof arg.value === 'string' ? arg.value : JSON.stringify(arg.value);
  const preview = arg.preview?.properties?.map((p) => `${p.name}: ${p.value ?? ''}`).join(', ');
  return [
    arg.description ?? arg.unserializableValue ?? arg.type ?? '',
    preview ? `{${preview}}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

export async function recordConsole(browser: Browser): Promise<ConsoleRecorder> {
  const targets: Target[] = [];
  const labelOf = (target: Target): string => `${target.type()} ${target.url()}`;
  const recorder: ConsoleRecorder = {
    entries: [],
    attachFailures: [],
    targetLabels: () => targets.map(labelOf),
  };
  const attached = new WeakSet<Target>();
  // Labels are taken when an entry arrives: a target's URL is often still empty when attached.
  const listen = (session: CDPSession, target: Target): void => {
    const label = (): string => labelOf(target);
    session.on('Runtime.consoleAPICalled', (event) => {
      const args = (event.args ?? []) as RemoteObjectLike[];
      recorder.entries.push({
        target: label(),
        source: 'console',
        level: event.type,
        text: args.map(describeRemoteObject).join(' '),
      });
    });
    session.on('Runtime.exceptionThrown', (event) => {
      const details = event.exceptionDetails;
      const exception = details.exception as RemoteObjectLike | undefined;
      recorder.entries.push({
        target: label(),
        source: 'exception',
        level: 'error',
        text: `${details.text} ${exception ? describeRemoteObject(exception) : ''}`,
      });
    });
    session.on('Log.entryAdded', (event) => {
      recorder.entries.push({
        target: label(),
        source: 'log',
        level: event.entry.level,
        text: `${event.entry.text} ${event.entry.url ?? ''}`,
      });
    });
  };
  const attach = async (target: Target): Promise<void> => {
    if (target.type() === 'browser' || attached.has(target)) return;
    attached.add(target);
    const failure = await attachOrReportGap(browser, target, async () => {
      // As in the network recorder: a service worker is observed through puppeteer's own session.
      const worker = target.type() === 'service_worker' ? await target.worker() : null;
      const session = worker ? worker.client : await target.createCDPSession();
      listen(session, target);
      await session.send('Runtime.enable');
      await session.send('Log.enable').catch(() => undefined); // not every target has the Log domain
      targets.push(target);
    });
    if (failure) recorder.attachFailures.push(failure);
  };
  browser.on('targetcreated', (target: Target) => void attach(target));
  await Promise.all(browser.targets().map(attach));
  return recorder;
}
