/**
 * The suite-wide privacy invariants (no egress, no note text in logs or storage) only cover
 * browsers launched through the harness, in files that run with the invariants setup file.
 * This pins both: every e2e file launches Chromium through `launchExtensionBrowser`, none
 * launches it directly, and the e2e config loads `suite-invariants.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import e2eConfig from '../../vitest.e2e.config.js';

const E2E_DIR = path.resolve(import.meta.dirname, '../e2e');

describe('e2e suite coverage by the privacy invariants', () => {
  const files = readdirSync(E2E_DIR).filter((name) => name.endsWith('.e2e.ts'));

  it('finds the e2e files', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  /**
   * Documented exceptions. The firefox-*.e2e.ts files drive Firefox through WebDriver BiDi (skipped
   * where firefox-esr is absent), with every non-loopback request sent to the recording proxy
   * by Firefox's network.proxy.* prefs; the harness launches Chromium only.
   */
  const OUTSIDE_THE_HARNESS = new Set(['firefox-smoke.e2e.ts', 'firefox-panel-flow.e2e.ts']);

  it.each(files.filter((file) => !OUTSIDE_THE_HARNESS.has(file)))(
    '%s launches Chromium only through the harness',
    (file) => {
      const code = readFileSync(path.join(E2E_DIR, file), 'utf8');
      expect(code).toMatch(/launchExtensionBrowser\(/);
      expect(code).not.toMatch(/\bpuppeteer\.(launch|connect)\b/);
    },
  );

  it('lists only exceptions that still exist', () => {
    for (const file of OUTSIDE_THE_HARNESS) expect(files).toContain(file);
  });

  it('runs every e2e file with the suite invariants setup file', () => {
    const setupFiles = [e2eConfig.test?.setupFiles ?? []].flat();
    expect(setupFiles).toContain('test/e2e/harness/suite-invariants.ts');
  });
});
