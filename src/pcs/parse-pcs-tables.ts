/**
 * Reads the official ICD-10-PCS tables XML (`ICD10PCS.tabular`) into {@link PcsTable}s.
 * Positions 1-3 are the table's; each `pcsRow` holds positions 4-7.
 */
import type { PcsAxisValue, PcsRow, PcsTable } from './pcs-pack-format.js';
import {
  childText,
  childrenNamed,
  fiscalYearOf,
  readXmlTree,
  type XmlElement,
} from './xml-tree.js';

export interface ParsedPcsTables {
  fiscalYear: number;
  tables: PcsTable[];
}

function axisAt(parent: XmlElement, pos: number, where: string): XmlElement {
  const axis = childrenNamed(parent, 'axis').find((a) => a.attrs['pos'] === String(pos));
  if (!axis) throw new Error(`${where}: expected an <axis pos="${pos}">, found none.`);
  return axis;
}

function axisValues(axis: XmlElement, where: string): PcsAxisValue[] {
  const values = childrenNamed(axis, 'label').map((l): PcsAxisValue => [
    l.attrs['code'] ?? '',
    l.text,
  ]);
  const declared = Number(axis.attrs['values']);
  if (!values.length || values.some(([c]) => !/^[0-9A-Z]$/.test(c))) {
    throw new Error(
      `${where}: expected labels with one-character codes, found ${JSON.stringify(values.map(([c]) => c))}.`,
    );
  }
  if (Number.isFinite(declared) && declared !== values.length) {
    throw new Error(
      `${where}: the axis declares ${declared} values, found ${values.length} labels.`,
    );
  }
  return values;
}

function readRow(row: XmlElement, where: string): PcsRow {
  const axes = [4, 5, 6, 7].map((pos) =>
    axisValues(axisAt(row, pos, where), `${where} axis ${pos}`),
  );
  const rowValue = axes as PcsRow;
  const declared = Number(row.attrs['codes']);
  const count = axes.reduce((n, a) => n * a.length, 1);
  if (Number.isFinite(declared) && declared !== count)
    throw new Error(`${where}: the row declares ${declared} codes, its axes give ${count}.`);
  return rowValue;
}

function readTable(el: XmlElement, fileLabel: string, ordinal: number): PcsTable {
  const where = `${fileLabel} table ${ordinal + 1}`;
  const head = [1, 2, 3].map((pos) => {
    const axis = axisAt(el, pos, where);
    const [value] = axisValues(axis, `${where} axis ${pos}`);
    return { code: value![0], label: value![1], definition: childText(axis, 'definition') };
  });
  const code = head.map((h) => h.code).join('');
  const rows = childrenNamed(el, 'pcsRow').map((r, i) =>
    readRow(r, `${where} (${code}) row ${i + 1}`),
  );
  const firstRow = childrenNamed(el, 'pcsRow')[0];
  const axes = [1, 2, 3].map((pos) => childText(axisAt(el, pos, where), 'title'));
  for (const pos of [4, 5, 6, 7])
    axes.push(firstRow ? childText(axisAt(firstRow, pos, where), 'title') : '');
  const table: PcsTable = {
    code,
    labels: [head[0]!.label, head[1]!.label, head[2]!.label],
    axes,
    rows,
  };
  if (head[2]!.definition) table.definition = head[2]!.definition;
  return table;
}

/** Parses the tables file; `fileLabel` names it in errors. */
export function parsePcsTables(xml: string, fileLabel: string): ParsedPcsTables {
  const doc = readXmlTree(xml, fileLabel);
  if (doc.name !== 'ICD10PCS.tabular')
    throw new Error(`${fileLabel}: expected <ICD10PCS.tabular>, found <${doc.name}>.`);
  const tables = childrenNamed(doc, 'pcsTable').map((t, i) => readTable(t, fileLabel, i));
  return { fiscalYear: fiscalYearOf(doc, fileLabel), tables };
}
