/**
 * Attaching a recorder to a target can race the browser: a worker that ONNX Runtime starts in
 * the offscreen document is announced (through the document's auto-attach) a moment before
 * the browser lets `Target.attachToTarget` find it, and a short-lived target can end before it
 * is attached. Attachment is retried while the target is still listed; a target that ended is
 * not a gap for egress (the browser-wide proxy recorder still sees every request it made); one
 * still listed after the retries is a gap, and the recorder reports it.
 */
import type { Browser, Target } from 'puppeteer-core';

const RACE = /closed|detached|No target with given id/i;
const RETRIES = 20;
const RETRY_WAIT_MS = 50;

/** Runs `attach` until it succeeds; returns null, or the failure to report as a gap. */
export async function attachOrReportGap(
  browser: Browser,
  target: Target,
  attach: () => Promise<void>,
): Promise<string | null> {
  let lastError: unknown;
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    try {
      await attach();
      return null;
    } catch (error) {
      lastError = error;
      if (!RACE.test(String(error))) break;
      await new Promise((resolve) => setTimeout(resolve, RETRY_WAIT_MS));
      if (!browser.targets().includes(target)) return null; // it ended: not a gap
    }
  }
  return `${target.type()} ${target.url()}: ${String(lastError)}`;
}
