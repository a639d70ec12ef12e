/**
 * Figures from the CMS FY2025 POA exempt list (POAexemptCodesFY25.txt, read from a public copy:
 * GitHub shmindmaster/Billigent, commit 2a74316b). "Listed" codes appear in the file with their
 * order number; "not listed" codes fall in a contiguous stretch of the file where they are absent
 * (e.g. order numbers 54928 S64.11XS then 54931 S64.12XD: S64.12XA, 54930, is not on the list).
 */
import { describe, expect, it } from 'vitest';
import { isPoaExempt } from '../../src/encounter/poa-exempt-list.js';

const LISTED: readonly [string, string][] = [
  ['01236', 'B90.0'],
  ['01241', 'B91'],
  ['01248', 'B94.9'],
  ['04732', 'E64.0'],
  ['11598', 'I25.2'],
  ['12233', 'I69.30'],
  ['12098', 'I69.019'],
  ['21641', 'M80.812S'],
  ['21783', 'M80.88XD'],
  ['54928', 'S64.11XS'],
  ['55033', 'S65.001D'],
  ['87224', 'V35.6XXA'],
  ['87351', 'V39.00XS'],
  ['94757', 'Y37.111A'],
  ['94759', 'Y37.111S'],
  ['96880', 'Z77.122'],
  ['96889', 'Z78.0'],
  ['96899', 'Z79.4'],
  ['96937', 'Z80.3'],
  ['97042', 'Z85.3'],
  ['97135', 'Z86.73'],
  ['97162', 'Z87.440'],
];

const NOT_LISTED: readonly string[] = [
  'S64.12XA', // between 54928 S64.11XS and 54931 S64.12XD
  'M80.819A', // between 21641 M80.812S and 21644 M80.819D
  'E11.22',
  'E11.9',
  'I13.0', // between 04737 E64.9 and 11598 I25.2
  'I50.33',
  'I50.9', // between 11598 I25.2 and 12089 I69.00
  'C50.911',
  'D64.9', // between 01248 B94.9 and 04732 E64.0
];

describe('the CMS POA-exempt list', () => {
  it.each(LISTED)('order %s: %s is exempt', (_order, code) => {
    expect(isPoaExempt(code)).toBe(true);
  });

  it.each(NOT_LISTED)('%s is not exempt', (code) => {
    expect(isPoaExempt(code)).toBe(false);
  });

  it('takes dotless and lower-case codes', () => {
    expect(isPoaExempt('z794')).toBe(true);
  });
});
