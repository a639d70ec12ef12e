/**
 * The invariant of issue 11, checked from outside the panel: on a page that says which patient
 * is on screen (`<html data-patient data-seq>`, see spa-two-patients.html), the panel never
 * shows the other patient's codes as suggestions.
 *
 * A sample reads the page's patient and switch counter, then the panel (CDP), then the counter
 * again: when the counter did not move, one patient stayed on screen for the whole panel read
 * (page tasks are atomic with respect to CDP commands), so a foreign code in that read is a
 * real violation, not a race of the sampler.
 */
import type { Page } from 'puppeteer-core';
import { readPanel, type PanelSnapshot } from './panel-driver.js';

export type Patient = 'gout' | 'pneumonia';

/** Code families each synthetic patient's note codes to (disjoint). */
const FAMILIES: Record<Patient, RegExp> = { gout: /^(M10|R52)/, pneumonia: /^(J1[2-8]|J45)/ };
/** The code every result for the patient must include (its main diagnosis). */
const MARKERS: Record<Patient, RegExp> = { gout: /^M10/, pneumonia: /^J18/ };

export const otherPatient = (patient: Patient): Patient =>
  patient === 'gout' ? 'pneumonia' : 'gout';

export const positiveCodes = (panel: PanelSnapshot): string[] =>
  panel.codes.filter((c) => c.flagged === null).map((c) => c.code);

/** Codes of `shown` that belong to the patient who is NOT on screen. */
export function foreignCodes(shown: readonly string[], onScreen: Patient): string[] {
  return shown.filter(
    (code) => FAMILIES[otherPatient(onScreen)].test(code) && !FAMILIES[onScreen].test(code),
  );
}

interface PageMark {
  patient: Patient;
  seq: string;
}

async function readMark(page: Page): Promise<PageMark> {
  return page.evaluate(() => ({
    patient: document.documentElement.dataset.patient as 'gout' | 'pneumonia',
    seq: document.documentElement.dataset.seq ?? '',
  }));
}

export interface Violation {
  patient: Patient;
  shown: string[];
  /** Milliseconds since the watch started. */
  at: number;
}

export interface WatchReport {
  /** Samples taken while one patient stayed on screen. */
  coherent: number;
  /** Coherent samples that showed the on-screen patient's own result. */
  showingOwn: number;
  violations: Violation[];
}

/** Samples `page`'s panel until stopped; each coherent sample is checked. */
export function watchPanel(page: Page): { stop(): Promise<WatchReport> } {
  const report: WatchReport = { coherent: 0, showingOwn: 0, violations: [] };
  const started = Date.now();
  let running = true;
  const sample = async (): Promise<void> => {
    const before = await readMark(page);
    const panel = await readPanel(page);
    const after = await readMark(page);
    if (before.seq !== after.seq || !before.seq) return;
    report.coherent++;
    const shown = positiveCodes(panel);
    const foreign = foreignCodes(shown, before.patient);
    if (foreign.length > 0)
      report.violations.push({ patient: before.patient, shown, at: Date.now() - started });
    else if (shown.some((code) => MARKERS[before.patient].test(code))) report.showingOwn++;
  };
  const loop = (async () => {
    while (running && !page.isClosed()) await sample();
  })();
  return {
    /** Stops sampling after one last sample (the state the panel settled in is always sampled). */
    async stop() {
      running = false;
      await loop.catch((error: unknown) => {
        if (!page.isClosed()) throw error;
      });
      if (!page.isClosed()) await sample();
      return report;
    },
  };
}

/** Waits until the panel shows the on-screen patient's result: its main code and nothing of the other's. */
export async function waitForPatientCodes(
  page: Page,
  patient: Patient,
  timeoutMs = 20_000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let last: string[] = [];
  let text = '';
  while (Date.now() < deadline) {
    const panel = await readPanel(page);
    last = positiveCodes(panel);
    text = panel.text;
    if (
      panel.terminology !== null &&
      last.some((code) => MARKERS[patient].test(code)) &&
      foreignCodes(last, patient).length === 0
    )
      return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `Expected the panel to show patient ${patient}'s codes within ${timeoutMs} ms, got [${last.join(', ')}] (panel says "${text.slice(0, 160)}").`,
  );
}

/** Switches the fixture page to `patient` (history.pushState plus a new note in place). */
export async function showPatient(page: Page, patient: Patient): Promise<void> {
  await page.evaluate(
    (id) => (window as unknown as { showPatient(id: string): void }).showPatient(id),
    patient,
  );
}
