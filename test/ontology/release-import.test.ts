// Importing a new official release without a new extension version: parse, pack, diff, unzip.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 as zlibCrc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  buildPackFromRelease,
  classifyReleaseFile,
  ReleaseImportError,
} from '../../src/ontology/build-pack-from-release.js';
import {
  diffTerminologyPacks,
  formatTerminologyDiff,
} from '../../src/ontology/diff-terminology-packs.js';
import {
  crc32,
  listZipEntries,
  readZip,
  ZipError,
  type InflateRaw,
} from '../../src/ontology/read-zip.js';
import { sha256Hex } from '../../src/ontology/sha256.js';
import { loadOntology } from '../../src/ontology/ontology.js';
import type { TerminologyPack } from '../../src/ontology/pack-format.js';
import { DATA_DIR, testPack } from '../helpers/load-pack.js';

const dir = path.join(DATA_DIR, 'icd10cm');
const read = (name: string): string => readFileSync(path.join(dir, name), 'utf8');
const RELEASE = [
  'icd10cm-order-2025-april.txt',
  'icd10cm-tabular-2021.xml',
  'icd10cm-tabular-2025-ch02.xml',
  'icd10cm-index-2025-april.csv',
  'icd10cm-neoplasm-2025.xml',
  'icd10cm-drug-2025.xml',
  'icd10cm-eindex-2025.xml',
];

/** An order-file row in the official fixed-width layout. */
function orderRow(n: number, code: string, billable: boolean, title: string): string {
  return `${String(n).padStart(5, '0')} ${code.padEnd(7)} ${billable ? '1' : '0'} ${title.slice(0, 60).padEnd(60)} ${title}`;
}

/**
 * A synthetic FY2026 order file made from FY2025's: three codes added (E11.A, and R50.9 split
 * into R50.90/R50.91, so R50.9 becomes a header), two deleted (R68.89, U07.0), two retitled.
 */
function nextYearOrderFile(): string {
  const rows: { code: string; billable: boolean; title: string }[] = [];
  for (const line of read('icd10cm-order-2025-april.txt').split('\n')) {
    const l = line.replace(/\r$/, '');
    if (!l.trim()) continue;
    const code = l.slice(6, 13).trim();
    const billable = l.charAt(14) === '1';
    let title = l.slice(77).trim();
    if (code === 'R6889' || code === 'U070') continue;
    if (code === 'E119') title = 'Type 2 diabetes mellitus without complications or remission';
    if (code === 'I10') title = 'Essential (primary) hypertension, FY2026 wording';
    if (code === 'R509') {
      rows.push({ code, billable: false, title });
      rows.push({ code: 'R5090', billable: true, title: 'Fever, unspecified, without chills' });
      rows.push({ code: 'R5091', billable: true, title: 'Fever, unspecified, with chills' });
      continue;
    }
    rows.push({ code, billable, title });
    if (code === 'E119')
      rows.push({
        code: 'E11A',
        billable: true,
        title: 'Type 2 diabetes mellitus without complications in remission',
      });
  }
  return rows.map((r, i) => orderRow(i + 1, r.code, r.billable, r.title)).join('\r\n') + '\r\n';
}

