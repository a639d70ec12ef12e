// Every error code the extension's sources write is in the one list (extension/shared/error-codes.ts),
// so that the logger's decision to show or withhold its message is made there, never by omission.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isSafeMessageCode } from '../../../extension/shared/error-codes.js';
import { describeErrorForLog } from '../../../extension/shared/logger.js';

const EXTENSION = path.resolve(import.meta.dirname, '../../../extension');

/** Codes written as literals: `readonly code = 'x'`, `new MessagingError('x', ...)`, `fail('x', ...)`. */
const CODE_LITERAL =
  /(?:readonly code = |new MessagingError\(\s*|fail\(\s*|code: )'([a-z]+(?:-[a-z]+)+)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !full.endsWith(path.join('shared', 'error-codes.ts'))
      ? [full]
      : [];
  });
}

describe('error codes', () => {
  it('are all listed in error-codes.ts', () => {
    const written = new Set<string>();
    for (const file of sourceFiles(EXTENSION)) {
      for (const match of readFileSync(file, 'utf8').matchAll(CODE_LITERAL)) written.add(match[1]!);
    }
    expect(written.size).toBeGreaterThan(5);
    expect([...written].filter((code) => !Object.hasOwn(ERROR_CODES, code))).toEqual([]);
  });

  it('decide whether the logger shows a message', () => {
    expect(isSafeMessageCode('terminology-unavailable')).toBe(true);
    expect(isSafeMessageCode('handler-failed')).toBe(false);
    expect(isSafeMessageCode('not-a-code')).toBe(false);
    const withheld = Object.assign(new Error('quoted input'), { code: 'release-files' });
    expect(describeErrorForLog(withheld)).toBe(
      'Error [release-files] (message withheld, 12 chars)',
    );
    const shown = Object.assign(new Error('Expected a pack.'), { code: 'terminology-unavailable' });
    expect(describeErrorForLog(shown)).toBe('Error [terminology-unavailable]: Expected a pack.');
  });
});
