// The ICD-10-PCS pack against the official check figures (shared/data/icd10pcs/README.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPcsPack } from '../../build/pack-pcs.js';
import { parsePcsTables } from '../../src/pcs/parse-pcs-tables.js';
import { parsePcsIndex } from '../../src/pcs/parse-pcs-index.js';
import { PcsTables } from '../../src/pcs/pcs-tables.js';
import { DATA_DIR } from '../helpers/load-pack.js';
import { testPcsPack, testPcsTables } from '../helpers/load-pcs-pack.js';

const read = (file: string): string => readFileSync(path.join(DATA_DIR, 'icd10pcs', file), 'utf8');

describe('ICD-10-PCS pack', () => {
  it('holds the 79,115 valid FY2026 codes in 914 tables, fiscal years recorded', () => {
    const pack = testPcsPack();
    expect(pack.manifest.fiscalYear).toBe(2026);
    expect(pack.manifest.indexFiscalYear).toBe(2025);
    expect(pack.manifest.counts.codes).toBe(79_115);
    expect(pack.manifest.counts.tables).toBe(914);
    expect(testPcsTables().codeCount).toBe(79_115);
    expect(pack.manifest.sources.map((s) => [s.role, s.fiscalYear])).toEqual([
      ['tables', 2026],
      ['definitions', 2026],
      ['index', 2025],
    ]);
  });

  it('expands rows without crossing them: the expanded codes are unique and as many as the rows declare', () => {
    const tables = testPcsTables();
    const seen = new Set<string>();
    for (const code of tables.expand('')) seen.add(code);
    expect(seen.size).toBe(79_115);
    // 0DTJ4ZZ (laparoscopic appendectomy) is a code; 0DTJ4ZX is not (no diagnostic qualifier in that row).
    expect(tables.isValid('0DTJ4ZZ')).toBe(true);
    expect(tables.isValid('0DTJ4ZX')).toBe(false);
  });

  it('counts 78,948 FY2025 codes', () => {
    const t = parsePcsTables(read('icd10pcs-tables-2025.xml'), 'tables-2025');
    expect(t.fiscalYear).toBe(2025);
    expect(new PcsTables(t.tables, t.fiscalYear).codeCount).toBe(78_948);
  });

  it('resolves every FY2025 Index code, partial code and table in the FY2025 tables but the two the data README names', () => {
    const t = parsePcsTables(read('icd10pcs-tables-2025.xml'), 'tables-2025');
    const tables = new PcsTables(t.tables, t.fiscalYear);
    const index = parsePcsIndex(read('icd10pcs-index-2025.xml'), 'index-2025');
    const full: string[] = [];
    const partial: string[] = [];
    for (const entry of index.entries) {
      for (const ref of entry.refs) {
        if (ref.kind === 'code') full.push(ref.value);
        if (ref.kind === 'codes' || ref.kind === 'tab') partial.push(ref.value);
        if (ref.kind === 'see' && ref.code) (ref.code.length === 7 ? full : partial).push(ref.code);
        if (ref.kind === 'see' && ref.tab) partial.push(ref.tab);
      }
    }
    expect(full.length).toBeGreaterThan(2_700);
    expect(partial.length).toBeGreaterThan(12_000);
    expect([...new Set(full.filter((c) => !tables.isValid(c)))].sort()).toEqual([
      '5A0512C',
      '5A0522C',
    ]);
    expect(partial.filter((c) => !tables.hasPrefix(c))).toEqual([]);
  });

  it('keeps the definitions: root operations with their definition, body parts with their includes', () => {
    const pack = testPcsPack();
    expect(pack.manifest.counts.definitions).toBe(954);
    const excision = pack.definitions.find(
      (d) => d.section === '0' && d.axis === 3 && d.title === 'Excision',
    );
    expect(excision?.definition).toBe(
      'Cutting out or off, without replacement, a portion of a body part',
    );
    const aorta = pack.definitions.find(
      (d) => d.section === '0' && d.axis === 4 && d.title === 'Abdominal Aorta',
    );
    expect(aorta?.includes).toContain('Lumbar artery');
  });

  it('is built from verified files and stays small', () => {
    const pack = buildPcsPack(DATA_DIR);
    expect(pack.manifest.sources.every((s) => /^[0-9a-f]{64}$/.test(s.sha256))).toBe(true);
    expect(JSON.stringify(pack).length).toBeLessThan(4_000_000);
  });
});