/** A minimal ZIP writer (deflate or stored) for the tests. */
function makeZip(entries: { name: string; data: Uint8Array; store?: boolean }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.store ? Buffer.from(e.data) : deflateRawSync(e.data);
    const crc = zlibCrc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

const inflateRaw: InflateRaw = (bytes) => Promise.resolve(new Uint8Array(inflateRawSync(bytes)));

describe('release files in the pure core', () => {
  it('hashes like node:crypto', () => {
    for (const s of [
      '',
      'abc',
      'a'.repeat(55),
      'a'.repeat(56),
      'a'.repeat(64),
      'Ménière ✓'.repeat(1000),
    ]) {
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    }
    const bytes = readFileSync(path.join(dir, 'icd10cm-tabular-2025-ch02.xml'));
    expect(sha256Hex(new Uint8Array(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it.each([
    ['Code Descriptions/icd10cm-order-2026.txt', 'codes'],
    ['icd10cm-order-April-2025.txt', 'codes'],
    ['icd10cm-order-addenda-2026.txt', undefined],
    ['icd10cm-codes-2026.txt', undefined],
    ['icd10cm-tabular-2026.xml', 'notes'],
    ['icd10cm_index_2026.xml', 'index'],
    ['icd10cm-index-2025-april.csv', 'index'],
    ['icd10cm-eindex-2026.xml', 'eindex'],
    ['icd10cm-neoplasm-2026.xml', 'neoplasm'],
    ['icd10cm-drug-2026.xml', 'drug'],
    ['icd10cm-tabular-2026.xsd', undefined],
    ['icd10-Order-Files-2026.pdf', undefined],
  ])('recognises %s as %s', (name, role) => {
    expect(classifyReleaseFile(name)).toBe(role);
  });

  it('builds the same pack as the build from the same release files', () => {
    const files = new Map(RELEASE.map((f) => [`icd10cm/${f}`, read(f)]));
    const pack = buildPackFromRelease(files, { builtAt: 'x' });
    const built = testPack();
    expect(pack.manifest.version).toBe(built.manifest.version);
    expect(pack.manifest.notesFys).toEqual([2021, 2025]);
    expect(pack.manifest.sources.map((s) => [s.file, s.sha256])).toEqual(
      expect.arrayContaining(built.manifest.sources.map((s) => [s.file, s.sha256])),
    );
    const { manifest: _a, ...body } = pack;
    const { manifest: _b, ...builtBody } = built;
    expect(JSON.stringify(body)).toBe(JSON.stringify(builtBody));
  });

  it('refuses a release without the order file', () => {
    expect(() =>
      buildPackFromRelease(new Map([['icd10cm-tabular-2026.xml', '<ICD10CM.tabular/>']])),
    ).toThrow(ReleaseImportError);
    expect(() => buildPackFromRelease(new Map())).toThrow(/order file/);
  });
});

describe('a synthetic next-year release', () => {
  const order = nextYearOrderFile();
  const current = testPack();
  const expectDiff = (next: TerminologyPack): void => {
    const diff = diffTerminologyPacks(current, next);
    expect(diff.from).toBe('ICD-10-CM 2025-april');
    expect(diff.to).toBe('ICD-10-CM 2026');
    expect(diff.added.map((c) => [c.code, c.billable])).toEqual([
      ['E11.A', true],
      ['R50.90', true],
      ['R50.91', true],
    ]);
    expect(diff.deleted.map((c) => c.code)).toEqual(['R68.89', 'U07.0']);
    expect(diff.retitled).toEqual([
      {
        code: 'E11.9',
        oldTitle: 'Type 2 diabetes mellitus without complications',
        newTitle: 'Type 2 diabetes mellitus without complications or remission',
        billable: true,
      },
      {
        code: 'I10',
        oldTitle: 'Essential (primary) hypertension',
        newTitle: 'Essential (primary) hypertension, FY2026 wording',
        billable: true,
      },
    ]);
    expect(diff.billableChanged).toEqual([
      { code: 'R50.9', title: 'Fever, unspecified', wasBillable: true, isBillable: false },
    ]);
    expect(diff.counts).toMatchObject({
      added: 3,
      deleted: 2,
      retitled: 2,
      billableChanged: 1,
      addedBillable: 3,
      deletedBillable: 2,
    });
    expect(diff.counts.newBillable).toBe(74_260 + 3 - 2 - 1);
    const onto = loadOntology(next);
    expect(onto.lookup('E11.9')?.title).toBe(
      'Type 2 diabetes mellitus without complications or remission',
    );
    expect(onto.lookup('R50.91')?.parents.map((p) => p.code)).toContain('R50.9');
    expect(onto.isBillable('R50.9')).toBe(false);
    expect(onto.has('U07.0')).toBe(false);
    // Notes and the Index come along: the Tabular notes of E11 and an Index search still work.
    expect(onto.lookup('E11.A')?.notes.useAdditionalCode?.length).toBeGreaterThan(0);
    expect(onto.search('type 2 diabetes', { limit: 5 }).length).toBeGreaterThan(0);
  };

  it('from the whole release (order file, Tabulars, Index, tables): the diff lists every change', () => {
    const files = new Map<string, string>(
      RELEASE.filter((f) => !f.includes('order')).map((f) => [f, read(f)]),
    );
    files.set('icd10cm-order-2026.txt', order);
    const warnings: string[] = [];
    const next = buildPackFromRelease(files, { onWarning: (m) => warnings.push(m) });
    expect(next.manifest.codesFy).toBe(2026);
    // The FY2025 Index points at the deleted R68.89: the team lead is told.
    expect(warnings.join('\n')).toMatch(/Index code\(s\) are not in the 2026 code list/);
    expectDiff(next);
    expect(formatTerminologyDiff(diffTerminologyPacks(current, next)).join('\n')).toContain(
      '~ E11.9\tType 2 diabetes mellitus without complications\t=> ',
    );
  });

  it('from the CMS order-file zip alone, keeping notes, Index and tables of the pack in use', async () => {
    const zip = makeZip([
      { name: 'Code Descriptions/icd10cm-order-2026.txt', data: new TextEncoder().encode(order) },
      {
        name: 'Code Descriptions/icd10cm-order-addenda-2026.txt',
        data: new TextEncoder().encode('Add: E11.A\r\n'),
        store: true,
      },
      { name: 'Code Descriptions/', data: new Uint8Array(0), store: true },
    ]);
    expect(listZipEntries(zip).map((e) => e.name)).toEqual([
      'Code Descriptions/icd10cm-order-2026.txt',
      'Code Descriptions/icd10cm-order-addenda-2026.txt',
    ]);
    const files = await readZip(zip, inflateRaw);
    const warnings: string[] = [];
    const next = buildPackFromRelease(files, { base: current, onWarning: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toMatch(
      /no Tabular List XML; notes, 7th characters and the hierarchy are kept from 2025-april/,
    );
    expect(next.index.term.length).toBe(current.index.term.length);
    expect(next.manifest.sources.map((s) => s.role)).toEqual(
      expect.arrayContaining(['codes', 'notes', 'index', 'drug']),
    );
    expectDiff(next);
  });
});

describe('zip reader', () => {
  it('checks CRC-32 like zlib and refuses corrupt or foreign input', async () => {
    const data = new TextEncoder().encode('hello release');
    expect(crc32(data)).toBe(zlibCrc32(data));
    const zip = makeZip([{ name: 'a.txt', data }]);
    expect(new TextDecoder().decode((await readZip(zip, inflateRaw)).get('a.txt'))).toBe(
      'hello release',
    );
    const bad = makeZip([{ name: 'a.txt', data, store: true }]);
    bad[35] = (bad[35] ?? 0) ^ 0xff;
    await expect(readZip(bad, inflateRaw)).rejects.toThrow(/corrupt/);
    expect(() => listZipEntries(data)).toThrow(ZipError);
  });
});
