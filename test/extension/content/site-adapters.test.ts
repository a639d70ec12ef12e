// @vitest-environment happy-dom
// Every per-site adapter (declared as data) has a synthetic fixture page and is tested on it:
// the adapter is chosen for the page, reads the note, and skips the banner and the chrome.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractNoteText } from '../../../extension/content/extract-note-text.js';
import { findSiteAdapter, SITE_ADAPTERS } from '../../../extension/content/site-adapters.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/ehr-pages');

/** Adapter id → its fixture page, what must be read, and what must not. */
const ADAPTER_FIXTURES: Record<string, { page: string; reads: string[]; skips: string[] }> = {
  generic: {
    page: 'plain-note.html',
    reads: ['essential hypertension', 'Mother with breast cancer'],
    skips: ['MRN 0000000', 'Chart navigation', 'Orders'],
  },
  'meridian-chart': {
    page: 'spa-patient-switch.html',
    reads: ['Essential hypertension, controlled on lisinopril', 'No evidence of pneumonia'],
    skips: ['MRN 0000001', 'Test Patient Beta', 'Print'],
  },
  'harbor-summary': {
    page: 'chart-summary-table.html',
    reads: [
      'Chronic systolic congestive heart failure',
      'Persistent atrial fibrillation, rate controlled',
    ],
    skips: ['MRN 0000004', 'BNP', 'Apixaban', 'Reconcile', 'Onset'],
  },
};

/** Loads a fixture into happy-dom and runs its inline scripts (the SPA renders its first patient). */
function loadFixture(name: string): void {
  const html = readFileSync(path.join(FIXTURES, name), 'utf8');
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  document.documentElement.innerHTML = html
    .replace(/^<!doctype html>/i, '')
    .replace(/<\/?html[^>]*>/gi, '')
    .replace(/<script>[\s\S]*?<\/script>/g, '');
  for (const source of scripts) new Function(source)();
}

describe('site adapters', () => {
  it('every adapter has a fixture page, and every fixture entry an adapter (meta-test)', () => {
    expect(Object.keys(ADAPTER_FIXTURES).sort()).toEqual(
      SITE_ADAPTERS.map((adapter) => adapter.id).sort(),
    );
    for (const { page } of Object.values(ADAPTER_FIXTURES))
      expect(existsSync(path.join(FIXTURES, page)), page).toBe(true);
    expect(SITE_ADAPTERS.at(-1)!.id).toBe('generic');
    expect(
      SITE_ADAPTERS.filter((adapter) => adapter.id !== 'generic').length,
    ).toBeGreaterThanOrEqual(2);
  });

  for (const adapter of SITE_ADAPTERS) {
    it(`${adapter.id}: is chosen on its fixture and reads only the note`, () => {
      const fixture = ADAPTER_FIXTURES[adapter.id]!;
      loadFixture(fixture.page);
      const chosen = findSiteAdapter('127.0.0.1', SITE_ADAPTERS, document);
      expect(chosen.id).toBe(adapter.id);
      const note = extractNoteText(document, chosen);
      for (const text of fixture.reads) expect(note.text).toContain(text);
      for (const text of fixture.skips) expect(note.text).not.toContain(text);
    });
  }

  it('matches a vendor by host pattern before markup', () => {
    document.documentElement.innerHTML = '<body><main>note</main></body>';
    expect(findSiteAdapter('chart.meridian-chart.example', SITE_ADAPTERS, document).id).toBe(
      'meridian-chart',
    );
    expect(findSiteAdapter('ehr.harborhealth.example', SITE_ADAPTERS, document).id).toBe(
      'harbor-summary',
    );
    expect(findSiteAdapter('example.org', SITE_ADAPTERS, document).id).toBe('generic');
  });

  it('reads the new patient after a single-page switch', () => {
    loadFixture('spa-patient-switch.html');
    (document.querySelector('[data-patient="beta"]') as HTMLButtonElement).click();
    const note = extractNoteText(document, findSiteAdapter('127.0.0.1', SITE_ADAPTERS, document));
    expect(note.text).toContain('Chronic obstructive pulmonary disease');
    expect(note.text).not.toContain('Essential hypertension');
  });

  it('keeps table cells apart so that rows stay readable', () => {
    loadFixture('chart-summary-table.html');
    const note = extractNoteText(document, findSiteAdapter('127.0.0.1', SITE_ADAPTERS, document));
    expect(note.text).toMatch(/Atrial fibrillation\tActive/);
  });
});
