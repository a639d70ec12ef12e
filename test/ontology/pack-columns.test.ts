import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeJsonColumns, encodeJsonColumns } from '../../src/ontology/json-columns.js';
import { decodePackColumns, encodePackColumns } from '../../src/ontology/pack-columns.js';
import { encodeColumnFile } from '../../src/ontology/column-file.js';
import { REPO } from '../helpers/load-pack.js';

describe('JSON with large columns', () => {
  const value = {
    manifest: { format: 'x', counts: { codes: 2 } },
    codes: ['A00', 'A000'],
    billable: '01',
    notes: { A000: { inclusionTerm: [{ text: 'Classical cholera' }] } },
    index: { level: [0, 1, -3], term: ['Cholera', 'due to'], empty: [] as string[] },
    lines: ['a\nb'],
    mixed: [1, 'x'],
  };

  it('gives back an equal object, keys in the same order', () => {
    const back = decodeJsonColumns(encodeJsonColumns(value, { v: 1 }), 'the test file');
    expect(back.meta).toEqual({ v: 1 });
    expect(back.value).toEqual(value);
    expect(JSON.stringify(back.value)).toBe(JSON.stringify(value));
  });

  it('says what it expected of a file without a layout or with a column of another kind', () => {
    expect(() => decodeJsonColumns(encodeColumnFile({}, {}), 'the test file')).toThrow(
      'the test file: expected a column layout in the header, got none.',
    );
    const layout = [{ key: 'codes', kind: 'i32' }];
    const wrong = encodeColumnFile({ jsonColumnsLayout: layout }, { codes: ['A00'] });
    expect(() => decodeJsonColumns(wrong, 'the test file')).toThrow(
      'the test file: expected a i32 column "codes", got another kind.',
    );
  });
});

describe('binary terminology pack', () => {
  it('is the JSON pack it was made from (the build writes it beside the JSON)', () => {
    const json = path.join(REPO, 'dist', 'packs', 'icd10cm-2025-april.json');
    const bin = json.replace(/\.json$/, '.bin');
    if (!existsSync(bin)) throw new Error(`Expected ${bin}; run "npm run build" first.`);
    const b = readFileSync(bin);
    const { pack } = decodePackColumns(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    expect(JSON.stringify(pack)).toBe(JSON.stringify(JSON.parse(readFileSync(json, 'utf8'))));
  });

  it('names its source, and refuses a column file of another format', () => {
    const bytes = encodePackColumns({ codes: ['A00'] }, { bytes: 10, mtimeMs: 5 });
    expect(decodePackColumns(bytes)).toEqual({
      pack: { codes: ['A00'] },
      source: { bytes: 10, mtimeMs: 5 },
    });
    expect(() => decodePackColumns(encodeJsonColumns({}, { format: 'other' }))).toThrow(
      'the binary terminology pack: expected format "marginalia-terminology-pack-columns", got "other".',
    );
  });
});
