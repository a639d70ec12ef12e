/**
 * The release build carries no test hook (issue 14): no `globalThis.marginalia` e2e contract,
 * no offscreen benchmark hooks, no panel timing attributes and no loopback content-script
 * matches, in the Chrome build (dist/extension/) and the Firefox one (dist/extension-firefox/).
 * The test build (dist/extension-test/) is the positive control: the same scan finds every hook
 * there, so the scan itself is known to work.
 *
 * Reads dist/, which `npm test` builds first (`node build/build.mjs release test`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = path.resolve(import.meta.dirname, '../../dist');

/** What only the test build may contain, by what it is. */
const TEST_HOOKS: Record<string, RegExp> = {
  'the e2e contract globalThis.marginalia': /globalThis\.marginalia\b(?!Offscreen)/,
  'the offscreen benchmark hooks':
    /marginaliaOffscreen|benchmarkCoding|benchmarkLinker|benchmarkCodeEmbeddings/,
  'the panel timing attributes': /data-first-codes-at|data-shown-at/,
  'the content script test bridge': /marginalia-test:/,
  'loopback content-script matches': /127\.0\.0\.1|localhost/,
};

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) return listFiles(path.join(dir, entry.name), `${relative}/`);
    return /\.(m?js|json|html)$/.test(entry.name) &&
      !relative.startsWith('packs/') &&
      !relative.startsWith('models/')
      ? [relative]
      : [];
  });
}

/** The hooks found in a build folder: hook name → files that contain it. */
function findHooks(folder: string): Record<string, string[]> {
  const dir = path.join(DIST, folder);
  const found: Record<string, string[]> = {};
  for (const file of listFiles(dir)) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    for (const [hook, pattern] of Object.entries(TEST_HOOKS))
      if (pattern.test(text)) (found[hook] ??= []).push(file);
  }
  return found;
}

describe.each(['extension', 'extension-firefox'])('release build dist/%s', (folder) => {
  it('exists (run `npm run build` first)', () => {
    expect(existsSync(path.join(DIST, folder, 'manifest.json'))).toBe(true);
  });

  it('contains no test hook in its scripts, pages or manifest', () => {
    expect(findHooks(folder)).toEqual({});
  });

  it('declares no content script in its manifest', () => {
    const manifest = JSON.parse(
      readFileSync(path.join(DIST, folder, 'manifest.json'), 'utf8'),
    ) as object;
    expect(manifest).not.toHaveProperty('content_scripts');
  });
});

describe.each(['extension-test', 'extension-firefox-test'])(
  'test build dist/%s (the control)',
  (folder) => {
    it('exists (run `npm run build:test` first)', () => {
      expect(existsSync(path.join(DIST, folder, 'manifest.json'))).toBe(true);
    });

    it('contains every test hook the release scan looks for', () => {
      const found = findHooks(folder);
      const expected = folder.includes('firefox')
        ? Object.keys(TEST_HOOKS).filter((hook) => hook !== 'the offscreen benchmark hooks') // no offscreen document there
        : Object.keys(TEST_HOOKS);
      expect(Object.keys(found).sort()).toEqual([...expected].sort());
    });
  },
);
