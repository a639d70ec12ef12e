// Every unit test file that reads the built packs (through test/helpers/load-pack.ts or
// test/helpers/load-pcs-pack.ts) is listed in test/data-dependent-tests.ts, so that it runs in
// the "data" project and is reported skipped, not failed, where the licensed release files are
// absent.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DATA_DEPENDENT_TESTS } from '../data-dependent-tests.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'e2e' ? [] : testFiles(full);
    return entry.name.endsWith('.test.ts') ? [path.relative(ROOT, full)] : [];
  });
}

it('lists every test file that loads the built packs as data-dependent', () => {
  const readers = testFiles(path.join(ROOT, 'test')).filter((file) =>
    /helpers\/load-(pcs-)?pack\.js/.test(readFileSync(path.join(ROOT, file), 'utf8')),
  );
  expect(readers.length).toBeGreaterThan(5);
  expect(readers.filter((file) => !DATA_DEPENDENT_TESTS.includes(file))).toEqual([]);
});
