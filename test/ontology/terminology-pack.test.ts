// The pack against the official check figures of the release files (shared/data/README.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseOrderFile,
  parseTabular,
  buildTerminologyPack,
} from '../../build/pack-terminology.js';
import { MissingDataError } from '../../build/data-source.js';
import { DATA_DIR, testOntology, testPack } from '../helpers/load-pack.js';
import { isCodeInRef } from '../../src/ontology/parse-code-refs.js';

describe('terminology pack', () => {
  it('holds the FY2025 April code list: 74,260 billable and 23,324 header codes', () => {
    const pack = testPack();
    const billable = [...pack.billable].filter((b) => b === '1').length;
    expect(billable).toBe(74_260);
    expect(pack.codes.length - billable).toBe(23_324);
    expect(pack.manifest.counts.billable).toBe(74_260);
    expect(pack.manifest.counts.headers).toBe(23_324);
  });

  it('expands exactly 72,621 billable codes from the FY2021 Tabular (7th characters, X placeholders, S06 rule)', () => {
    const xml = readFileSync(path.join(DATA_DIR, 'icd10cm', 'icd10cm-tabular-2021.xml'), 'utf8');
    const t = parseTabular(xml, 2021, 'tabular-2021');
    expect(t.billable.size).toBe(72_621);
    expect(t.billable.has('S020XXA')).toBe(true);
    expect(t.billable.has('S72001A')).toBe(true);
    // The S06 prose rule: no D or S 7th character when the 6th is 7 or 8.
    expect(t.billable.has('S06817D')).toBe(false);
    expect(t.billable.has('S06817A')).toBe(true);
    expect(t.chapters).toHaveLength(22);
    expect(t.blocks).toHaveLength(296);
    expect(testPack().manifest.counts.tabular2021Billable).toBe(72_621);
  });

  it('keeps the official long titles and billable flags of the order file', () => {
    const rows = parseOrderFile(
      readFileSync(path.join(DATA_DIR, 'icd10cm', 'icd10cm-order-2025-april.txt'), 'utf8'),
    );
    const onto = testOntology();
    expect(rows).toHaveLength(97_584);
    for (const row of rows) {
      expect(onto.title(row.code)).toBe(row.title);
      expect(onto.isBillable(row.code)).toBe(row.billable);
    }
  });

  it('has every Alphabetic Index code in the FY2025 code list', () => {
    const pack = testPack();
    const codes = new Set(pack.codes);
    const withCode = pack.index.code.filter(Boolean);
    expect(withCode).toHaveLength(62_721);
    const missing = withCode.filter((c) => !codes.has(c.replace(/-$/, '')));
    expect(missing).toEqual([]);
  });

  it('parses Excludes1 references into codes or ranges that exist in the classification', () => {
    const pack = testPack();
    const codes = pack.codes;
    let notes = 0;
    const unresolved: string[] = [];
    const all = [
      ...Object.values(pack.notes),
      ...pack.blocks.map((b) => b.notes ?? {}),
      ...pack.chapters.map((c) => c.notes ?? {}),
    ];
    for (const n of all) {
      for (const note of n.excludes1 ?? []) {
        notes++;
        // A note that prints a code in parentheses must yield at least one reference.
        if (/\([A-Z]\d[0-9A-Z]/.test(note.text))
          expect(note.refs?.length, note.text).toBeGreaterThan(0);
        for (const ref of note.refs ?? []) {
          if (!codes.some((c) => isCodeInRef(c, ref)))
            unresolved.push(`${note.text} -> ${JSON.stringify(ref)}`);
        }
      }
    }
    expect(notes).toBeGreaterThan(2_500);
    // FY2021 notes may name codes that FY2022-FY2025 deleted or expanded; they must stay rare.
    expect(unresolved.length, unresolved.slice(0, 10).join('\n')).toBeLessThan(notes * 0.01);
  });

  it('records per code which fiscal year its notes come from', () => {
    const pack = testPack();
    expect(pack.noteFy['E1122']).toBe(2021);
    expect(pack.noteFy['C50911']).toBe(2025);
    expect(testOntology().lookup('C50.911')?.notesFy).toBe(2025);
    expect(pack.manifest.sources.map((s) => s.file)).toContain(
      'icd10cm/icd10cm-order-2025-april.txt',
    );
    for (const s of pack.manifest.sources) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fails with instructions when the release files are missing', () => {
    expect(() => buildTerminologyPack('/nonexistent/marginalia-data')).toThrow(MissingDataError);
    expect(() => buildTerminologyPack('/nonexistent/marginalia-data')).toThrow(
      /order-2025-april\.txt[\s\S]*cms\.gov/,
    );
  });
});
